package io.pgferry.applier;

import io.pgferry.extractor.ServerError;
import io.pgferry.extractor.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a statement list in one transaction: all of it, or (on the first failure) none of it. PostgreSQL's
 * transactional DDL is what makes "a failed schema change rolls back completely" a guarantee rather
 * than a hope.
 *
 * <p>Immutable and reusable; build with {@link #builder()}.
 */
public final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  /** Told about each statement as it runs, e.g. for progress output. */
  @FunctionalInterface
  public interface Listener {
    void executing(int index, int total, SqlStatement statement);
  }

  private final Duration lockTimeout;
  private final Duration statementTimeout;
  private final Listener listener;

  private Applier(Builder b) {
    this.lockTimeout = b.lockTimeout;
    this.statementTimeout = b.statementTimeout;
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Result of a successful apply. */
  public record Result(int statements, Duration elapsed) {}

  /**
   * Executes {@code statements} in order in one transaction on {@code connection}, then commits. On failure
   * rolls back and throws {@link ApplyException} naming the statement and the server's message. The
   * connection's auto-commit setting is restored afterwards.
   */
  public Result apply(Connection connection, List<SqlStatement> statements) {
    Objects.requireNonNull(connection, "connection");
    long start = System.nanoTime();
    boolean autoCommit;
    try {
      autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new ApplyException(ApplyException.Code.TRANSACTION, "could not begin a transaction: " + e.getMessage(), null, 0,
          e.getSQLState(), e);
    }
    int i = 0;
    SqlStatement current = null;
    boolean committed = false;
    try (Statement st = connection.createStatement()) {
      // SET LOCAL keeps the timeouts to this transaction only.
      if (lockTimeout != null) {
        st.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
      }
      if (statementTimeout != null) {
        st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
      }
      for (SqlStatement s : statements) {
        i++;
        current = s;
        if (Thread.currentThread().isInterrupted()) {
          throw new ApplyException(ApplyException.Code.INTERRUPTED, "interrupted before statement " + i + " of "
              + statements.size() + "; the transaction was rolled back", s, i, null, null);
        }
        if (listener != null) {
          listener.executing(i, statements.size(), s);
        }
        LOG.debug("[{}/{}] {}", i, statements.size(), s.purpose());
        st.execute(s.sql());
      }
      current = null;
      connection.commit();
      committed = true;
      return new Result(statements.size(), Duration.ofNanos(System.nanoTime() - start));
    } catch (SQLException e) {
      if (current == null) {
        throw new ApplyException(ApplyException.Code.TRANSACTION, "commit failed: " + describe(e)
            + "; nothing was applied", null, 0, e.getSQLState(), e);
      }
      throw new ApplyException(ApplyException.Code.STATEMENT_FAILED, "statement " + i + " of " + statements.size() + " ("
          + current.purpose() + ") failed: " + describe(e) + "; the transaction was rolled back, nothing was applied",
          current, i, e.getSQLState(), e);
    } finally {
      if (!committed) {
        rollbackQuietly(connection);
      }
      try {
        connection.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        LOG.debug("could not restore auto-commit", e);
      }
    }
  }

  /**
   * The server's message with detail and hint, and the SQLSTATE: what a DBA needs to act; worded as every
   * pgferry error words it ({@link ServerError}).
   */
  public static String describe(SQLException e) {
    return ServerError.describe(e);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.warn("rollback failed: {}", e.getMessage());
    }
  }

  /** Builder for {@link Applier}. */
  public static final class Builder {
    private Duration lockTimeout;
    private Duration statementTimeout;
    private Listener listener;

    private Builder() {}

    /** Give up when a lock cannot be had within this time (default: wait as the server is configured). */
    public Builder lockTimeout(Duration d) {
      this.lockTimeout = d;
      return this;
    }

    public Builder statementTimeout(Duration d) {
      this.statementTimeout = d;
      return this;
    }

    public Builder listener(Listener l) {
      this.listener = l;
      return this;
    }

    public Applier build() {
      return new Applier(this);
    }
  }
}
