package org.hosthog.launcher.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hosthog.api.Actor;
import org.hosthog.api.spi.ReservationStore;
import org.hosthog.api.spi.StoreContext;
import org.hosthog.api.spi.StoreProvider;
import org.hosthog.core.config.HosthogConfig;
import org.hosthog.core.config.Locations;
import org.hosthog.core.daemon.SocketFiles;
import org.hosthog.core.plugin.Plugins;
import org.hosthog.core.service.Authorizer;
import org.hosthog.core.transfer.StoreTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "store",
    description = {"Move a host's reservations and their history between stores (admins, daemon stopped).", ""},
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
    HosthogConfig config = options.config().isPresent()
        ? HosthogConfig.load(options.config().get(), locations, false)
        : HosthogConfig.load(locations.configFile(), locations, true);
    if (SocketFiles.isServed(config.socket())) {
      throw new Refused("a daemon serves " + config.socket() + " and owns the store: stop it first (systemctl stop hosthog)", ExitCode.REFUSED);
    }
    String user = System.getProperty("user.name");
    if (!new Authorizer(Set.copyOf(config.adminGroups())).isAdmin(new Actor(user, groups(user)))) {
      throw new Refused("only root and members of " + String.join(", ", config.adminGroups()) + " may move a store", ExitCode.REFUSED);
    }
    Plugins plugins = Plugins.withFolders(config.pluginDirs());
    return plugins.select(StoreProvider.class, config.storeBackend())
        .open(new StoreContext("export", config.stateDir(), config.pluginSettings("store", config.storeBackend())));
  }

  private static Set<String> groups(String user) {
    try {
      Process p = new ProcessBuilder("id", "-Gn", "--", user).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && !out.isEmpty() ? Set.of(out.split("\\s+")) : Set.of();
    } catch (IOException e) {
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "export", description = "Write every reservation and its history as JSON lines.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GlobalOptions global;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
      try (ReservationStore store = open(spec)) {
        StoreTransfer.Counts counts;
        if (output == null) {
          counts = StoreTransfer.export(store, spec.commandLine().getOut());
        } else {
          try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            counts = StoreTransfer.export(store, out);
          }
        }
        spec.commandLine().getErr().println("hosthog: exported " + counts.reservations() + " reservations and " + counts.changes() + " changes");
        return ExitCode.OK;
      }
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "import", description = "Read an export into the configured store, which must be empty.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GlobalOptions global;

    @Option(names = "--input", paramLabel = "FILE", description = "Read FILE instead of standard input.")
    Path input;

    @Override
    public Integer call() throws IOException {
      try (ReservationStore store = open(spec);
          BufferedReader in = input == null
              ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
              : Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
        StoreTransfer.Counts counts = StoreTransfer.importInto(store, in);
        spec.commandLine().getErr().println("hosthog: imported " + counts.reservations() + " reservations and " + counts.changes() + " changes");
        return ExitCode.OK;
      }
    }
  }

}
