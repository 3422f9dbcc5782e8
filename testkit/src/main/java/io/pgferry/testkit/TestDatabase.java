package io.pgferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database on one of the shared servers; {@link #close()} drops it. */
public final class TestDatabase implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** A running server. */
  public record Server(String role, EmbeddedPostgres pg) {
    public int port() {
      return pg.getPort();
    }

    public Connection connect(String database) throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", "postgres");
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, p);
    }
  }

  private final Server server;
  private final String name;

  private TestDatabase(Server server, String name) {
    this.server = server;
    this.name = name;
  }

  /** Creates {@code prefix_N} on the server; the name is unique within the JVM run. */
  public static TestDatabase create(Server server, String prefix) {
    String name = prefix.toLowerCase() + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new TestDatabase(server, name);
  }

  public String name() {
    return name;
  }

  public int port() {
    return server.port();
  }

  public Server server() {
    return server;
  }

  /** {@code postgresql://postgres@127.0.0.1:PORT/NAME}: a libpq URL as a user would type it. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + port() + "/" + name;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + name + "?user=postgres";
  }

  public Connection connect() throws SQLException {
    return server.connect(name);
  }

  /** Runs a script (statements separated the way psql would, see {@link SqlScript}). */
  public TestDatabase execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String stmt : SqlScript.split(sql)) {
        s.execute(stmt);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed on " + name + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** Runs a script from the classpath, e.g. {@code /io/pgferry/testkit/awkward.sql}. */
  public TestDatabase executeResource(String path) {
    return execute(resource(path));
  }

  public static String resource(String path) {
    try (InputStream in = TestDatabase.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows of a query as lists of strings (text output of the server), for compact assertions. */
  public List<List<String>> query(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed on " + name + ": " + e.getMessage(), e);
    }
  }

  public String scalar(String sql) {
    List<List<String>> rows = query(sql);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  /**
   * The sessions on this database besides the caller's, once those that were closing have gone (a closed session leaves
   * {@code pg_stat_activity} a moment after the client's close; a leaked one never does): waits up to 5 s for none.
   */
  public String otherSessionsAfterClose() {
    String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    String n = scalar(sql);
    while (!"0".equals(n) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      n = scalar(sql);
    }
    return n;
  }

  @Override
  public void close() {
    try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + name, e);
    }
  }
}
