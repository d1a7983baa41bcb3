package org.hosthog.sync.caldav;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What hosthog reads from one calendar event.
 *
 * @param uid the event's UID
 * @param summary its title
 * @param start first instant
 * @param end first instant after
 * @param modified LAST-MODIFIED (else DTSTAMP): when people last changed it, to let the later
 *     change win
 * @param identities e-mail addresses of the organizer, then the attendees, lower case, without
 *     {@code mailto:}
 * @param host {@code X-HOSTHOG-HOST}, present on events hosthog wrote
 * @param reservation the reservation hosthog wrote it for: {@code X-HOSTHOG-UUID}, else the UID if
 *     it is a UUID
 * @param rule its RRULE when it repeats (then start and end are the first occurrence's)
 */
record RemoteEvent(
    String uid,
    String summary,
    Instant start,
    Instant end,
    Optional<Instant> modified,
    List<String> identities,
    Optional<String> host,
    Optional<java.util.UUID> reservation,
    Optional<String> rule) {
  RemoteEvent {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(summary, "summary");
    identities = List.copyOf(identities);
    Objects.requireNonNull(rule, "rule");
  }
}
