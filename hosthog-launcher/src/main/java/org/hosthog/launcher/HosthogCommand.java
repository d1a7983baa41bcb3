package org.hosthog.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hosthog.launcher.cli.ClaimCommand;
import org.hosthog.launcher.cli.DaemonCommand;
import org.hosthog.launcher.cli.EditCommand;
import org.hosthog.launcher.cli.ExitCode;
import org.hosthog.launcher.cli.ExtendCommand;
import org.hosthog.launcher.cli.FleetCommand;
import org.hosthog.launcher.cli.GlobalOptions;
import org.hosthog.launcher.cli.GpusCommand;
import org.hosthog.launcher.cli.LimitsCommand;
import org.hosthog.launcher.cli.ListCommand;
import org.hosthog.launcher.cli.MotdCommand;
import org.hosthog.launcher.cli.PluginsCommand;
import org.hosthog.launcher.cli.RebootCheckCommand;
import org.hosthog.launcher.cli.ReleaseCommand;
import org.hosthog.launcher.cli.ResourcesCommand;
import org.hosthog.launcher.cli.RunCommand;
import org.hosthog.launcher.cli.ServerCommand;
import org.hosthog.launcher.cli.ShowCommand;
import org.hosthog.launcher.cli.StatusCommand;
import org.hosthog.launcher.cli.StoreCommand;
import org.hosthog.launcher.cli.SyncCommand;
import org.hosthog.launcher.cli.TimelineCommand;
import org.hosthog.launcher.cli.WebCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top-level {@code hosthog} command. */
@Command(
    name = "hosthog",
    mixinStandardHelpOptions = true,
    versionProvider = HosthogCommand.Version.class,
    description = {
      "Announce which resources you need on this shared host, and see who uses it.",
      "",
      "Examples:",
      "  hosthog claim gpu:0-3 --until 2026-12-15 -m \"paper deadline\"",
      "  hosthog claim host --exclusive --in 5m --for 10m -m \"reboot for kernel update\"",
      "  hosthog list",
      "  hosthog extend 42 --by 2h",
      "  hosthog release 42"
    },
    footer = ExitCode.HELP)
public final class HosthogCommand implements Runnable {
  @Mixin GlobalOptions global;

  private boolean shell;

  /** No subcommand: Main opens the hosthog> shell (or reads a script from stdin). */
  @Override
  public void run() {
    shell = true;
  }

  boolean shellRequested() {
    return shell;
  }

  /**
   * Every subcommand, in the order help lists them. Picocli builds its model of a command by
   * reflection (about 10 ms each at start-up), so a command line names the one it runs and only
   * that one is built; help, the shell and unknown words get them all.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("claim", ClaimCommand::new);
    m.put("list", ListCommand::new);
    m.put("show", ShowCommand::new);
    m.put("extend", ExtendCommand::new);
    m.put("edit", EditCommand::new);
    m.put("release", ReleaseCommand::new);
    m.put("run", RunCommand::new);
    m.put("status", StatusCommand::new);
    m.put("gpus", GpusCommand::new);
    m.put("resources", ResourcesCommand::new);
    m.put("limits", LimitsCommand::new);
    m.put("motd", MotdCommand::new);
    m.put("timeline", TimelineCommand::new);
    m.put("plugins", PluginsCommand::new);
    m.put("store", StoreCommand::new);
    m.put("sync", SyncCommand::new);
    m.put("web", WebCommand::new);
    m.put("fleet", FleetCommand::new);
    m.put("reboot-check", RebootCheckCommand::new);
    m.put("daemon", () -> new DaemonCommand(new ThinCommands()));
    m.put("server", ServerCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return m;
  }

  /** The command line with every subcommand (the shell, help). */
  static CommandLine commandLine(Map<String, String> env) {
    return commandLine(env, new String[0]);
  }

  /** The command line for {@code args}: with only the subcommand they name, if they name one. */
  static CommandLine commandLine(Map<String, String> env, String[] args) {
    CommandLine cli = new CommandLine(new HosthogCommand());
    Optional<String> named =
        GlobalOptions.firstWord(args)
            .filter(SUBCOMMANDS::containsKey)
            .filter(w -> !w.equals("help"));
    if (named.isPresent()) {
      cli.addSubcommand(named.get(), SUBCOMMANDS.get(named.get()).get());
    } else {
      SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    }
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new ErrorHandler());
    cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
    GlobalOptions.environment(cli, env);
    return cli;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HosthogCommand.class.getPackage().getImplementationVersion();
      return new String[] {"hosthog " + (v == null ? "(development build)" : v)};
    }
  }
}
