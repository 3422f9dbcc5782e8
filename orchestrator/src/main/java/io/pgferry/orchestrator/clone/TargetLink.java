package io.pgferry.orchestrator.clone;

import io.pgferry.applier.Reconnect;
import io.pgferry.extractor.ConnectionSource;
import io.pgferry.extractor.ServerError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clone's own connection to the target (the base DDL, the record of the run, large objects, sequence values,
 * a one-transaction seal), opened again when it is lost. The load's and the seal's connections already ride out a
 * target restart; without this, the run's own connection, idle while they worked, was the one thing left dead,
 * and the clone stopped at its next step ("kept; resume it") although nothing was wrong any more.
 *
 * <p>Only steps that are whole transactions go through {@link #call}: a transaction the server lost with its
 * connection was rolled back, so running the step again on a new connection neither repeats nor skips anything.
 */
final class TargetLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TargetLink.class);

  /** A step on the target: one or more whole transactions, safe to run again after a lost connection. */
  @FunctionalInterface
  interface Step<T> {
    T run(Connection target) throws SQLException;
  }

  /** A step with no result. */
  @FunctionalInterface
  interface Action {
    void run(Connection target) throws SQLException;
  }

  private final ConnectionSource source;
  private final Reconnect reconnect;
  private Connection connection;
  private int reopened;
  private Action onReopen = c -> { };

  private TargetLink(ConnectionSource source, Reconnect reconnect, Connection connection) {
    this.source = source;
    this.reconnect = reconnect;
    this.connection = connection;
  }

  /** Opens the first connection; a failure to open it is the caller's to report, as for any connection. */
  static TargetLink open(ConnectionSource source, Connection first, Reconnect reconnect) {
    return new TargetLink(source, reconnect, first);
  }

  /** Runs {@code action} on every connection opened again (the run's claim on the target is per session). */
  void onReopen(Action action) {
    this.onReopen = action;
  }

  /** The current connection; a new one when the last was lost (without waiting: for the failure path). */
  Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      closeQuietly();
      Connection c = source.open();
      try {
        onReopen.run(c);
      } catch (SQLException | RuntimeException e) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      connection = c;
      reopened++;
    }
    return connection;
  }

  /** How many times the connection was opened again. */
  int reopened() {
    return reopened;
  }

  /**
   * Runs {@code step}; when the connection is lost during it (or was lost before), waits, opens a new one and
   * runs it again, within {@code reconnect}'s tries. Any other failure is thrown at once.
   */
  <T> T call(Step<T> step) throws SQLException {
    return call(step, () -> true);
  }

  /** {@link #call(Step)} for a step with no result. */
  void run(Action action) throws SQLException {
    call(t -> {
      action.run(t);
      return null;
    });
  }

  /** {@link #call(Step)}, trying again only while {@code worthIt} holds (the step may need more than the target). */
  <T> T call(Step<T> step, java.util.function.BooleanSupplier worthIt) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run(connection());
      } catch (SQLException | RuntimeException e) {
        if (!lost(e) || !worthIt.getAsBoolean()) {
          throw e;
        }
        closeQuietly();
        if (!reconnect.again(attempt, e, Thread.currentThread().isInterrupted())) {
          throw e;
        }
        LOG.info("the target connection was lost; running the step again on a new one");
      }
    }
  }

  /** A lost or refused connection anywhere in the chain (the applier and loader wrap the driver's exception). */
  static boolean lost(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String state = t instanceof SQLException e ? e.getSQLState()
          : t instanceof io.pgferry.applier.ApplyException a ? a.sqlState()
          : t instanceof io.pgferry.loader.LoadException l ? l.sqlState() : null;
      if (state != null && ServerError.connectionLost(state)) {
        return true;
      }
    }
    return false;
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is gone already
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
