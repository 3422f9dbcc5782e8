package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.Endpoint;

import io.pgferry.extractor.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extra source connections in read-only transactions on the clone's exported snapshot, so that the extract
 * phase's independent reads (the catalog's tables, its other objects, the inventory of every object) run side
 * by side: on a catalog of 10,000 tables the server's work is most of the extraction, and one backend uses one
 * core. A connection that cannot be opened (a connection limit, say) is not an error: the read it was for
 * then runs on the main snapshot connection, as before.
 */
final class SnapshotReaders {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotReaders.class);

  private SnapshotReaders() {}

  /** A connection on {@code snapshot}, or null when none could be opened. */
  static Connection open(Endpoint source, String snapshot, String applicationName) {
    Connection c;
    try {
      c = source.open(applicationName);
    } catch (RuntimeException e) {
      LOG.debug("no extra source connection for the catalog read; reading on one", e);
      return null;
    }
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshot));
      // catalog queries are costed above jit_above_cost on big catalogs and compile for longer than they run
      s.execute("SET jit = off");
      return c;
    } catch (SQLException e) {
      LOG.debug("could not import the snapshot on an extra source connection; reading on one", e);
      close(c);
      return null;
    }
  }

  /** The catalog reader's extra connections: on {@code snapshot}, and plain ones. */
  static io.pgferry.extractor.CatalogReader.Helpers helpers(Endpoint source, String snapshot) {
    return new io.pgferry.extractor.CatalogReader.Helpers() {
      @Override
      public Connection onSnapshot() {
        return open(source, snapshot, "pgferry extract");
      }

      @Override
      public Connection plain() {
        try {
          return source.open("pgferry extract");
        } catch (RuntimeException e) {
          LOG.debug("no extra source connection for sequence values; reading them on one", e);
          return null;
        }
      }
    };
  }

  /** Ends the transaction and closes; never throws (the reads are done or have failed already). */
  static void close(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rolling back an extra source connection failed", e);
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing an extra source connection failed", e);
    }
  }

  /**
   * Runs {@code read} on a connection of its own on the snapshot, on a virtual thread, or later on
   * {@code fallback} when no such connection can be opened.
   */
  static <T> Pending<T> start(Endpoint source, String snapshot, Connection fallback, Function<Connection, T> read) {
    Connection own = open(source, snapshot, "pgferry extract");
    if (own == null) {
      return new Pending<>(null, null, () -> read.apply(fallback));
    }
    FutureTask<T> task = new FutureTask<>(() -> {
      try {
        return read.apply(own);
      } finally {
        close(own);
      }
    });
    Thread.ofVirtual().name("pgferry-extract").start(task);
    return new Pending<>(task, own, null);
  }

  /** A read started by {@link #start}. */
  static final class Pending<T> {
    private final FutureTask<T> task;
    private final Connection connection;
    private final Callable<T> inline;

    private Pending(FutureTask<T> task, Connection connection, Callable<T> inline) {
      this.task = task;
      this.connection = connection;
      this.inline = inline;
    }

    /** The result; the read's own exception when it failed. */
    T join() {
      try {
        return task == null ? inline.call() : task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new PgferryException(PgferryException.Code.INTERRUPTED, "interrupted while reading the source", e);
      } catch (ExecutionException e) {
        throw rethrow(e.getCause());
      } catch (Exception e) {
        throw rethrow(e);
      }
    }

    /** Stops the read when the run fails before it needs the result (the connection closes when it ends). */
    void cancel() {
      if (task != null && !task.isDone()) {
        try {
          connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException e) {
          LOG.debug("cancelling an extra source read failed", e);
        }
      }
    }

    private static RuntimeException rethrow(Throwable t) {
      if (t instanceof RuntimeException re) {
        return re;
      }
      if (t instanceof Error err) {
        throw err;
      }
      return new IllegalStateException(t);
    }
  }
}
