package io.pgferry.loader;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL text of one table's sync. Identifiers go through {@link Sql#ident}; values (marks, key bounds, key
 * lists) are always bind parameters, sent untyped so the server types them from the column they meet.
 */
final class SyncSql {
  /** The per-session staging table a batch is copied into before one set-based statement applies it. */
  static final String BATCH = "pg_temp.pgferry_batch";

  private final TableSync sync;
  private final String source;
  private final String target;
  private final String columns;
  private final String keyColumns;

  SyncSql(TableSync sync) {
    this.sync = sync;
    this.source = sync.table().name().quoted();
    this.target = sync.target().quoted();
    this.columns = list(sync.columns(), "");
    this.keyColumns = list(sync.key(), "");
  }

  TableSync sync() {
    return sync;
  }

  /** Every synced column as its text output, so values cross as COPY text whatever the driver would do. */
  String selectText(String where, String orderBy) {
    return "SELECT " + sync.columns().stream().map(c -> Sql.ident(c) + "::text").collect(Collectors.joining(", "))
        + " FROM ONLY " + source + (where == null ? "" : " WHERE " + where) + (orderBy == null ? "" : " ORDER BY " + orderBy);
  }

  /** Changed rows of timestamp mode: ordered by (timestamp, key) so a batch boundary never splits ambiguously. */
  String changedRows(boolean fromMark) {
    String ts = Sql.ident(sync.timestampColumn());
    return selectText(fromMark ? ts + " >= ?" : null, ts + ", " + keyColumns);
  }

  String createBatchTable() {
    // ON COMMIT DELETE ROWS: each batch starts empty without a TRUNCATE round trip
    return "CREATE TEMP TABLE IF NOT EXISTS pgferry_batch ON COMMIT DELETE ROWS AS SELECT " + columns + " FROM ONLY " + target
        + " WITH NO DATA";
  }

  String copyIntoBatch() {
    return "COPY " + BATCH + " (" + columns + ") FROM STDIN";
  }

  String copyIntoTarget() {
    return "COPY " + target + " (" + columns + ") FROM STDIN";
  }

  /**
   * Applies the batch: insert, or update when the key exists and the row differs (rows equal to the target's
   * are left alone, so re-reading the boundary timestamp writes nothing). Returns inserted, updated and the
   * batch's largest timestamp. {@code xmax = 0} tells a fresh insert from an update.
   */
  String upsert() {
    List<String> rest = sync.columns().stream().filter(c -> !sync.key().contains(c)).toList();
    String action = rest.isEmpty() ? "DO NOTHING"
        : "DO UPDATE SET " + rest.stream().map(c -> Sql.ident(c) + " = EXCLUDED." + Sql.ident(c)).collect(Collectors.joining(", "))
            // as text: json, point and friends have no equality operator
            + " WHERE ROW(" + list(rest, "t.") + ")::text IS DISTINCT FROM ROW(" + list(rest, "EXCLUDED.") + ")::text";
    return "WITH m AS (" + insertFromBatch() + " ON CONFLICT (" + keyColumns + ") " + action + " RETURNING (xmax = 0) AS ins)"
        + " SELECT count(*) FILTER (WHERE ins), count(*) FILTER (WHERE NOT ins), (SELECT max("
        + Sql.ident(sync.timestampColumn()) + ")::text FROM " + BATCH + ") FROM m";
  }

  /** Inserts the batch's rows whose key the target lacks; returns how many. */
  String insertMissing() {
    return "WITH m AS (" + insertFromBatch() + " ON CONFLICT (" + keyColumns + ") DO NOTHING RETURNING 1) SELECT count(*) FROM m";
  }

  private String insertFromBatch() {
    boolean always = sync.columns().stream().map(c -> sync.table().column(c).orElseThrow()).anyMatch(SyncSql::identityAlways);
    return "INSERT INTO " + target + " AS t (" + columns + ")" + (always ? " OVERRIDING SYSTEM VALUE" : "")
        + " SELECT " + columns + " FROM " + BATCH;
  }

  String maxMark() {
    return "SELECT max(" + Sql.ident(sync.timestampColumn()) + ")::text FROM ONLY " + target;
  }

  String truncateTarget() {
    return "TRUNCATE ONLY " + target;
  }

  // ---- key ranges (delete check and append) ----

  /** The key as one text value, identical on both servers because sessions fix every output setting. */
  String keyText(String alias) {
    return sync.key().size() == 1 ? alias + Sql.ident(sync.key().get(0)) + "::text" : "ROW(" + list(sync.key(), alias) + ")::text";
  }

  /**
   * {@code lo <= key < hi}; either bound may be missing. A row comparison, which a btree on the key serves
   * as a range scan for composite keys too.
   */
  String range(boolean lo, boolean hi) {
    String k = sync.key().size() == 1 ? keyColumns : "(" + keyColumns + ")";
    String params = sync.key().size() == 1 ? "?" : "(" + sync.key().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    if (lo && hi) {
      return k + " >= " + params + " AND " + k + " < " + params;
    }
    return lo ? k + " >= " + params : hi ? k + " < " + params : "TRUE";
  }

  /**
   * Count and an order-independent 64-bit-hash sum of the keys in a range: a streaming aggregate, so the
   * server needs no sort and pgferry receives two numbers whatever the range's size.
   */
  String rangeSummary(boolean onTarget, String range) {
    return "SELECT count(*), coalesce(sum(hashtextextended(" + keyText("") + ", 0)), 0)::text FROM ONLY "
        + (onTarget ? target : source) + " WHERE " + range;
  }

  /** Every {@code step}-th key of a range, in key order: the bounds that split it into parts of equal size. */
  String splitPoints(boolean onTarget, String range) {
    return "SELECT " + sync.key().stream().map(c -> Sql.ident(c) + "::text").collect(Collectors.joining(", ")) + " FROM (SELECT "
        + keyColumns + ", row_number() OVER (ORDER BY " + keyColumns + ") AS pgferry_rn FROM ONLY " + (onTarget ? target : source)
        + " WHERE " + range + ") s WHERE pgferry_rn % ? = 0 ORDER BY pgferry_rn";
  }

  String keysIn(boolean onTarget, String range) {
    return "SELECT " + keyText("") + " FROM ONLY " + (onTarget ? target : source) + " WHERE " + range;
  }

  /** Source rows of a range whose key is one of a text array: the rows the target lacks. */
  String rowsWithKeys(String range) {
    return selectText(range + " AND " + keyText("") + " = ANY (?)", null);
  }

  String deleteKeys(String range) {
    return "DELETE FROM ONLY " + target + " WHERE " + range + " AND " + keyText("") + " = ANY (?)";
  }

  static String list(List<String> names, String alias) {
    return names.stream().map(c -> alias + Sql.ident(c)).collect(Collectors.joining(", "));
  }

  static boolean identityAlways(Column c) {
    return c.identity() != null && c.identity().always();
  }
}
