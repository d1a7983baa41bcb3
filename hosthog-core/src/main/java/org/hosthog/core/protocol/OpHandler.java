package org.hosthog.core.protocol;

import org.hosthog.api.Actor;
import org.hosthog.wire.Request;

/**
 * Serves one kind of request for a caller whose identity the socket established.
 *
 * <p>Returns the result, or throws {@link Refusal} (a refused request), {@link
 * org.hosthog.wire.WireException} or {@link org.hosthog.api.InvalidInputException} (input that was
 * not understood); the dispatcher turns each into its answer.
 */
@FunctionalInterface
interface OpHandler<Q extends Request<R>, R> {
  R serve(Actor actor, Q request);
}
