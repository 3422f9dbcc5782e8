package io.pgferry.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the keys that differ between source and target without moving every key: both servers summarize a
 * key range (count and a hash sum); equal ranges are done, and a differing range is split at the key
 * quantiles of its larger side and compared again, until a range is small enough to list its keys.
 *
 * <p>Memory is bounded by the leaf size (two key sets of at most {@code leafSize} entries) plus the bounds
 * on the recursion path ({@link #FANOUT} per level, a handful of levels). Work on the servers is about one
 * index scan of each side per level, and a level only touches ranges that differ.
 */
final class SyncDiff {
  static final int FANOUT = 16;

  /** A leaf range with what only one side holds (keys as text). */
  interface Leaf {
    void accept(List<String> lo, List<String> hi, Set<String> onlyInSource, Set<String> onlyInTarget) throws SQLException;
  }

  private record Summary(long count, String hashSum) {}

  private final Connection src;
  private final Connection dst;
  private final SyncSql sql;
  private final int leafSize;
  private final Leaf leaf;
  private long ranges;

  SyncDiff(Connection src, Connection dst, SyncSql sql, int leafSize, Leaf leaf) {
    this.src = src;
    this.dst = dst;
    this.sql = sql;
    this.leafSize = leafSize;
    this.leaf = leaf;
  }

  /** Walks the whole key space; returns how many ranges were compared. */
  long run() throws SQLException {
    compare(null, null);
    dst.commit(); // ends the target's read-only transaction of the last comparisons
    return ranges;
  }

  private void compare(List<String> lo, List<String> hi) throws SQLException {
    ranges++;
    String range = sql.range(lo != null, hi != null);
    Summary s = summary(src, false, range, lo, hi);
    Summary t = summary(dst, true, range, lo, hi);
    if (s.equals(t)) {
      return;
    }
    long larger = Math.max(s.count(), t.count());
    if (larger <= leafSize) {
      Set<String> sourceKeys = keys(src, false, range, lo, hi);
      Set<String> targetKeys = keys(dst, true, range, lo, hi);
      Set<String> onlySource = new HashSet<>(sourceKeys);
      onlySource.removeAll(targetKeys);
      targetKeys.removeAll(sourceKeys);
      sourceKeys = null; // the two difference sets are all that is kept while the leaf is applied
      leaf.accept(lo, hi, onlySource, targetKeys);
      return;
    }
    List<List<String>> points = splitPoints(t.count() > s.count() ? dst : src, t.count() > s.count(), range, lo, hi,
        (larger + FANOUT - 1) / FANOUT);
    List<String> from = lo;
    for (List<String> p : points) {
      compare(from, p);
      from = p;
    }
    compare(from, hi);
  }

  private Summary summary(Connection c, boolean onTarget, String range, List<String> lo, List<String> hi) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql.rangeSummary(onTarget, range))) {
      SyncTable.bindRange(p, 1, lo, hi);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return new Summary(rs.getLong(1), rs.getString(2));
      }
    }
  }

  private Set<String> keys(Connection c, boolean onTarget, String range, List<String> lo, List<String> hi) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement p = c.prepareStatement(sql.keysIn(onTarget, range))) {
      SyncTable.bindRange(p, 1, lo, hi);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private List<List<String>> splitPoints(Connection c, boolean onTarget, String range, List<String> lo, List<String> hi, long step)
      throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql.splitPoints(onTarget, range))) {
      int i = SyncTable.bindRange(p, 1, lo, hi);
      p.setLong(i, step);
      try (ResultSet rs = p.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> point = new ArrayList<>(n);
          for (int k = 1; k <= n; k++) {
            point.add(rs.getString(k));
          }
          out.add(point);
        }
      }
    }
    return out;
  }
}
