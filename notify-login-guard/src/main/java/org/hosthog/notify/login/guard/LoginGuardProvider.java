package org.hosthog.notify.login.guard;

import java.nio.file.Path;
import java.time.Duration;
import org.hosthog.api.spi.Notifier;
import org.hosthog.api.spi.NotifierProvider;
import org.hosthog.api.spi.PluginContext;

/**
 * {@code login-guard}, opt-in: {@code [notify] enabled = ["motd", "wall", "login-guard"]}.
 *
 * <p>{@code [notify.login-guard]}: {@code access_file} (default {@code
 * /run/hosthog/login-guard.access}) and {@code message_file} (default {@code
 * /run/hosthog/login-guard.nologin}), the two files the PAM lines in the README read; {@code
 * refresh} (default {@code "30s"}).
 */
public final class LoginGuardProvider implements NotifierProvider {
  @Override
  public String id() {
    return "login-guard";
  }

  @Override
  public String description() {
    return "holds off other users' logins during an exclusive whole-host claim (pam_access + pam_nologin)";
  }

  @Override
  public Notifier open(PluginContext context) {
    Path access = path(context, "access_file", "/run/hosthog/login-guard.access");
    Path message = path(context, "message_file", "/run/hosthog/login-guard.nologin");
    Duration refresh = context.settings().duration("refresh").orElse(Duration.ofSeconds(30));
    if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw context.settings().invalid("refresh", "at least \"1s\"");
    }
    return LoginGuard.start(context, access, message, refresh);
  }

  private static Path path(PluginContext context, String key, String systemDefault) {
    Path p =
        context
            .settings()
            .string(key)
            .map(Path::of)
            .orElse(
                "root".equals(System.getProperty("user.name"))
                    ? Path.of(systemDefault)
                    : context.stateDir().resolve(Path.of(systemDefault).getFileName()));
    if (!p.isAbsolute()) {
      throw context.settings().invalid(key, "an absolute path such as \"" + systemDefault + "\"");
    }
    return p;
  }
}
