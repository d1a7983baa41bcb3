package org.hosthog.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hosthog.api.HostEvent;
import org.hosthog.api.Reservation;
import org.hosthog.api.spi.Notifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Notifier} must do. A notifier subclasses this once: it opens itself and says
 * what reached people ({@link #delivered()}: the text of the motd file, a captured terminal, the
 * body a chat server received), waiting as long as its delivery takes.
 */
public abstract class NotifierContract {
  protected Notifier notifier;

  /** Opens the notifier under test, with a context whose reservations the test controls. */
  protected abstract Notifier open();

  /**
   * Makes a reservation exist where the notifier looks (its context's reservations) and returns it
   * as stored; the suite then publishes the event about it.
   */
  protected abstract Reservation claimed(String owner, String resource, String message);

  /** Everything people could see so far, as text. */
  protected abstract String delivered() throws Exception;

  /** Whether the notifier shows events of this kind at all (a motd shows no releases, say). */
  protected boolean announces(Class<? extends HostEvent> kind) {
    return true;
  }

  @BeforeEach
  void openNotifier() {
    notifier = open();
  }

  @AfterEach
  void closeNotifier() {
    notifier.close();
  }

  @Test
  void aNewClaimReachesPeopleWithOwnerResourceAndMessage() throws Exception {
    if (!announces(HostEvent.Created.class)) {
      return;
    }
    Reservation r = claimed("alice", "gpu:0-3", "paper deadline");
    notifier.onEvent(new HostEvent.Created(r, "alice", Instant.now(), List.of()));
    String text = delivered();
    assertTrue(
        text.contains("alice") && text.contains("gpu:0-3") && text.contains("paper deadline"),
        text);
  }

  @Test
  void hostileTextNeverReachesATerminalRaw() throws Exception {
    Reservation r =
        claimed("mallory", "gpu:1", "hi\u001b]0;owned\u0007\u001b[2J\u001b[31mred\u202e\rX");
    notifier.onEvent(new HostEvent.Created(r, "mallory", Instant.now(), List.of()));
    String text = delivered().replace("\r\n", "\n"); // a terminal notifier's own line ends are fine
    for (String bad : List.of("\u001b", "\u0007", "\u202e", "\r")) {
      assertFalse(
          text.contains(bad),
          "a control character reached people: " + text.replace("\u001b", "ESC"));
    }
  }

  @Test
  void everyKindOfEventIsAcceptedWithoutFailing() {
    Reservation r = claimed("alice", "host", "reboot");
    Instant now = Instant.now();
    for (HostEvent e :
        List.of(
            new HostEvent.Created(r, "alice", now, List.of()),
            new HostEvent.Changed(r, r, "root", now, List.of()),
            new HostEvent.StartingSoon(r, now),
            new HostEvent.Started(r, now),
            new HostEvent.Ended(r, now),
            new HostEvent.Released(r, "alice", now),
            new HostEvent.NewDay(LocalDate.now(), now))) {
      notifier.onEvent(e);
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    notifier.close();
    notifier.close();
    notifier = open();
  }
}
