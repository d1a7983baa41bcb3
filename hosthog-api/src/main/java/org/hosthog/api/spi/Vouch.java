package org.hosthog.api.spi;

/**
 * How far a plugin that relays a request from elsewhere (the fleet link's web requests) vouches for
 * the user it names, and so which rights the user has on this host.
 */
public enum Vouch {
  /**
   * This host vouched for the user (their web login came from this host): they act as on this
   * host's socket, their groups here, admin groups included, count.
   */
  THIS_HOST,
  /**
   * Another host vouched for the user: they act under their name, but this host's admin groups do
   * not count (an admin here logs in through this host). A user whose login another host minted
   * cannot take this host's admin rights.
   */
  ANOTHER_HOST,
  /**
   * The user is an admin where the request comes from (the state server's {@code admin_users}) and
   * this host trusts that: they act with the rights of this host's admins.
   */
  ADMIN
}
