package io.pgferry.loader;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.Sql;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL text of one table's sync. Identifiers go through {@link Sql#ident}; values (marks, key bounds, key
 * lists) are always bind parameters: untyped where the server types them from the column they meet, cast
 * ({@code ::int8}, {@code ::regclass}, arrays) where the query needs a type of its own.
 */
final class SyncSql {
  /** The per-session staging table a batch is copied into before one set-based statement applies it. */
  static final String BATCH = "pg_temp.pgferry_batch";
  private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

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
   * batch's new mark: its largest timestamp, of the rows stamped before the bound horizon when {@link
   * #markGuarded} ({@link InFlight}). {@code xmax = 0} tells a fresh insert from an update.
   */
  String upsert() {
    String ts = Sql.ident(sync.timestampColumn());
    List<String> rest = sync.columns().stream().filter(c -> !sync.key().contains(c)).toList();
    String action = rest.isEmpty() ? "DO NOTHING"
        : "DO UPDATE SET " + rest.stream().map(c -> Sql.ident(c) + " = EXCLUDED." + Sql.ident(c)).collect(Collectors.joining(", "))
            // as text: json, point and friends have no equality operator
            + " WHERE ROW(" + list(rest, "t.") + ")::text IS DISTINCT FROM ROW(" + list(rest, "EXCLUDED.") + ")::text";
    return "WITH m AS (" + insertFromBatch() + " ON CONFLICT (" + keyColumns + ") " + action + " RETURNING (xmax = 0) AS ins)"
        + " SELECT count(*) FILTER (WHERE ins), count(*) FILTER (WHERE NOT ins), (SELECT max(" + ts + ")::text FROM " + BATCH
        + (markGuarded() ? " WHERE " + ts + " < ?" : "") + ") FROM m";
  }

