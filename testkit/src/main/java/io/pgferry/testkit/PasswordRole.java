package io.pgferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A login role whose TCP logins must give a password. The embedded servers trust every local connection,
 * so this prepends {@code host all ROLE 127.0.0.1/32 scram-sha-256} (and the same for {@code ::1}) to
 * pg_hba.conf, reloads, and waits until a wrong password is refused. {@link #close()} removes exactly
 * those lines again, reloads, and drops the role.
 *
 * <pre>{@code
 * try (PasswordRole bob = PasswordRole.create(PostgresServers.source(), "bob", "S3cret!")) { ... }
 * }</pre>
 */
public final class PasswordRole implements AutoCloseable {
  private final TestDatabase.Server server;
  private final String name;
  private final String password;
  private final Path hbaFile;
  private final String rules;

  private PasswordRole(TestDatabase.Server server, String name, String password, Path hbaFile, String rules) {
    this.server = server;
    this.name = name;
    this.password = password;
    this.hbaFile = hbaFile;
    this.rules = rules;
  }

  /**
   * Creates (or re-creates) the role with a scram-sha-256 password and makes TCP logins of it require it.
   *
   * @param name a plain lower-case role name (no quoting needed)
   */
  public static PasswordRole create(TestDatabase.Server server, String name, String password) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("use a plain lower-case role name, got " + name);
    }
    String rules = "host all " + name + " 127.0.0.1/32 scram-sha-256\nhost all " + name + " ::1/128 scram-sha-256\n";
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS " + name);
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
      // Enough to be a clone source: read every table and sequence.
      s.execute("GRANT pg_read_all_data TO " + name);
      Path hba = Path.of(scalar(s, "SHOW hba_file"));
      Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
      PasswordRole role = new PasswordRole(server, name, password, hba, rules);
      role.awaitScram();
      return role;
    } catch (SQLException e) {
      throw new IllegalStateException("could not create password role " + name, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public String password() {
    return password;
  }

  public TestDatabase.Server server() {
    return server;
  }

  /** pg_reload_conf() only signals the postmaster; a refused wrong password proves the new rule is live. */
  private void awaitScram() {
    Properties p = new Properties();
    p.setProperty("user", name);
    p.setProperty("password", password + "-wrong");
    for (int i = 0; i < 200; i++) {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", p)) {
        // still trusted: the reload has not happened yet
      } catch (SQLException e) {
        if ("28P01".equals(e.getSQLState())) {
          return;
        }
        throw new IllegalStateException("unexpected failure while waiting for pg_hba.conf", e);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("pg_hba.conf change did not take effect");
  }

  /** Removes this role's pg_hba.conf lines (whatever else changed in the file stays), reloads, drops the role. */
  @Override
  public void close() {
    try {
      String current = Files.readString(hbaFile, StandardCharsets.UTF_8);
      Files.writeString(hbaFile, current.replace(rules, ""), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("SELECT pg_reload_conf()");
      s.execute("DROP ROLE IF EXISTS " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop role " + name, e);
    }
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
