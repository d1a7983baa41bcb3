package org.hosthog.launcher;

import java.util.Map;
import org.hosthog.launcher.cli.ClaimCommand;
import org.hosthog.launcher.cli.DaemonCommand;
import org.hosthog.launcher.cli.EditCommand;
import org.hosthog.launcher.cli.ExitCode;
import org.hosthog.launcher.cli.ExtendCommand;
import org.hosthog.launcher.cli.GlobalOptions;
import org.hosthog.launcher.cli.ListCommand;
import org.hosthog.launcher.cli.MotdCommand;
import org.hosthog.launcher.cli.PluginsCommand;
import org.hosthog.launcher.cli.RebootCheckCommand;
import org.hosthog.launcher.cli.ReleaseCommand;
import org.hosthog.launcher.cli.ResourcesCommand;
import org.hosthog.launcher.cli.ShowCommand;
import org.hosthog.launcher.cli.StatusCommand;
import org.hosthog.launcher.cli.StoreCommand;
import org.hosthog.launcher.cli.SyncCommand;
import org.hosthog.launcher.cli.TimelineCommand;
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
    footer = ExitCode.HELP,
    subcommands = {
      ClaimCommand.class,
      ListCommand.class,
      ShowCommand.class,
      ExtendCommand.class,
      EditCommand.class,
      ReleaseCommand.class,
      StatusCommand.class,
      ResourcesCommand.class,
      MotdCommand.class,
      TimelineCommand.class,
      PluginsCommand.class,
      StoreCommand.class,
      SyncCommand.class,
      RebootCheckCommand.class,
      DaemonCommand.class,
      CommandLine.HelpCommand.class
    })
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

  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new HosthogCommand());
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
