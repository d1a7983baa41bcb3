package org.hosthog.launcher.cli;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.hosthog.api.Text;
import org.hosthog.wire.Request;
import org.hosthog.wire.SyncReport;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "sync",
    description = {
      "Synchronise with the team calendar (and the state server) now, then show each one's status:"
          + " last success, pending changes, problems.",
      ""
    },
    footer = {
      "",
      "Needs a [sync.caldav] or [sync.fleet] section in the daemon's config.",
      ExitCode.HELP
    })
public final class SyncCommand extends ClientCommand {
  @Override
  void run() {
    Render render = Render.forTerminal();
    for (SyncReport s : ask(new Request.Sync())) {
      out()
          .println(
              "Last successful sync: "
                  + s.lastSuccess()
                      .map(
                          t ->
                              render.absolute(t)
                                  + " ("
                                  + Render.ago(Duration.between(t, OffsetDateTime.now()))
                                  + ")")
                      .orElse("never"));
      out().println("Changes waiting for the " + Text.sanitize(s.target()) + ": " + s.pending());
      s.problems().forEach(p -> out().println("  problem: " + Text.sanitize(p)));
    }
  }
}
