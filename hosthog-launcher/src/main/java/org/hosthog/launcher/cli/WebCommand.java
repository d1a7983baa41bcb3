package org.hosthog.launcher.cli;

import org.hosthog.wire.Request;
import org.hosthog.wire.WebLogin;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "web",
    description = {
      "Print a one-time login URL for the fleet's web page, for you.",
      "",
      "The daemon asks the state server for it on your behalf (it knows who you are from the"
          + " kernel). Open it within 5 minutes; it works once.",
      ""
    },
    footer = {"", "Needs a [sync.fleet] section in the daemon's config.", ExitCode.HELP})
public final class WebCommand extends ClientCommand {
  @Override
  void run() {
    WebLogin login = ask(new Request.Web());
    out().println(login.url());
  }
}
