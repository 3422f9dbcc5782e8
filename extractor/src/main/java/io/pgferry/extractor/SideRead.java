package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.postgresql.PGConnection;

/**
 * A read running on a connection of its own, on a virtual thread, while the caller reads elsewhere. The
 * caller owns the connection and closes it after {@link #join} or {@link #abandon}, when nothing runs on it.
 */
final class SideRead<T> {
  /** The read; it may throw what JDBC throws. */
  @FunctionalInterface
  interface Read<T> {
    T read(Connection c) throws SQLException;
  }

  private final Connection connection;
  private final FutureTask<T> task;

  private SideRead(Connection connection, Read<T> read) {
    this.connection = connection;
    this.task = new FutureTask<>(() -> read.read(connection));
  }

  static <T> SideRead<T> start(String name, Connection connection, Read<T> read) {
    SideRead<T> r = new SideRead<>(connection, read);
    Thread.ofVirtual().name(name).start(r.task);
    return r;
  }

  /** The result; the read's failure as the exception it raised. */
  T join() throws SQLException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new ExtractException(ExtractException.Reason.CATALOG_READ, "interrupted while reading the catalog", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case SQLException sql -> throw sql;
        case RuntimeException re -> throw re;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** The caller's read failed: stop this one's statement and wait for it to end; its own outcome is dropped. */
  void abandon() {
    if (!task.isDone()) {
      try {
        connection.unwrap(PGConnection.class).cancelQuery();
      } catch (SQLException | RuntimeException ignored) {
        // the thread ends anyway when its statement does
      }
    }
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ignored) {
      // the caller's failure is the one reported
    }
  }
}
