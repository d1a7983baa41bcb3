package org.hosthog.wire;

import java.util.Optional;

/**
 * The answer to {@code wait}: the claim, once it is granted; until then the caller's place in the
 * queue, to ask again with.
 *
 * @param granted the claim, when it was made this time
 * @param ticket the caller's place in the queue (send it with the next {@code wait})
 * @param ahead how many wait before the caller
 */
public record WaitResult(Optional<Granted> granted, long ticket, int ahead) {}
