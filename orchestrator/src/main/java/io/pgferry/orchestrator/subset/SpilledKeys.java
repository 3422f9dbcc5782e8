package io.pgferry.orchestrator.subset;

import io.pgferry.loader.RowAddresses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A closure's rows in temporary tables of one target session, for subsets larger than memory allows: the kept
 * rows (a primary key makes each new only once) and each stage's work by round. Temporary tables write no WAL,
 * are seen by no other session and vanish with the session, even when the run is killed; the source is never
 * written. The session stays open while the load reads each piece's addresses from it.
 */
final class SpilledKeys implements KeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(SpilledKeys.class);
  private static final String KEPT = "pg_temp.pgferry_subset_kept";
  private static final String DOWN = "pg_temp.pgferry_subset_down";
  private static final String UP = "pg_temp.pgferry_subset_up";

  private final Connection c;
  /** The load's workers read pieces side by side; one session serves them in turn. */
  private final ReentrantLock lock = new ReentrantLock();
  private final PreparedStatement addDown;
  private final PreparedStatement addUp;
  /** The children round being handed out (its new rows go to the next); the parents round to hand out next. */
  private int down;
  private int up;

  private SpilledKeys(Connection c) throws SQLException {
    this.c = c;
    addDown = c.prepareStatement("WITH new AS (INSERT INTO " + KEPT + " (rel, tid) SELECT ?, t FROM unnest(?::int8[]) t"
        + " ON CONFLICT DO NOTHING RETURNING tid), d AS (INSERT INTO " + DOWN + " (round, rel, tid) SELECT ?, ?, tid FROM new)"
        + " INSERT INTO " + UP + " (round, rel, via, tid) SELECT 0, ?, ?, tid FROM new");
    addUp = c.prepareStatement("WITH new AS (INSERT INTO " + KEPT + " (rel, tid) SELECT ?, t FROM unnest(?::int8[]) t"
        + " ON CONFLICT DO NOTHING RETURNING tid) INSERT INTO " + UP + " (round, rel, via, tid) SELECT ?, ?, -1, tid FROM new");
  }

  /** @param target a new session on the target, which this store owns and closes */
  static SpilledKeys open(Connection target) throws SQLException {
    try {
      target.setAutoCommit(false);
      try (Statement s = target.createStatement()) {
        s.execute("CREATE TEMPORARY TABLE pgferry_subset_kept (rel int8 NOT NULL, tid int8 NOT NULL, PRIMARY KEY (rel, tid))");
        s.execute("CREATE TEMPORARY TABLE pgferry_subset_down (round int NOT NULL, rel int8 NOT NULL, tid int8 NOT NULL)");
        s.execute("CREATE TEMPORARY TABLE pgferry_subset_up (round int NOT NULL, rel int8 NOT NULL, via int NOT NULL, tid int8 NOT NULL)");
      }
      return new SpilledKeys(target);
    } catch (SQLException e) {
      quietly(target);
      throw e;
    }
  }

  @Override
  public long addDown(long oid, int via, long[] tids, int n) throws SQLException {
    addDown.setLong(1, oid);
    addDown.setObject(2, n == tids.length ? tids : Arrays.copyOf(tids, n));
    addDown.setInt(3, down + 1);
    addDown.setLong(4, oid);
    addDown.setLong(5, oid);
    addDown.setInt(6, via);
    return addDown.executeUpdate();
  }

  @Override
  public long addUp(long oid, long[] tids, int n) throws SQLException {
    addUp.setLong(1, oid);
    addUp.setObject(2, n == tids.length ? tids : Arrays.copyOf(tids, n));
    addUp.setInt(3, up);
    addUp.setLong(4, oid);
    return addUp.executeUpdate();
  }

  @Override
  public boolean downRound(Batches work) throws SQLException {
    int round = down + 1;
    if (!any(DOWN, round)) {
      return false;
    }
    down = round;
    hand("SELECT rel, -1, tid FROM " + DOWN + " WHERE round = ? ORDER BY rel, tid", round, work);
    delete(DOWN, round);
    return true;
  }

  @Override
  public boolean upRound(Batches work) throws SQLException {
    int round = up;
    if (!any(UP, round)) {
      return false;
    }
    up = round + 1;
    hand("SELECT rel, via, tid FROM " + UP + " WHERE round = ? ORDER BY rel, via, tid", round, work);
    delete(UP, round);
    return true;
  }

  private boolean any(String table, int round) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT FROM " + table + " WHERE round = ?)")) {
      p.setInt(1, round);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private void delete(String table, int round) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE round = ?")) {
      p.setInt(1, round);
      p.executeUpdate();
    }
  }

  /** Streams one round's rows (a cursor, so memory holds one batch) and hands them out per table and edge. */
  private void hand(String sql, int round, Batches work) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setFetchSize(Closure.BATCH);
      p.setInt(1, round);
      long[] batch = new long[Closure.BATCH];
      int n = 0;
      long oid = 0;
      int via = 0;
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          long o = rs.getLong(1);
          int v = rs.getInt(2);
          if (n > 0 && (o != oid || v != via || n == batch.length)) {
            work.batch(oid, via, batch, n);
            batch = new long[Closure.BATCH];
            n = 0;
          }
          oid = o;
          via = v;
          batch[n++] = rs.getLong(3);
        }
      }
      if (n > 0) {
        work.batch(oid, via, batch, n);
      }
    }
  }

  @Override
  public void complete() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + DOWN + ", " + UP);
    }
    c.commit();
    c.setAutoCommit(true); // from here on, reads of single pieces: each its own statement
  }

  @Override
  public Map<Long, Long> counts() throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rel, count(*) FROM " + KEPT + " GROUP BY rel")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return out;
  }

  @Override
  public long[] tids(long oid) throws SQLException {
    LongList out = new LongList();
    try (PreparedStatement p = c.prepareStatement("SELECT tid FROM " + KEPT + " WHERE rel = ? ORDER BY tid")) {
      p.setLong(1, oid);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return Arrays.copyOf(out.values(), out.size());
  }

  /**
   * The table's rows, read a piece at a time: the first address of every piece is found once here (one pass over
   * the table's rows in the primary key), then each piece is a range of that key.
   */
  @Override
  public RowAddresses rows(long oid) throws SQLException {
    LongList starts = new LongList();
    long size = 0;
    try (PreparedStatement p = c.prepareStatement("SELECT tid, n FROM (SELECT tid, row_number() OVER (ORDER BY tid) AS n FROM "
        + KEPT + " WHERE rel = ?) x WHERE n % ? = 1 OR n = (SELECT count(*) FROM " + KEPT + " WHERE rel = ?) ORDER BY tid")) {
      p.setLong(1, oid);
      p.setInt(2, RowAddresses.PIECE_ROWS);
      p.setLong(3, oid);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          long n = rs.getLong(2);
          if (n % RowAddresses.PIECE_ROWS == 1 || RowAddresses.PIECE_ROWS == 1) {
            starts.add(rs.getLong(1));
          }
          size = Math.max(size, n);
        }
      }
    }
    long[] first = Arrays.copyOf(starts.values(), starts.size());
    return RowAddresses.paged(size, index -> piece(oid, first, index));
  }

  private long[] piece(long oid, long[] first, int index) throws SQLException {
    lock.lock();
    try (PreparedStatement p = c.prepareStatement("SELECT tid FROM " + KEPT + " WHERE rel = ? AND tid >= ?"
        + (index + 1 < first.length ? " AND tid < ?" : "") + " ORDER BY tid")) {
      p.setLong(1, oid);
      p.setLong(2, first[index]);
      if (index + 1 < first.length) {
        p.setLong(3, first[index + 1]);
      }
      LongList out = new LongList();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return Arrays.copyOf(out.values(), out.size());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      quietly(c);
    } finally {
      lock.unlock();
    }
  }

  private static void quietly(Connection c) {
    try {
      c.close(); // the temporary tables go with the session
    } catch (SQLException e) {
      LOG.debug("closing the subset's target session failed", e);
    }
  }
}
