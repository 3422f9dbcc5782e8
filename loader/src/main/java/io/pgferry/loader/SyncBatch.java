package io.pgferry.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target side of one table's sync. Rows are staged with COPY into a temporary table and applied with one
 * set-based statement; the statement, the state row's counters and mark, and the commit form one batch, so
 * after any crash the target holds whole batches and a mark that matches them.
 */
final class SyncBatch {
  private static final Logger LOG = LoggerFactory.getLogger(SyncBatch.class);
  private final Connection dst;
  private final PGConnection pg;
  private final SyncSql sql;
  private final long run;
  private final SyncListener listener;
  private final ByteSink line = new ByteSink(4096);
  /** The table's batch numbers, shared with the batches of the same table on other connections. */
  private final AtomicLong numbers;
  /** Rows stamped from here on do not advance the mark ({@link InFlight}). */
  private final OffsetDateTime horizon;
  private CopyIn in;
  private long staged;
  private long batches;
  private long inserted;
  private long updated;
  private long deleted;
  private String mark;

  SyncBatch(Connection dst, SyncSql sql, long run, SyncListener listener, OffsetDateTime horizon) throws SQLException {
    this(dst, sql, run, listener, horizon, new AtomicLong());
  }

  private SyncBatch(Connection dst, SyncSql sql, long run, SyncListener listener, OffsetDateTime horizon, AtomicLong numbers)
      throws SQLException {
    this.dst = dst;
    this.horizon = horizon;
    this.pg = dst.unwrap(PGConnection.class);
    this.sql = sql;
    this.run = run;
    this.listener = listener;
    this.numbers = numbers;
  }

  /**
   * Batches of the same table committed on another connection (the overlapped key comparison's): their own
   * counts, merged back with {@link #add}, but numbered in one sequence with this one's, as the listener sees them.
   */
  SyncBatch sibling(Connection other) throws SQLException {
    return new SyncBatch(other, sql, run, listener, horizon, numbers);
  }

  void createStagingTable() throws SQLException {
    try (Statement s = dst.createStatement()) {
      s.execute(sql.createBatchTable());
    }
    dst.commit();
  }

  /** Adds a row (text values, null for NULL) to the batch table. */
  void stage(String[] values) throws SQLException {
    stage(values, sql.copyIntoBatch());
  }

  /** Adds a row to whatever {@code copySql} copies into (the target table itself in full mode). */
  void stage(String[] values, String copySql) throws SQLException {
    if (in == null) {
      in = pg.getCopyAPI().copyIn(copySql);
    }
    line.reset();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.write(CopyText.TAB);
      }
      CopyText.encode(values[i], line);
    }
    line.write(CopyText.NEWLINE);
    in.writeToCopy(line.array(), 0, line.length());
    staged++;
  }

  long staged() {
    return staged;
  }

  /** Upserts the staged rows; the batch's largest timestamp becomes the mark. */
  void upsert() throws SQLException {
    long t0 = System.nanoTime();
    long rows = endCopy();
    long t1 = System.nanoTime();
    try (PreparedStatement p = dst.prepareStatement(sql.upsert())) {
      if (sql.markGuarded()) {
        p.setObject(1, horizon);
      }
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        commit(rs.getLong(1), rs.getLong(2), 0, rs.getString(3));
      }
    }
    LOG.debug("sync {}: batch of {} rows: copy ended in {} ms, upserted and committed in {} ms", sql.sync().table().name(), rows,
        (t1 - t0) / 1_000_000, SyncTable.ms(t1));
  }

  /** Inserts the staged rows whose key the target lacks. */
  void insertMissing() throws SQLException {
    endCopy();
    try (Statement s = dst.createStatement(); ResultSet rs = s.executeQuery(sql.insertMissing())) {
      rs.next();
      commit(rs.getLong(1), 0, 0, null);
    }
  }

  /** Full mode: the rows went straight into the emptied target table. */
  void reloaded(long previousRows) throws SQLException {
    commit(endCopy(), 0, previousRows, null);
  }

  /** Deletes rows by key (key column texts) from the target, in one statement and one batch. */
  void delete(List<String[]> keys) throws SQLException {
    try (PreparedStatement p = dst.prepareStatement(sql.deleteKeys())) {
      SyncTable.bindKeys(p, 1, keys);
      commit(0, 0, p.executeUpdate(), null);
    }
  }

  private long endCopy() throws SQLException {
    if (in == null) {
      return 0;
    }
    long n = in.endCopy();
    in = null;
    staged = 0;
    return n;
  }

  /** Abandons a half-staged batch so the connection can roll back. */
  void cancel() {
    if (in != null && in.isActive()) {
      try {
        in.cancelCopy();
      } catch (SQLException ignored) {
        // the connection is being given up anyway
      }
    }
    in = null;
  }

  private void commit(long ins, long upd, long del, String batchMark) throws SQLException {
    SyncState.batch(dst, run, sql.sync().target().toString(), ins, upd, del, batchMark);
    dst.commit();
    batches++;
    inserted += ins;
    updated += upd;
    deleted += del;
    if (batchMark != null) {
      mark = batchMark;
    }
    listener.batchCommitted(sql.sync(), numbers.incrementAndGet(), ins + upd + del);
  }

  /** Adds the counts of batches another connection committed for the same table (the key comparison's). */
  void add(SyncBatch other) {
    batches += other.batches;
    inserted += other.inserted;
    updated += other.updated;
    deleted += other.deleted;
  }

  long batches() {
    return batches;
  }

  long inserted() {
    return inserted;
  }

  long updated() {
    return updated;
  }

  long deleted() {
    return deleted;
  }

  String mark() {
    return mark;
  }
}
