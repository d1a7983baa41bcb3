/**
 * Helpers a provider may use, apart from the contracts it must implement ({@code
 * org.hosthog.api.spi}): writing a file atomically, reading a secret file safely, gathering bursts
 * of events, serialising a store's writes. Depends on nothing but the JDK and the api.
 */
package org.hosthog.api.support;
