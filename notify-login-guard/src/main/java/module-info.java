/**
 * The {@code login-guard} notifier: while someone holds the whole host exclusively, other users'
 * new logins are held off (through pam_access and pam_nologin files it keeps current) with a
 * message naming the owner and the end; root and admins always get in.
 */
module org.hosthog.notify.login.guard {
  requires org.hosthog.api;

  provides org.hosthog.api.spi.NotifierProvider with
      org.hosthog.notify.login.guard.LoginGuardProvider;
}
