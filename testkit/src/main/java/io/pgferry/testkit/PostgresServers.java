package io.pgferry.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two real PostgreSQL servers (a source and a target) shared by every test in one JVM, started on first
 * use and stopped at JVM exit. Tests isolate themselves by creating fresh databases ({@link #newDatabase}).
 */
public final class PostgresServers {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static EmbeddedPostgres source;
  private static EmbeddedPostgres target;
  private static EmbeddedPostgres smallLocks;
  private static EmbeddedPostgres logical;

  private PostgresServers() {}

  /** The server tests read from. */
  public static TestDatabase.Server source() {
    return new TestDatabase.Server("source", server(true));
  }

  /** A second, separate server tests write to. */
  public static TestDatabase.Server target() {
    return new TestDatabase.Server("target", server(false));
  }

  /**
   * A third server whose shared lock table holds a few hundred locks (max_locks_per_transaction 10,
   * max_connections 10): a transaction that creates a few hundred tables fails there with "out of shared
   * memory", as 10,000 tables do on a server with the default settings.
   */
  public static TestDatabase.Server smallLocks() {
    LOCK.lock();
    try {
      server(true);
      if (smallLocks == null) {
        smallLocks = start("max_locks_per_transaction", "10", "max_connections", "10");
      }
      return new TestDatabase.Server("small-locks", smallLocks);
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * A server with logical replication ({@code wal_level} logical, slots and WAL senders), as a source that
   * {@code pgferry follow} streams from. Started on first use.
   */
  public static TestDatabase.Server logical() {
    LOCK.lock();
    try {
      server(true);
      if (logical == null) {
        try {
          logical = throwaway(EmbeddedPostgres.builder().setServerConfig("max_connections", "100"))
              .setServerConfig("wal_level", "logical").setServerConfig("max_wal_senders", "10")
              .setServerConfig("max_replication_slots", "10").start();
        } catch (IOException e) {
          throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
      }
      return new TestDatabase.Server("logical", logical);
    } finally {
      LOCK.unlock();
    }
  }

  private static EmbeddedPostgres server(boolean wantSource) {
    LOCK.lock();
    try {
      if (source == null) {
        source = start();
        target = start();
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresServers::stopAll, "pg-stop"));
      }
      return wantSource ? source : target;
    } finally {
      LOCK.unlock();
    }
  }

  static EmbeddedPostgres start() {
    return start("max_connections", "200");
  }

  private static EmbeddedPostgres start(String... settings) {
    try {
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
      for (int i = 0; i < settings.length; i += 2) {
        b.setServerConfig(settings[i], settings[i + 1]);
      }
      return throwaway(b).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  /** Settings for a server whose data may be lost: no durability, no WAL beyond crash recovery. */
  static EmbeddedPostgres.Builder throwaway(EmbeddedPostgres.Builder b) {
    return b
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("max_wal_senders", "0")
        .setServerConfig("wal_level", "minimal");
  }

  private static void stopAll() {
    for (EmbeddedPostgres pg : new EmbeddedPostgres[] {source, target, smallLocks, logical}) {
      try {
        if (pg != null) {
          pg.close();
        }
      } catch (IOException ignored) {
        // the JVM is exiting; a leftover temp dir is harmless
      }
    }
  }
}
