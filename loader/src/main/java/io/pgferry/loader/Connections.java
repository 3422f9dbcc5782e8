package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A source and a target connection, opened and prepared at the same time: each open is a few round trips
 * (start-up, authentication, session settings), and a short sync pays them before any work, so the two
 * servers' waits overlap instead of adding up.
 */
record Connections(Connection source, Connection target) implements AutoCloseable {

  /** Session set-up run on each new connection; {@code target} says which one it is. */
  interface Prepare {
    void prepare(Connection c, boolean target) throws SQLException;
  }

  /** Opens both (the target on a virtual thread); on failure closes whatever was opened and throws the first error. */
  static Connections open(ConnectionSource source, ConnectionSource target, Prepare prepare) throws SQLException {
    FutureTask<Connection> onTarget = new FutureTask<>(() -> openPrepared(target, prepare, true));
    Thread.ofVirtual().name("pgferry-open-target").start(onTarget);
    Connection src = null;
    SQLException failure = null;
    RuntimeException unchecked = null; // a ConnectionSource may report a refused connection unchecked
    try {
      src = openPrepared(source, prepare, false);
    } catch (SQLException e) {
      failure = e;
    } catch (RuntimeException e) {
      unchecked = e;
    }
    Connection dst = null;
    try {
      dst = onTarget.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = addTo(failure, new SQLException("interrupted while opening the target connection", e));
    } catch (ExecutionException e) {
      failure = addTo(failure, e.getCause() instanceof SQLException s ? s : new SQLException("opening the target", e.getCause()));
    }
    if (failure != null || unchecked != null) {
      // the target is opened (or has failed) by now: close whatever was opened, then report the first error
      Exception first = unchecked != null ? unchecked : failure;
      closeQuietly(src, first);
      closeQuietly(dst, first);
      if (unchecked != null) {
        if (failure != null) {
          unchecked.addSuppressed(failure);
        }
        throw unchecked;
      }
      throw failure;
    }
    return new Connections(src, dst);
  }

  private static Connection openPrepared(ConnectionSource s, Prepare prepare, boolean target) throws SQLException {
    Connection c = s.open();
    try {
      prepare.prepare(c, target);
      return c;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c, e);
      throw e;
    }
  }

  private static SQLException addTo(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static void closeQuietly(Connection c, Exception failure) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Closes the target first (it holds the batch work), then the source; both are closed whatever happens. */
  @Override
  public void close() throws SQLException {
    try {
      target.close();
    } finally {
      source.close();
    }
  }
}
