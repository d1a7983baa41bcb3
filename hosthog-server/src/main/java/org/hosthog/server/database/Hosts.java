package org.hosthog.server.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Enrolled hosts: their hashed tokens, last contact, inventory and admins.
 *
 * <p>Thread-safe: every call uses its own handle.
 */
public final class Hosts {
  /** A host not heard from for this long is shown offline, and the web's requests are refused. */
  public static final java.time.Duration OFFLINE_AFTER = java.time.Duration.ofMinutes(2);

  private final Jdbi jdbi;

  Hosts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * An enrolled host as the database holds it.
   *
   * @param gpuLoads its GPUs' loads at its last sample, as {@code GpuLoads.json} wrote them
   */
  public record HostRow(
      String name,
      Instant enrolled,
      Optional<Instant> lastSeen,
      Optional<String> inventory,
      Optional<Instant> revoked,
      Optional<String> gpuLoads) {}

  /** Schema version 7: each host's GPU loads at its last sample (for /metrics). */
  static void addGpuLoads(Handle h) {
    h.execute("ALTER TABLE hosts ADD COLUMN gpu_loads TEXT");
  }

  /** Records {@code host}'s GPU loads ({@code GpuLoads.json}); empty: unknown now. */
  public void setGpuLoads(String host, Optional<String> loads) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE hosts SET gpu_loads = :l WHERE name = :n")
                .bind("n", host)
                .bind("l", loads.orElse(null))
                .execute());
  }

  /**
   * Enrols {@code host} (again): its old token stops working, and it counts as not seen until its
   * daemon comes with the new one (so it is not shown online on the old token's last contact).
   */
  public void enroll(String host, String tokenHash, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO hosts (name, token_hash, enrolled) VALUES (:n, :t, :now)"
                        + " ON CONFLICT (name) DO UPDATE SET token_hash = :t, enrolled = :now,"
                        + " revoked = NULL, last_seen = NULL")
                .bind("n", host)
                .bind("t", tokenHash)
                .bind("now", now.toEpochMilli())
                .execute());
  }

  /**
   * Revokes {@code host}'s token, and ends every session and unused login link it vouched for;
   * false if it is not enrolled. Its reservations stay.
   */
  public boolean revoke(String host, Instant now) {
    return jdbi.inTransaction(
            h -> {
              h.createUpdate("DELETE FROM host_admins WHERE host = :n").bind("n", host).execute();
              h.createUpdate("DELETE FROM sessions WHERE host = :n").bind("n", host).execute();
              h.createUpdate("DELETE FROM login_links WHERE host = :n AND used IS NULL")
                  .bind("n", host)
                  .execute();
              return h.createUpdate(
                      "UPDATE hosts SET token_hash = NULL, revoked = :now WHERE name = :n")
                  .bind("n", host)
                  .bind("now", now.toEpochMilli())
                  .execute();
            })
        == 1;
  }

  /**
   * Records who {@code host} counts as its admins; written only when that changed, since hosts send
   * it with every heartbeat.
   */
  public void setAdmins(String host, Set<String> users) {
    jdbi.useTransaction(
        h -> {
          Set<String> now =
              new java.util.HashSet<>(
                  h.createQuery("SELECT username FROM host_admins WHERE host = :h")
                      .bind("h", host)
                      .mapTo(String.class)
                      .list());
          if (now.equals(users)) {
            return;
          }
          h.createUpdate("DELETE FROM host_admins WHERE host = :h").bind("h", host).execute();
          var insert = h.prepareBatch("INSERT INTO host_admins (host, username) VALUES (:h, :u)");
          for (String u : users) {
            insert.bind("h", host).bind("u", u).add();
          }
          if (!users.isEmpty()) {
            insert.execute();
          }
        });
  }

  /** The hosts that count {@code user} as one of their admins, by name. */
  public List<String> adminHosts(String user) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT host FROM host_admins WHERE username = :u ORDER BY host")
                .bind("u", user)
                .mapTo(String.class)
                .list());
  }

  private static final String HOST =
      "SELECT name, enrolled, last_seen, inventory, revoked, gpu_loads FROM hosts";

  public List<HostRow> all() {
    return jdbi.withHandle(
        h -> h.createQuery(HOST + " ORDER BY name").map((rs, ctx) -> hostRow(rs)).list());
  }

  public Optional<HostRow> host(String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(HOST + " WHERE name = :n")
                .bind("n", name)
                .map((rs, ctx) -> hostRow(rs))
                .findOne());
  }

  private static HostRow hostRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new HostRow(
        rs.getString("name"),
        Instant.ofEpochMilli(rs.getLong("enrolled")),
        Rows.instant(rs, "last_seen"),
        Optional.ofNullable(rs.getString("inventory")),
        Rows.instant(rs, "revoked"),
        Optional.ofNullable(rs.getString("gpu_loads")));
  }

  /** The host a (hashed) token belongs to, if it is enrolled and not revoked. */
  public Optional<String> hostForToken(String tokenHash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT name FROM hosts WHERE token_hash = :t")
                .bind("t", tokenHash)
                .mapTo(String.class)
                .findOne());
  }

  /** Records contact from {@code host}, with its inventory when it sent one. */
  public void touch(String host, Instant now, Optional<String> inventory) {
    jdbi.useHandle(h -> touch(h, host, now, inventory));
  }

  static void touch(Handle h, String host, Instant now, Optional<String> inventory) {
    h.createUpdate(
            "UPDATE hosts SET last_seen = :now"
                + (inventory.isPresent() ? ", inventory = :inv" : "")
                + " WHERE name = :n")
        .bind("n", host)
        .bind("now", now.toEpochMilli())
        .bind("inv", inventory.orElse(null))
        .execute();
  }
}
