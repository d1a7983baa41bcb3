package org.hosthog.launcher.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.config.Locations;
import org.hosthog.core.host.HostSetup;
import org.hosthog.core.socket.SocketFiles;
import org.hosthog.core.transfer.StoreTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "store",
    description = {
      "Move a host's reservations and their history between stores (admins, daemon stopped).",
      ""
    },
    subcommands = {StoreCommand.Export.class, StoreCommand.Import.class},
    footer = {
      "",
      "Example: from SQLite to MapDB",
      "  systemctl stop hosthog",
      "  hosthog store export --config /etc/hosthog/hosthog.toml --output /root/hosthog.jsonl",
      "  # set [store] backend = \"mapdb\" (and its plugin dir) in a config, then:",
      "  hosthog store import --config /etc/hosthog/hosthog.toml --input /root/hosthog.jsonl",
      ExitCode.HELP
    })
public final class StoreCommand {

  /** Opens the store the config names, refusing while a daemon owns it or for non-admins. */
  static ReservationStore open(CommandSpec spec) {
    GlobalOptions.Resolved options = GlobalOptions.resolve(spec);
    Locations locations = Locations.forCurrentUser();
    HosthogConfig config =
        options.config().isPresent()
            ? HosthogConfig.load(options.config().get(), locations, false)
            : HosthogConfig.load(locations.configFile(), locations, true);
    if (SocketFiles.isServed(config.socket())) {
      throw new Refused(
          "a daemon serves "
              + config.socket()
              + " and owns the store: stop it first (systemctl stop hosthog)",
          ExitCode.REFUSED);
    }
    HostSetup setup = HostSetup.load(config);
    if (!setup.isAdmin(System.getProperty("user.name"))) {
      throw new Refused(
          "only root and members of "
              + String.join(", ", config.adminGroups())
              + " may move a store",
          ExitCode.REFUSED);
    }
    return setup.openStore();
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "export",
      description = "Write every reservation and its history as JSON lines.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GlobalOptions global;

    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
      try (ReservationStore store = open(spec)) {
        StoreTransfer.Counts counts;
        if (output == null) {
          counts = StoreTransfer.export(store, spec.commandLine().getOut());
        } else {
          try (PrintWriter out =
              new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            counts = StoreTransfer.export(store, out);
          }
        }
        spec.commandLine()
            .getErr()
            .println(
                "hosthog: exported "
                    + counts.reservations()
                    + " reservations and "
                    + counts.changes()
                    + " changes");
        return ExitCode.OK;
      }
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "import",
      description = "Read an export into the configured store, which must be empty.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GlobalOptions global;

    @Option(
        names = "--input",
        paramLabel = "FILE",
        description = "Read FILE instead of standard input.")
    Path input;

    @Override
    public Integer call() throws IOException {
      try (ReservationStore store = open(spec);
          BufferedReader in =
              input == null
                  ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  : Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
        StoreTransfer.Counts counts = StoreTransfer.importInto(store, in);
        spec.commandLine()
            .getErr()
            .println(
                "hosthog: imported "
                    + counts.reservations()
                    + " reservations and "
                    + counts.changes()
                    + " changes");
        return ExitCode.OK;
      }
    }
  }
}
