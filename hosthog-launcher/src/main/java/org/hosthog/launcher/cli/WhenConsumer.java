package org.hosthog.launcher.cli;

import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lets a WHEN be two words without quotes, as people type it: {@code --at tomorrow 09:00}, {@code
 * --until fri 18:00}. The second word is taken only when it is a time of day, so {@code --at
 * tomorrow gpu:0} still leaves {@code gpu:0} as a resource.
 */
public final class WhenConsumer implements IParameterConsumer {
  @Override
  public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
    if (args.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          commandSpec.commandLine(), "Missing WHEN after " + argSpec);
    }
    String when = args.pop();
    if (!args.isEmpty()
        && args.peek().matches("\\d{1,2}:\\d{2}(:\\d{2})?")
        && !when.matches(".*\\d{1,2}:\\d{2}.*")) {
      when = when + " " + args.pop();
    }
    argSpec.setValue(when);
  }
}
