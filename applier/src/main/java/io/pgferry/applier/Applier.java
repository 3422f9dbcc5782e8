package io.pgferry.applier;

import io.pgferry.extractor.ServerError;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a statement list in one transaction: all of it, or (on the first failure) none of it. PostgreSQL's
 * transactional DDL is what makes "a failed schema change rolls back completely" a guarantee rather
 * than a hope. The statement loop here is the only one: {@link ParallelApplier} runs each of its pieces
 * through it on its own connections.
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

  /**
   * What an earlier run already committed, so a resumed run skips it, and the record of what this run commits,
   * written in the same transaction as the statements (or just after one that cannot run in a transaction).
   */
  public interface Journal {
    boolean done(SqlStatement statement);

    /** Records {@code statements} as done, on {@code c} inside its open transaction (or in auto-commit). */
    void record(Connection c, List<SqlStatement> statements) throws SQLException;

    /**
     * Whether every one of {@code statements} is recorded as done on the target ({@code c}): asked before statements
     * run again on a new connection after the old one was lost, since their commit may have gone through with only
     * its acknowledgement lost (running them again would fail, or do them twice).
     */
    default boolean recorded(Connection c, List<SqlStatement> statements) throws SQLException {
      return false;
    }
  }

  /** Waits between tries of a transaction; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /**
   * Which failures run the same statements again, how often at most ({@code attempts} tries in all), and the
   * first wait between tries (doubled after each).
   */
  public record Retry(Set<String> sqlStates, int attempts, Duration firstWait) {
    public Retry {
      sqlStates = Set.copyOf(sqlStates);
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
      Objects.requireNonNull(firstWait, "firstWait");
    }

    /** One try: a failure is final. */
    public static Retry none() {
      return new Retry(Set.of(), 1, Duration.ZERO);
    }

    /**
     * Deadlock, serialization failure and lock timeout, four tries with waits of 50, 100, 200 ms: such an error
     * says nothing about the statements, the same transaction succeeds once the other one has finished.
     */
    public static Retry transientErrors() {
      return new Retry(Set.of("40P01", "40001", "55P03"), 4, Duration.ofMillis(50));
    }
  }

  private final Duration lockTimeout;
  private final Duration statementTimeout;
  private final Listener listener;
  private final Map<String, String> sessionSettings;
  private final Function<SqlStatement, Map<String, String>> statementSettings;
  private final Retry retry;
  private final Sleeper sleeper;
  private final Journal journal;
  private final boolean pipelined;

  /** The record of what is done, or null. */
  Journal journal() {
    return journal;
  }

  private Applier(Builder b) {
    this.journal = b.journal;
    this.pipelined = b.pipelined;
    this.lockTimeout = b.lockTimeout;
    this.statementTimeout = b.statementTimeout;
    this.listener = b.listener;
    this.sessionSettings = b.sessionSettings;
    this.statementSettings = b.statementSettings;
    this.retry = b.retry;
    this.sleeper = b.sleeper;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Result of a successful apply. */
  public record Result(int statements, Duration elapsed) {}

  /**
   * Executes {@code statements} in order in one transaction on {@code connection}, then commits. On failure
   * rolls back and throws {@link ApplyException} naming the statement and the server's message. The
   * connection's auto-commit setting is restored afterwards; the session settings stay.
   */
  public Result apply(Connection connection, List<SqlStatement> statements) {
    Objects.requireNonNull(connection, "connection");
    prepare(connection, false);
    return run(connection, statements, true, () -> false, () -> {});
  }

  /**
   * Executes each of {@code statements} on its own, outside any transaction block (as CREATE INDEX CONCURRENTLY
   * needs), each under the lock and statement timeouts, which stay set on the session. Stops at the first failure
   * and throws {@link ApplyException} naming it; the statements before it stay applied.
   */
  public Result applyEach(Connection connection, List<SqlStatement> statements) {
    Objects.requireNonNull(connection, "connection");
    prepare(connection, true);
    return run(connection, statements, false, () -> false, () -> {});
  }

  /**
   * The session settings on a fresh connection, with set_config (values travel as bind parameters); on a
   * {@code lane} (a connection of its own, running pieces in and out of transactions) the timeouts too.
   */
  void prepare(Connection c, boolean lane) {
    Map<String, String> settings = new LinkedHashMap<>(sessionSettings);
    if (lane && lockTimeout != null) {
      settings.put("lock_timeout", Long.toString(lockTimeout.toMillis()));
    }
    if (lane && statementTimeout != null) {
      settings.put("statement_timeout", Long.toString(statementTimeout.toMillis()));
    }
    if (settings.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT set_config(?, ?, false)")) {
      for (Map.Entry<String, String> e : settings.entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, e.getValue());
        p.execute();
      }
    } catch (SQLException e) {
      throw new ApplyException(ApplyException.Reason.CONNECTION, "could not set up the session: " + describe(e), null, 0,
          e.getSQLState(), e);
    }
  }

  /**
   * The statement loop: {@code statements} in order on {@code c}, in one transaction when {@code transaction}
   * (else each on its own), tried again as {@link Retry} allows ({@code retrying} is told before each new try).
   * Stops before the next statement, rolling back, once {@code stopped} says so or the thread is interrupted.
   *
   * @throws ApplyException the failure; a transaction was rolled back
   */
  Result run(Connection c, List<SqlStatement> statements, boolean transaction, BooleanSupplier stopped, Runnable retrying) {
    long start = System.nanoTime();
    boolean autoCommit;
    try {
      autoCommit = c.getAutoCommit();
      c.setAutoCommit(!transaction);
    } catch (SQLException e) {
      throw new ApplyException(ApplyException.Reason.TRANSACTION, "could not begin a transaction: " + e.getMessage(), null, 0,
          e.getSQLState(), e);
    }
    try {
      for (int attempt = 1; ; attempt++) {
        Position at = new Position();
        try {
          once(c, statements, transaction, stopped, at);
          return new Result(statements.size(), Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
          rollbackQuietly(c);
          // Outside a transaction the statements before the failed one stay: only a single one can run again.
          boolean again = attempt < retry.attempts() && retry.sqlStates().contains(e.getSQLState())
              && (transaction || statements.size() == 1) && !stopped.getAsBoolean();
          if (!again) {
            throw failure(e, at, statements.size(), transaction);
          }
          long wait = retry.firstWait().toMillis() << (attempt - 1);
          LOG.warn("{} failed with a transient error ({}), retrying in {} ms (attempt {} of {})",
              at.statement == null ? "a transaction" : at.statement.purpose(), describe(e), wait, attempt + 1, retry.attempts());
          retrying.run();
          try {
            sleeper.sleep(wait);
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new ApplyException(ApplyException.Reason.INTERRUPTED, "interrupted while waiting to run "
                + statements.size() + " statement(s) again; nothing of them was kept", null, 0, null, x);
          }
        } catch (RuntimeException | Error e) {
          rollbackQuietly(c);
          throw e;
        }
      }
    } finally {
      try {
        c.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        LOG.debug("could not restore auto-commit", e);
      }
    }
  }

  /** Where the loop is: the failing statement, or none when the commit failed. */
  private static final class Position {
    int index;
    SqlStatement statement;
    /** Statements sent at once when the failure came and no statement could be named (a lost connection). */
    int sent;
  }

  private void once(Connection c, List<SqlStatement> all, boolean transaction, BooleanSupplier stopped, Position at)
      throws SQLException {
    List<SqlStatement> statements = journal == null ? all : all.stream().filter(s -> !journal.done(s)).toList();
    if (statements.isEmpty()) {
      return;
    }
    try (Statement st = c.createStatement()) {
      localTimeouts(st, transaction);
      boolean sent = pipelined && transaction && listener == null && statements.size() > 1
          && statements.stream().allMatch(s -> statementSettings.apply(s).isEmpty()) && pipeline(c, st, statements, stopped, at);
      for (SqlStatement s : sent ? List.<SqlStatement>of() : statements) {
        at.index++;
        at.statement = s;
        if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
          throw new ApplyException(ApplyException.Reason.INTERRUPTED, (stopped.getAsBoolean() ? "stopped" : "interrupted")
              + " before statement " + at.index + " of " + statements.size() + (transaction ? "; the transaction was rolled back" : ""),
              s, at.index, null, null);
        }
        if (listener != null) {
          listener.executing(at.index, statements.size(), s);
        }
        LOG.debug("[{}/{}] {}", at.index, statements.size(), s.purpose());
        Map<String, String> own = statementSettings.apply(s);
        // With a journal, a statement that can run in a transaction commits with its mark, so a crash between the
        // two cannot leave a done statement unmarked (run again, CREATE INDEX would find its index already there).
        boolean alone = !transaction && journal != null && !s.sql().contains("CONCURRENTLY");
        if (alone) {
          c.setAutoCommit(false);
        }
        set(c, own, transaction || alone);
        st.execute(s.sql());
        // After a failure the connection is not used again (or the transaction rolled back): no reset needed then.
        unset(c, own, transaction || alone);
        if (journal != null && !transaction) {
          journal.record(c, List.of(s));
        }
        if (alone) {
          c.commit();
          c.setAutoCommit(true);
        }
      }
      if (journal != null && transaction) {
        journal.record(c, statements);
      }
    }
    at.statement = null;
    // statements sent at once are not checked one by one: an interrupt meanwhile is seen here
    if (transaction && (stopped.getAsBoolean() || Thread.currentThread().isInterrupted())) {
      throw new ApplyException(ApplyException.Reason.INTERRUPTED, (stopped.getAsBoolean() ? "stopped" : "interrupted")
          + " before the commit; the transaction was rolled back", null, 0, null, null);
    }
    if (transaction) {
      c.commit();
    }
  }

  /** SET LOCAL keeps the timeouts to this transaction only. */
  private void localTimeouts(Statement st, boolean transaction) throws SQLException {
    if (transaction && lockTimeout != null) {
      st.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
    }
    if (transaction && statementTimeout != null) {
      st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
    }
  }

  /**
   * Sends a transaction's statements at once and reads their results after, instead of one round trip each: with
   * thousands of short DDL statements the server and the client otherwise wait for each other in turn. A server error
   * is reported as the loop would report it (the statement, its SQLSTATE and detail); anything else (a statement that
   * returns rows) rolls back and returns false, and the loop runs them one by one.
   */
  private boolean pipeline(Connection c, Statement st, List<SqlStatement> statements, BooleanSupplier stopped, Position at)
      throws SQLException {
    if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      return false; // the loop reports it, before its first statement
    }
    for (int i = 0; i < statements.size(); i++) {
      LOG.debug("[{}/{}] {}", i + 1, statements.size(), statements.get(i).purpose());
      st.addBatch(statements.get(i).sql());
    }
    try {
      st.executeBatch();
      return true;
    } catch (java.sql.BatchUpdateException e) {
      int failed = failedEntry(e, statements);
      if (failed >= 0 && e.getNextException() instanceof org.postgresql.util.PSQLException server
          && server.getServerErrorMessage() != null) {
        at.index = failed + 1;
        at.statement = statements.get(failed);
        throw server;
      }
      if (ServerError.connectionLost(e.getSQLState())) {
        at.sent = statements.size();
        throw e.getNextException() != null ? e.getNextException() : e;
      }
      LOG.debug("sending {} statements at once failed ({}); one by one instead", statements.size(), e.getMessage());
      st.clearBatch();
      c.rollback();
      localTimeouts(st, true);
      return false;
    }
  }

  /**
   * Which statement of a batch failed. pgjdbc says it only in its message ("Batch entry 2 ALTER TABLE … was aborted",
   * in the JVM's language; its update counts mark every statement failed in a transaction), so the entry's number and
   * the statement's text must both be there; -1 when they are not (then the loop runs the list again to find out).
   */
  static int failedEntry(java.sql.BatchUpdateException e, List<SqlStatement> statements) {
    String message = e.getMessage();
    if (message == null) {
      return -1;
    }
    for (int i = 0; i < statements.size(); i++) {
      String entry = i + " " + statements.get(i).sql();
      for (int at = message.indexOf(entry); at >= 0; at = message.indexOf(entry, at + 1)) {
        if (at == 0 || !Character.isDigit(message.charAt(at - 1))) {
          return i;
        }
      }
    }
    return -1;
  }

  /** A statement's own settings, for it alone ({@link Builder#statementSettings}). */
  private static void set(Connection c, Map<String, String> settings, boolean local) throws SQLException {
    if (settings.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT set_config(?, ?, " + local + ")")) {
      for (Map.Entry<String, String> e : settings.entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, e.getValue());
        p.execute();
      }
    }
  }

  /** Back to the session's value of each setting, or the server's when the session sets none. */
  private void unset(Connection c, Map<String, String> settings, boolean local) throws SQLException {
    for (String name : settings.keySet()) {
      String back = sessionSettings.get(name);
      if (back != null) {
        set(c, Map.of(name, back), local);
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute("SET " + (local ? "LOCAL " : "") + Sql.ident(name) + " TO DEFAULT");
      }
    }
  }

  private static ApplyException failure(SQLException e, Position at, int total, boolean transaction) {
    if (at.statement == null && at.sent > 0) {
      return new ApplyException(ApplyException.Reason.TRANSACTION, "sending " + at.sent + " statements at once failed: " + describe(e)
          + "; nothing was applied", null, 0, e.getSQLState(), e);
    }
    if (at.statement == null) {
      return new ApplyException(ApplyException.Reason.TRANSACTION, "commit failed: " + describe(e) + "; nothing was applied",
          null, 0, e.getSQLState(), e);
    }
    return new ApplyException(ApplyException.Reason.STATEMENT_FAILED, "statement " + at.index + " of " + total + " ("
        + at.statement.purpose() + ") failed: " + describe(e) + (transaction
        ? "; the transaction was rolled back, nothing was applied" : "; the statements before it were kept"),
        at.statement, at.index, e.getSQLState(), e);
  }

  /**
   * The server's message with detail and hint, and the SQLSTATE: what a DBA needs to act; worded as every
   * pgferry error words it ({@link ServerError}).
   */
  public static String describe(SQLException e) {
    return ServerError.describe(e);
  }

  static void rollbackQuietly(Connection c) {
    try {
      if (c != null && !c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      LOG.warn("rollback failed: {}", e.getMessage());
    }
  }

  /** Builder for {@link Applier}. */
  public static final class Builder {
    private Duration lockTimeout;
    private Duration statementTimeout;
    private Listener listener;
    private Map<String, String> sessionSettings = Map.of();
    private Function<SqlStatement, Map<String, String>> statementSettings = s -> Map.of();
    private Retry retry = Retry.none();
    private Sleeper sleeper = Thread::sleep;
    private Journal journal;
    private boolean pipelined;

    private Builder() {}

    /**
     * Sends a transaction's statements at once, not one round trip each (default: off). For lists of statements that
     * return no rows and have no settings of their own; any other list still runs one by one.
     */
    public Builder pipelined(boolean on) {
      this.pipelined = on;
      return this;
    }

    /** Skips what {@code j} says is done and records what commits (default: none, every statement runs). */
    public Builder journal(Journal j) {
      this.journal = j;
      return this;
    }

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

    /** Settings (name to value) of the session, made before the statements run and kept after (default: none). */
    public Builder sessionSettings(Map<String, String> settings) {
      this.sessionSettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      return this;
    }

    /**
     * Settings one statement runs with (e.g. more memory for one kind of index build): made just before it and
     * set back to the session's value just after (default: none).
     */
    public Builder statementSettings(Function<SqlStatement, Map<String, String>> settings) {
      this.statementSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Which failures run the statements again (default: {@link Retry#none()}). */
    public Builder retry(Retry r) {
      this.retry = Objects.requireNonNull(r, "retry");
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    public Applier build() {
      return new Applier(this);
    }
  }
}
