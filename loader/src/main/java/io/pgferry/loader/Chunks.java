package io.pgferry.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large table into ranges of heap pages ({@code ctid} ranges), so several jobs copy one table at
 * once. Page ranges need no key, no sampling and no sort: each chunk is a TID range scan (PostgreSQL 14+)
 * over contiguous pages, so the chunks read the table once between them, sequentially. The last range is
 * open-ended: the relation's size is read after the snapshot was taken, and every row the snapshot sees
 * lies on a page that existed then.
 */
final class Chunks {
  /** TID range scans: older servers would scan the whole table once per chunk. */
  static final int MIN_SERVER_VERSION = 140000;

  private Chunks() {}

  /** Number of chunks for a table of {@code bytes}; 1 means copy it whole. */
  static int count(long bytes, long chunkBytes, int jobs) {
    if (chunkBytes <= 0 || jobs < 2 || bytes <= chunkBytes) {
      return 1;
    }
    long n = (bytes + chunkBytes - 1) / chunkBytes;
    return (int) Math.max(2, Math.min(n, 4L * jobs));
  }

  /** The table's size in pages now, or -1 when the server cannot scan TID ranges. */
  static long pages(Connection source, String quotedTable) throws SQLException {
    try (PreparedStatement p = source.prepareStatement("SELECT current_setting('server_version_num')::int,"
        + " pg_relation_size(?::regclass) / current_setting('block_size')::int")) {
      p.setString(1, quotedTable);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1) < MIN_SERVER_VERSION ? -1 : rs.getLong(2);
      }
    }
  }

  /** {@code count} ctid predicates covering every page from 0 on, the last one without an upper bound. */
  static List<String> ranges(long pages, int count) {
    List<String> out = new ArrayList<>();
    long step = Math.max(1, (pages + count - 1) / count);
    for (int i = 0; i < count; i++) {
      long from = i * step;
      String lower = i == 0 ? null : "ctid >= '(" + from + ",0)'::tid";
      String upper = i == count - 1 ? null : "ctid < '(" + (from + step) + ",0)'::tid";
      out.add(lower == null ? upper : upper == null ? lower : lower + " AND " + upper);
    }
    return out;
  }
}
