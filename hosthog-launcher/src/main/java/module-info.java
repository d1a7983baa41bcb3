/**
 * hosthog's command line: the picocli commands, the JLine {@code hosthog>} shell, the daemon
 * command and the distribution layout.
 *
 * <p>Talks to the daemon through the wire module's client; backends reach it only through
 * ServiceLoader (they are on the module path, never required here).
 */
module org.hosthog.launcher {
  requires org.hosthog.core;
  requires org.hosthog.wire;
  requires org.hosthog.text;
  requires info.picocli;
  requires org.jline;
  requires java.logging;
  requires jdk.unsupported; // sun.misc.Signal: hosthog run passes SIGTERM and SIGHUP on

  opens org.hosthog.launcher to
      info.picocli;
  opens org.hosthog.launcher.cli to
      info.picocli;
  opens org.hosthog.launcher.repl to
      info.picocli;
}
