package io.pgferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A PostgreSQL server of one test's own that the test can restart while a run uses it: a fast shutdown (every
 * backend gets "terminating connection due to administrator command", 57P01), some time down (connections are
 * refused), then the same data directory on the same port again, as a restart or a failover does to a client.
 * Databases created on it ({@link TestDatabase#create}) stay valid across restarts.
 */
public final class RestartableServer implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final Path dataDirectory;
  private final int port;
  private final boolean logical;
  private final String role;
  private EmbeddedPostgres pg;

  private RestartableServer(String role, Path dataDirectory, int port, boolean logical) {
    this.role = role;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.logical = logical;
    this.pg = start(dataDirectory, port, logical);
  }

  public static RestartableServer start(String role) {
    return start(role, false);
  }

  /** A server with logical replication ({@code wal_level} logical, slots, WAL senders), as {@code follow}'s source. */
  public static RestartableServer startLogical(String role) {
    return start(role, true);
  }

  private static RestartableServer start(String role, boolean logical) {
    int port;
    Path dir;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once the socket is closed, before the server binds it
      dir = Files.createTempDirectory("pgferry-restartable-");
      Files.delete(dir); // initdb wants to create it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RestartableServer(role, dir, port, logical);
  }

  public TestDatabase.Server server() {
    lock.lock();
    try {
      return new TestDatabase.Server(role, pg);
    } finally {
      lock.unlock();
    }
  }

  /** Stops the server (fast shutdown), waits {@code down}, starts it again; returns when it accepts connections. */
  public void restart(Duration down) {
    lock.lock();
    try {
      pg.close();
      Thread.sleep(down.toMillis());
      pg = start(dataDirectory, port, logical);
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop " + role, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + role + " was down", e);
    } finally {
      lock.unlock();
    }
  }

  private static EmbeddedPostgres start(Path dataDirectory, int port, boolean logical) {
    try {
      EmbeddedPostgres.Builder b = PostgresServers.throwaway(EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("max_connections", "100"));
      if (logical) {
        b.setServerConfig("wal_level", "logical").setServerConfig("max_wal_senders", "10").setServerConfig("max_replication_slots", "10");
      }
      return b.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL on port " + port, e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      pg.close();
      try (var files = Files.walk(dataDirectory)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    } finally {
      lock.unlock();
    }
  }
}
