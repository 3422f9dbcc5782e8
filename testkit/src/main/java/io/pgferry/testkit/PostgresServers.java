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

  private PostgresServers() {}

  /** The server tests read from. */
  public static TestDatabase.Server source() {
    return new TestDatabase.Server("source", server(true));
  }

  /** A second, separate server tests write to. */
  public static TestDatabase.Server target() {
    return new TestDatabase.Server("target", server(false));
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
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_wal_senders", "0")
          .setServerConfig("wal_level", "minimal")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  private static void stopAll() {
    for (EmbeddedPostgres pg : new EmbeddedPostgres[] {source, target}) {
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
