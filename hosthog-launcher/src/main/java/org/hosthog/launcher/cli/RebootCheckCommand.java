package org.hosthog.launcher.cli;

import java.util.List;
import java.util.Optional;
import org.hosthog.wire.Request;
import org.hosthog.wire.ReservationView;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "reboot-check",
    description = {
      "Before a reboot or shutdown: list other users' active claims; exit 1 if there are any.",
      ""
    },
    footer = {
      "",
      "The caller's own claims do not count; under sudo, the caller is $SUDO_USER.",
      "Wired into molly-guard by the Debian package (/etc/molly-guard/run.d/30-hosthog),",
      "so `reboot` over ssh asks before it cuts off people who announced their work.",
      "",
      "Exit codes: 0 nobody else has an active claim, 1 someone has (listed),",
      "  2 usage error, 3 daemon not reachable."
    })
public final class RebootCheckCommand extends ClientCommand {
  @Override
  void run() {
    String me = callerBehindSudo().orElseGet(() -> ask(new Request.Hello()).user());
    List<ReservationView> others =
        ask(Request.ListReservations.current()).stream()
            .filter(r -> r.state().equals("active") && !r.owner().equals(me))
            .toList();
    if (others.isEmpty()) {
      out().println("hosthog: no other user has an active claim on this host");
      return;
    }
    out().println(Render.forTerminal().table(Render.rows(others)));
    throw new Refused(
        others.size()
            + (others.size() == 1 ? " active claim" : " active claims")
            + " of other users (above): tell them first, or wait until they end",
        ExitCode.REFUSED);
  }

  /** Root acting for a user through sudo: the user's own claims should not stop their reboot. */
  private static Optional<String> callerBehindSudo() {
    String sudoUser = System.getenv("SUDO_USER");
    return "root".equals(System.getProperty("user.name")) && sudoUser != null && !sudoUser.isBlank()
        ? Optional.of(sudoUser)
        : Optional.empty();
  }
}