  /**
   * Whether the timestamp column holds times that the in-flight horizon (a timestamptz) compares with: a
   * timestamp without time zone compares as UTC, the sessions' zone. Other types (version numbers) are not guarded.
   */
  boolean markGuarded() {
    String type = sync.table().column(sync.timestampColumn()).map(Column::type).orElse("");
    return type.startsWith("timestamp") || type.equals("date");
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

  // ---- key comparison (delete check and append) ----

  /** The key as one text value, identical on both servers because sessions fix every output setting. */
  String keyText(String alias) {
    return sync.key().size() == 1 ? alias + Sql.ident(sync.key().get(0)) + "::text" : "ROW(" + list(sync.key(), alias) + ")::text";
  }

  /** A key's 64-bit hash: its top bits pick the key's bucket, and the XOR of it summarizes a key set. */
  private String keyHash() {
    if (integerKey()) {
      return "hashint8extended(" + intKey() + ", 0)";
    }
    return "hashtextextended(" + keyText("") + ", 0)";
  }

  private String table(boolean onTarget) {
    return "FROM ONLY " + (onTarget ? target : source);
  }

  /**
   * A key of one integer column: hashed without a conversion to text ({@code hashint8extended}), and when
   * dense enough bucketed by key range ({@code key >> shift}), so a bucket's keys are an index range.
   */
  boolean integerKey() {
    return sync.key().size() == 1 && INTEGER_TYPES.contains(keyType(sync.key().get(0)));
  }

  /** The single integer key column as int8 (its hash, and its range bucket). */
  private String intKey() {
    return Sql.ident(sync.key().get(0)) + "::int8";
  }

  /**
   * The smallest or largest key as an int8, read from one end of the key index: the cast goes outside the
   * aggregate, since {@code min(key::int8)} of an integer or smallint key is not the indexed expression and
   * reads the whole table.
   */
  private String keyBound(String aggregate, String from) {
    return "(SELECT " + aggregate + "(" + Sql.ident(sync.key().get(0)) + ")::int8 " + from + ")";
  }

  /**
   * The smallest and largest key (one end of the key index each) and the planner's row estimate of the
   * table (bound as its quoted name): enough to size range buckets without reading every key.
   */
  String keyBounds(boolean onTarget) {
    String from = table(onTarget);
    return "SELECT " + keyBound("min", from) + ", " + keyBound("max", from) + ","
        + " (SELECT greatest(reltuples, 0)::int8 FROM pg_class WHERE oid = ?::regclass)";
  }

  /**
   * Count and hash XOR of every key: a streaming aggregate over the key index, two numbers back; with range
   * buckets also the smallest and largest key, which size the buckets.
   */
  String keySummary(boolean onTarget) {
    if (integerKey()) {
      // min and max as their own subqueries: each reads one end of the key index
      String from = table(onTarget);
      return "SELECT count(*), coalesce(bit_xor(" + keyHash() + "), 0)::text, " + keyBound("min", from) + ", " + keyBound("max", from)
          + " " + from;
    }
    return "SELECT count(*), coalesce(bit_xor(" + keyHash() + "), 0)::text " + table(onTarget);
  }

  /**
   * Count and hash XOR of every bucket (the hash shifted right by {@code shift}), in bucket order so that both
   * sides merge as streams. The XOR covers the whole hash, not only the bucket bits. A resumed pass
   * ({@code resumed}) starts at a bucket bound as the statement's one parameter; a first pass has no bound at
   * all, because {@code key >= ?} without statistics (a table just cloned) is estimated to keep a third of the
   * rows, and the planner then reads the whole table through a bitmap of the key index (measured 0.58-0.97 s
   * against 0.41-0.51 s for the plain scan on a million keys).
   */
  String bucketSummaries(boolean onTarget, int shift, boolean ranges, boolean resumed) {
    if (ranges) {
      // the bound is the first key of the first bucket wanted, so a resumed pass starts inside the index
      return "SELECT pgferry_b, count(*), bit_xor(pgferry_h)::text FROM (SELECT " + intKey() + " >> " + shift + " AS pgferry_b,"
          + " hashint8extended(" + intKey() + ", 0) AS pgferry_h " + table(onTarget)
          + (resumed ? " WHERE " + Sql.ident(sync.key().get(0)) + " >= ?::int8" : "") + " OFFSET 0) pgferry_s GROUP BY pgferry_b ORDER BY pgferry_b";
    }
    // OFFSET 0 hides the expression's row estimate (one group per row) behind a fence: the planner then
    // hashes the groups and sorts only the buckets, instead of sorting every key (measured 0.84 s against
    // 1.0 s for a million keys)
    return "SELECT pgferry_b, count(*), bit_xor(pgferry_h)::text FROM (SELECT pgferry_h >> " + shift + " AS pgferry_b, pgferry_h"
        + " FROM (SELECT " + keyHash() + " AS pgferry_h " + table(onTarget) + ") pgferry_k OFFSET 0) pgferry_s"
        + (resumed ? " WHERE pgferry_b >= ?" : "") + " GROUP BY pgferry_b ORDER BY pgferry_b";
  }

  /**
   * Bucket id and key column texts of the keys in the buckets of an int8 array, in bucket order (a hash join).
   * With range buckets, either one index range scan per bucket ({@code dense} false: the bounds are two int8
   * arrays of each bucket's first and last key), or, when many buckets differ, one scan of the key index
   * hash-joined with the bucket ids (an int8 array), which is cheaper than thousands of range scans.
   */
  String bucketKeys(boolean onTarget, int shift, boolean ranges, boolean dense) {
    if (ranges && dense) {
      String k = Sql.ident(sync.key().get(0));
      return "SELECT pgferry_k.pgferry_b, pgferry_k.pgferry_k0 FROM (SELECT " + intKey() + " >> " + shift + " AS pgferry_b, " + k
          + "::text AS pgferry_k0 " + table(onTarget) + ") pgferry_k JOIN unnest(?::int8[]) AS pgferry_d (pgferry_b)"
          + " ON pgferry_d.pgferry_b = pgferry_k.pgferry_b ORDER BY 1";
    }
    if (ranges) {
      // LATERAL and OFFSET 0 keep the bucket bounds on the outside of the join: one index range scan per bucket,
      // never a scan of the table per bound (the planner flattens a plain join and picks that with default estimates). Ordered by bucket (the merge needs it); the key column's name could be an
      // output name too, so never "ORDER BY key", which would sort its text
      String k = Sql.ident(sync.key().get(0));
      return "SELECT pgferry_r.pgferry_lo >> " + shift + ", pgferry_k.pgferry_k0 FROM unnest(?::int8[], ?::int8[]) AS pgferry_r"
          + " (pgferry_lo, pgferry_hi) CROSS JOIN LATERAL (SELECT " + k + "::text AS pgferry_k0 " + table(onTarget) + " WHERE " + k
          + " BETWEEN pgferry_r.pgferry_lo AND pgferry_r.pgferry_hi OFFSET 0) pgferry_k ORDER BY 1";
    }
    return "SELECT pgferry_k.pgferry_b, " + sync.key().stream().map(c -> "pgferry_k." + keyAlias(c)).collect(Collectors.joining(", "))
        + " FROM (SELECT " + keyHash() + " >> " + shift + " AS pgferry_b, "
        + sync.key().stream().map(c -> Sql.ident(c) + "::text AS " + keyAlias(c)).collect(Collectors.joining(", ")) + " "
        + table(onTarget) + ") pgferry_k JOIN unnest(?::int8[]) AS pgferry_d (pgferry_b) ON pgferry_d.pgferry_b = pgferry_k.pgferry_b"
        + " ORDER BY 1";
  }

  /**
   * {@code key IN (…)} over one text array per key column, each value cast to its column's type: the key
   * index finds the rows, and the texts are read back exactly as the server printed them.
   */
  private String keyIn() {
    List<String> key = sync.key();
    return "(" + keyColumns + ") IN (SELECT " + key.stream().map(c -> "pgferry_u." + keyAlias(c) + "::" + keyType(c))
        .collect(Collectors.joining(", ")) + " FROM unnest(" + key.stream().map(c -> "?::text[]").collect(Collectors.joining(", "))
        + ") AS pgferry_u (" + key.stream().map(this::keyAlias).collect(Collectors.joining(", ")) + "))";
  }

  private String keyAlias(String column) {
    return "pgferry_k" + sync.key().indexOf(column);
  }

  private String keyType(String column) {
    return sync.table().column(column).orElseThrow().type();
  }

  /** Source rows whose key is in the bound key arrays: the rows the target lacks. */
  String rowsWithKeys() {
    return selectText(keyIn(), null);
  }

  String deleteKeys() {
    return "DELETE FROM ONLY " + target + " WHERE " + keyIn();
  }

  static String list(List<String> names, String alias) {
    return names.stream().map(c -> alias + Sql.ident(c)).collect(Collectors.joining(", "));
  }

  static boolean identityAlways(Column c) {
    return c.identity() != null && c.identity().always();
  }
}
