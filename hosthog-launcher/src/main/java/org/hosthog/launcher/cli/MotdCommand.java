package org.hosthog.launcher.cli;

import org.hosthog.api.Text;
import org.hosthog.wire.Request;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "motd",
    description = {
      "Print the message of the day: what is claimed today, what is free, who is on the host.",
      ""
    },
    footer = {
      "",
      "The daemon keeps the same text in /run/motd.d/hosthog for pam_motd to show at login.",
      ExitCode.HELP
    })
public final class MotdCommand extends ClientCommand {
  @Override
  void run() {
    ask(new Request.Motd()).text().lines().map(Text::sanitize).forEach(out()::println);
  }
}
