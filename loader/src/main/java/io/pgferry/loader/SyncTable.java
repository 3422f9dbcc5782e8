package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one table on its own source and target connection (and a second pair for the key comparison in
 * timestamp mode with delete, which runs beside the upserts). The source is one READ ONLY REPEATABLE READ
 * transaction (on the run's exported snapshot), so every batch and the delete check see the same instant;
 * the target commits batch by batch through {@link SyncBatch}. Never throws: a failure becomes a FAILED
 * result, so one table cannot stop the others.
 */
final class SyncTable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncTable.class);
  private static final int FETCH_ROWS = 2000;

  private final TableSync sync;
  private final Syncer.Settings settings;
  private final long run;
  private final SyncSql sql;
  private final String targetLabel;

  private final int attempt;
  private final boolean lastTry;
  private boolean retryable;

  /**
   * @param attempt 1 for the first try of the table in this run
   * @param lastTry no try follows a transient failure of this one: it is reported as the table's result
   */
  SyncTable(TableSync sync, Syncer.Settings settings, long run, int attempt, boolean lastTry) {
    this.sync = sync;
    this.settings = settings;
    this.run = run;
    this.attempt = attempt;
    this.lastTry = lastTry;
    this.sql = new SyncSql(sync);
    this.targetLabel = sync.target().toString();
  }

  interface RowSink {
    void row(String[] values) throws SQLException;
  }

  /**
   * True when this try failed with a transient error (a lost or refused connection, a serialization failure or a
   * deadlock) and was not the last: its result was not reported, and the table is to be tried again. Its committed
   * batches stay; the next try goes on from the mark they recorded.
   */
  boolean retryable() {
    return retryable;
  }

  SyncResult run() {
    Instant start = settings.clock().instant();
    if (attempt == 1) {
      settings.listener().tableStarted(sync);
    }
    SyncBatch batch = null;
    String startMark = null;
    boolean recorded = false;
    long t0 = System.nanoTime();
    try (Connections both = openPair()) {
      Connection src = both.source();
      Connection dst = both.target();
      dst.setAutoCommit(false);
      if (sync.mode() == SyncMode.TIMESTAMP) {
        startMark = startMark(dst);
      }
      SyncState.startTable(dst, run, SyncResult.notRun(sync.table().name(), sync.target(), sync.mode(), SyncResult.Status.OK, null),
          sync.timestampColumn(), startMark, start);
      dst.commit();
      recorded = true;
      LOG.debug("sync {}: connections, sessions and start mark in {} ms", sync.table().name(), ms(t0));
      batch = new SyncBatch(dst, sql, run, settings.listener(), settings.inFlight().horizon());
      try {
        long t1 = System.nanoTime();
        boolean overlapped = sync.mode() == SyncMode.TIMESTAMP && sync.delete();
        switch (sync.mode()) {
          case FULL -> full(src, dst, batch);
          case TIMESTAMP -> {
            if (overlapped) {
              timestampWithDiff(src, batch, startMark);
            } else {
              timestamp(src, batch, startMark);
            }
          }
          case APPEND -> { }
        }
        LOG.debug("sync {}: {} rows in {} ms ({} mode)", sync.table().name(), batch.inserted() + batch.updated() + batch.deleted(), ms(t1),
            sync.mode().label());
        if (!overlapped && (sync.mode() == SyncMode.APPEND || sync.delete())) {
          long t2 = System.nanoTime();
          diff(src, dst, batch);
          LOG.debug("sync {}: key comparison and its changes in {} ms", sync.table().name(), ms(t2));
        }
        src.commit();
        SyncResult result = result(batch, startMark, SyncResult.Status.OK, null, start);
        SyncState.finishTable(dst, run, targetLabel, SyncResult.Status.OK, null, settings.clock().instant());
        dst.commit();
        settings.listener().tableFinished(result);
        return result;
      } catch (SQLException | RuntimeException e) {
        batch.cancel();
        quietly(dst::rollback);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      String why = describe(e);
      LOG.debug("sync of {} failed", sync.table().name(), e);
      recordFailure(why, recorded);
      SyncResult result = result(batch, startMark, SyncResult.Status.FAILED, why, start);
      retryable = !lastTry && PieceRetry.isTransient(sqlState(e));
      if (!retryable) {
        settings.listener().tableFinished(result);
      }
      return result;
    }
  }

  /** A source connection on the run's snapshot and a prepared target connection, opened at once. */
  private Connections openPair() throws SQLException {
    return Connections.open(settings.source(), settings.target(), (c, target) -> {
      prepare(c, target);
      if (!target) {
        Sessions.prepareSource(c, settings.snapshot());
      }
    });
  }

  /**
   * Timestamp mode with {@code --delete}: the key comparison reads both key indexes on a second pair of
   * connections while the changed rows are upserted, and lists and applies its differences only once every
   * upsert has committed. Upserts only add keys the source holds, so bucket summaries read before or during
   * them flag every bucket that still differs afterwards (a bucket equal on both sides stays equal); the
   * listing then reads the target as it is, so rows just upserted are never copied twice. Costs two more
   * connections per table while it runs (bench/README.md, "Sync", has what it saved).
   */
  private void timestampWithDiff(Connection src, SyncBatch batch, String mark) throws SQLException {
    CompletableFuture<Void> upserted = new CompletableFuture<>();
    CompletableFuture<Boolean> changed = new CompletableFuture<>();
    AtomicReference<SyncBatch> comparing = new AtomicReference<>();
    FutureTask<SyncBatch> comparison = new FutureTask<>(() -> {
      try (Connections pair = openPair()) {
        pair.target().setAutoCommit(false);
        SyncBatch deletes = batch.sibling(pair.target());
        comparing.set(deletes);
        try {
          // the connections open while the first changed rows arrive; their answer picks the comparison's first step
          boolean likelyDifferent = BothServers.await(changed, "waiting for the changed rows");
          diff(pair.source(), pair.target(), deletes, likelyDifferent, () -> awaitUpserts(upserted));
          pair.source().commit();
          return deletes;
        } catch (SQLException | RuntimeException e) {
          deletes.cancel();
          quietly(pair.target()::rollback);
          throw e;
        }
      }
    });
    Thread.ofVirtual().name("pgferry-sync-compare").start(comparison);
    try {
      timestamp(src, batch, mark, changed);
      upserted.complete(null);
      BothServers.await(comparison, "comparing keys");
    } catch (SQLException | RuntimeException e) {
      changed.completeExceptionally(e);
      upserted.completeExceptionally(e); // the comparison stops before it changes anything
      try {
        BothServers.await(comparison, "comparing keys");
      } catch (SQLException | RuntimeException suppressed) {
        if (suppressed != e) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    } finally {
      if (comparing.get() != null) {
        batch.add(comparing.get()); // its committed batches count, also when it failed later (the state has them)
      }
    }
  }

  private static void awaitUpserts(CompletableFuture<Void> upserted) throws SQLException {
    BothServers.await(upserted, "waiting for the upserts");
  }

  static long ms(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }

  private void full(Connection src, Connection dst, SyncBatch batch) throws SQLException {
    long before;
    try (Statement s = dst.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + sync.target().quoted())) {
        rs.next();
        before = rs.getLong(1);
      }
      boolean referenced;
      try (java.sql.PreparedStatement ps = dst.prepareStatement(
          "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = ?::regclass)")) {
        ps.setString(1, sync.target().quoted());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          referenced = rs.getBoolean(1);
        }
      }
      // PostgreSQL refuses to TRUNCATE a table other tables' foreign keys point at, even when the reload puts
      // every referenced row back in the same transaction; DELETE is slower but allowed.
      s.execute(referenced ? "DELETE FROM ONLY " + sync.target().quoted() : sql.truncateTarget());
    }
    String copy = sql.copyIntoTarget();
    stream(src, sql.selectText(null, null), p -> { }, values -> batch.stage(values, copy));
    batch.reloaded(before);
  }

  private void timestamp(Connection src, SyncBatch batch, String mark) throws SQLException {
    timestamp(src, batch, mark, new CompletableFuture<>());
  }

  /**
   * As above; {@code changed} becomes true at the first row stamped after the mark (rows at the mark are read
   * again on every run and are usually unchanged), false when there is none. It only tells the key comparison
   * which first step is likely cheaper: a wrong guess costs time, never correctness.
   */
  private void timestamp(Connection src, SyncBatch batch, String mark, CompletableFuture<Boolean> changed) throws SQLException {
    long t0 = System.nanoTime();
    int ts = sync.columns().indexOf(sync.timestampColumn());
    batch.createStagingTable();
    LOG.debug("sync {}: staging table in {} ms", sync.table().name(), ms(t0));
    stream(src, sql.changedRows(mark != null), p -> {
      if (mark != null) {
        p.setObject(1, mark, Types.OTHER); // untyped: the server reads it as the column's type
      }
    }, values -> {
      if (!changed.isDone() && (mark == null || ts < 0 || !mark.equals(values[ts]))) {
        changed.complete(true);
      }
      batch.stage(values);
      if (batch.staged() >= settings.batchSize()) {
        batch.upsert();
      }
    });
    changed.complete(false); // no row after the mark (a no-op when one was seen)
    if (batch.staged() > 0) {
      batch.upsert();
    }
  }

  /**
   * Key comparison ({@link SyncDiff}): rows only the source has are inserted (append mode, and timestamp mode
   * with delete, where it also repairs rows the mark missed); with delete, rows only the target has are
   * removed. Both in transactions of at most {@code --batch-size} keys, each committing with its state.
   */
  private void diff(Connection src, Connection dst, SyncBatch batch) throws SQLException {
    diff(src, dst, batch, batch.inserted() + batch.updated() > 0, null);
  }

  /** As above; {@code beforeChanges} (null: none) runs once before the first difference is listed. */
  private void diff(Connection src, Connection dst, SyncBatch batch, boolean likelyDifferent, SyncDiff.Barrier beforeChanges)
      throws SQLException {
    batch.createStagingTable();
    int size = settings.batchSize();
    KeyComparison comparison = new SyncDiff(src, dst, sql, settings.diffLimits(), new SyncDiff.Apply() {
      @Override
      public void missing(List<String[]> keys) throws SQLException {
        long t0 = System.nanoTime();
        for (int i = 0; i < keys.size(); i += size) {
          List<String[]> part = keys.subList(i, Math.min(keys.size(), i + size));
          stream(src, sql.rowsWithKeys(), p -> bindKeys(p, 1, part), batch::stage);
          batch.insertMissing();
        }
        LOG.debug("sync {}: {} keys only the source has copied in {} ms", sync.table().name(), keys.size(), ms(t0));
      }

      @Override
      public void extra(List<String[]> keys) throws SQLException {
        long t0 = System.nanoTime();
        for (int i = 0; sync.delete() && i < keys.size(); i += size) {
          batch.delete(keys.subList(i, Math.min(keys.size(), i + size)));
        }
        LOG.debug("sync {}: {} keys only the target has handled in {} ms", sync.table().name(), keys.size(), ms(t0));
      }
    }, beforeChanges).run(likelyDifferent);
    LOG.debug("keys of {} compared: {}", sync.table().name(), comparison);
    settings.listener().keysCompared(sync, comparison);
  }

  /** The mark to start from: the state's newest, else the target's largest timestamp, else none (all rows). */
  private String startMark(Connection dst) throws SQLException {
    String mark = settings.markFrom() == Syncer.MarkSource.STATE ? SyncState.lastMark(dst, targetLabel, sync.timestampColumn()) : null;
    if (mark == null) {
      try (Statement s = dst.createStatement(); ResultSet rs = s.executeQuery(sql.maxMark())) {
        rs.next();
        mark = rs.getString(1);
      }
    }
    dst.commit();
    return mark;
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  /** Streams a query's rows as text values, a fetch at a time, so memory stays at one fetch whatever the table. */
  private static void stream(Connection src, String query, Binder binder, RowSink sink) throws SQLException {
    try (PreparedStatement p = src.prepareStatement(query)) {
      p.setFetchSize(FETCH_ROWS);
      binder.bind(p);
      try (ResultSet rs = p.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        String[] row = new String[n];
        while (rs.next()) {
          for (int k = 0; k < n; k++) {
            row[k] = rs.getString(k + 1);
          }
          sink.row(row);
        }
      }
    }
  }

  /** Binds keys (key column texts) as one text array per key column from {@code index} on; returns the next index. */
  static int bindKeys(PreparedStatement p, int index, List<String[]> keys) throws SQLException {
    int columns = keys.get(0).length;
    for (int k = 0; k < columns; k++) {
      String[] column = new String[keys.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = keys.get(i)[k];
      }
      p.setArray(index + k, p.getConnection().createArrayOf("text", column));
    }
    return index + columns;
  }

  /**
   * Output settings that make a value's text the same on both servers (keys are compared as text) and
   * parseable back exactly (marks); the target also skips triggers and foreign-key checks when allowed,
   * as replication does, because tables are synced in parallel and in any order.
   */
  private static void prepare(Connection c, boolean target) throws SQLException {
    try (Statement s = c.createStatement()) {
      // one round trip: the driver sends the statements of one execute together
      // jit off: the key comparison's aggregates cost enough to be JIT-compiled, which takes longer (about 0.1 s
      // a query) than the one run they get
      // synchronous_commit off (target): a lost commit loses its mark with it, so the next run redoes that batch
      s.execute("SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';"
          + " SET extra_float_digits = 3; SET bytea_output = 'hex'; SET jit = off" + (target ? "; SET synchronous_commit = off" : ""));
      if (target) {
        try {
          s.execute("SET session_replication_role = replica");
        } catch (SQLException e) {
          LOG.debug("session_replication_role not allowed; foreign keys and triggers stay active on the target", e);
        }
      }
    }
  }

  private void recordFailure(String why, boolean recorded) {
    try (Connection c = settings.target().open()) {
      Instant now = settings.clock().instant();
      if (recorded) {
        SyncState.finishTable(c, run, targetLabel, SyncResult.Status.FAILED, why, now);
      } else {
        SyncState.startTable(c, run, SyncResult.notRun(sync.table().name(), sync.target(), sync.mode(), SyncResult.Status.FAILED, why),
            sync.timestampColumn(), null, now);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debug("could not record the failure of {} in the state table", sync.table().name(), e);
    }
  }

  private SyncResult result(SyncBatch b, String startMark, SyncResult.Status status, String error, Instant start) {
    Duration elapsed = Duration.between(start, settings.clock().instant());
    QualifiedName name = sync.table().name();
    if (b == null) {
      return new SyncResult(name, sync.target(), sync.mode(), status, 0, 0, 0, 0, startMark, error, elapsed);
    }
    return new SyncResult(name, sync.target(), sync.mode(), status, b.inserted(), b.updated(), b.deleted(), b.batches(),
        b.mark() != null ? b.mark() : startMark, error, elapsed);
  }

  /** The first SQLSTATE in the failure's chain (the driver's, or one a LoadException kept). */
  static String sqlState(Throwable failure) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String state = t instanceof SQLException x ? x.getSQLState() : t instanceof LoadException l ? l.sqlState() : null;
      if (state != null) {
        return state;
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    LoadException l = LoadException.of(LoadException.Reason.TARGET_WRITE, null, "sync", e);
    return e instanceof LoadException le ? le.getMessage() : l.getMessage().substring("sync: ".length());
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private static void quietly(SqlAction a) {
    try {
      a.run();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("cleanup after a failed sync batch failed", e);
    }
  }
}
