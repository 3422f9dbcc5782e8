package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Physical settings that CREATE TABLE does not carry in pgferry's base DDL: table storage parameters
 * ({@code fillfactor}, autovacuum settings), per-column statistics targets, storage and compression, and
 * the indexes of materialized views, extended statistics, replica identities and the index CLUSTER uses. Each is a small {@link SchemaObject} hanging
 * on its relation.
 */
final class StorageObjectsReader {
  private StorageObjectsReader() {}

  static List<SchemaObject> read(Connection c) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    tableOptions(c, out);
    columnSettings(c, out);
    matviewIndexes(c, out);
    indexColumnStatistics(c, out);
    statistics(c, out);
    replicaIdentities(c, out);
    clusterMarks(c, out);
    return out;
  }

  private static void tableOptions(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT n.nspname, cl.relname, array_to_string(cl.reloptions, ', ')
        FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE cl.relkind IN ('r', 'p') AND cl.reloptions IS NOT NULL AND %s AND %s ORDER BY 1, 2"""
        .formatted(CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName t = new QualifiedName(rs.getString(1), rs.getString(2));
        // Set after creation rather than in CREATE TABLE … WITH: that works for partitions and parents alike.
        out.add(new SchemaObject(new ObjectKey("table options", List.of(t.schema(), t.name()), List.of()), SchemaObject.Phase.BASE,
            List.of("ALTER TABLE " + t.quoted() + " SET (" + rs.getString(3) + ")"), Set.of(ObjectKey.of("table", t))));
      }
    }
  }

  private static void columnSettings(Connection c, List<SchemaObject> out) throws SQLException {
    // attstattarget is -1 (up to 16) or NULL (17+) by default; storage and compression only when they differ
    // from the type's default, so the target keeps following its own defaults otherwise.
    String sql = """
        SELECT n.nspname, cl.relname, a.attname,
               CASE WHEN a.attstattarget::int >= 0 THEN a.attstattarget::int END,
               CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END,
               CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END,
               array_to_string(a.attoptions, ', ')
        FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE cl.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND %s AND %s
          AND (a.attstattarget::int >= 0 OR a.attstorage <> t.typstorage OR a.attcompression IN ('p', 'l') OR a.attoptions IS NOT NULL)
        ORDER BY 1, 2, a.attnum""".formatted(CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName t = new QualifiedName(rs.getString(1), rs.getString(2));
        String col = rs.getString(3);
        String prefix = "ALTER TABLE " + t.quoted() + " ALTER COLUMN " + Sql.ident(col);
        List<String> stmts = new ArrayList<>();
        int stats = rs.getInt(4);
        if (!rs.wasNull()) {
          stmts.add(prefix + " SET STATISTICS " + stats);
        }
        String storage = rs.getString(5);
        if (storage != null) {
          stmts.add(prefix + " SET STORAGE " + switch (storage) {
            case "p" -> "PLAIN";
            case "e" -> "EXTERNAL";
            case "m" -> "MAIN";
            default -> "EXTENDED";
          });
        }
        String compression = rs.getString(6);
        if (compression != null) {
          stmts.add(prefix + " SET COMPRESSION " + compression);
        }
        String options = rs.getString(7);
        if (options != null) {
          // n_distinct, n_distinct_inherited: the planner's estimates, which ANALYZE on the target would not reproduce
          stmts.add(prefix + " SET (" + options + ")");
        }
        out.add(new SchemaObject(new ObjectKey("column settings", List.of(t.schema(), t.name(), col), List.of()),
            SchemaObject.Phase.BASE, stmts, Set.of(ObjectKey.of("table", t))));
      }
    }
  }

  /**
   * A statistics target on an index's expression column ({@code ALTER INDEX i ALTER COLUMN 1 SET STATISTICS
   * 3000}): set in the seal, once the index exists. Keyed like the coverage guard names it.
   */
  private static void indexColumnStatistics(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT n.nspname, ic.relname, a.attname, a.attnum, a.attstattarget::int, tn.nspname, tc.relname, tc.relkind = 'm'
        FROM pg_attribute a JOIN pg_class ic ON ic.oid = a.attrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
        JOIN pg_index i ON i.indexrelid = ic.oid JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
        WHERE ic.relkind IN ('i', 'I') AND a.attnum > 0 AND a.attstattarget::int >= 0 AND %s AND %s
        ORDER BY 1, 2, 4""".formatted(CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_class", "ic.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName index = new QualifiedName(rs.getString(1), rs.getString(2));
        QualifiedName table = new QualifiedName(rs.getString(6), rs.getString(7));
        out.add(new SchemaObject(new ObjectKey("index column statistics", List.of(index.schema(), index.name(), rs.getString(3)),
            List.of()), SchemaObject.Phase.SEAL, List.of("ALTER INDEX " + index.quoted() + " ALTER COLUMN " + rs.getInt(4)
            + " SET STATISTICS " + rs.getInt(5)), Set.of(ObjectKey.of(rs.getBoolean(8) ? "materialized view" : "table", table))));
      }
    }
  }

  private static void matviewIndexes(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT n.nspname, cl.relname, ic.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class cl ON cl.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE cl.relkind = 'm' AND %s ORDER BY 1, 2, 3""".formatted(CatalogReader.USER_SCHEMA);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName mv = new QualifiedName(rs.getString(1), rs.getString(2));
        out.add(new SchemaObject(new ObjectKey("index", List.of(mv.schema(), rs.getString(3)), List.of()), SchemaObject.Phase.SEAL,
            List.of(rs.getString(4)), Set.of(ObjectKey.of("materialized view", mv))));
      }
    }
  }

  private static void statistics(Connection c, List<SchemaObject> out) throws SQLException {
    // After the data, like indexes: ANALYZE fills them then. stxstattarget is -1 (up to 16) or NULL (17+) by
    // default; pg_get_statisticsobjdef prints expression statistics too (14+).
    String sql = """
        SELECT a.type, a.object_names, a.object_args, tn.nspname, cl.relname, pg_get_statisticsobjdef(st.oid),
               CASE WHEN st.stxstattarget::int >= 0 THEN st.stxstattarget::int END, n.nspname, st.stxname, cl.relkind = 'm'
        FROM pg_statistic_ext st JOIN pg_namespace n ON n.oid = st.stxnamespace
        JOIN pg_class cl ON cl.oid = st.stxrelid JOIN pg_namespace tn ON tn.oid = cl.relnamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_statistic_ext'::regclass, st.oid, 0) a
        WHERE %s AND %s ORDER BY 8, 9""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_statistic_ext", "st.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        SchemaObject o = OperatorObjectsReader.object(rs, List.of());
        List<String> stmts = new ArrayList<>();
        stmts.add(rs.getString(6));
        int target = rs.getInt(7);
        if (!rs.wasNull()) {
          stmts.add("ALTER STATISTICS " + Sql.qualified(rs.getString(8), rs.getString(9)) + " SET STATISTICS " + target);
        }
        QualifiedName t = new QualifiedName(rs.getString(4), rs.getString(5));
        out.add(new SchemaObject(o.key(), SchemaObject.Phase.SEAL, stmts, Set.of(ObjectKey.of(rs.getBoolean(10) ? "materialized view" : "table", t))));
      }
    }
  }

  /**
   * {@code REPLICA IDENTITY FULL | NOTHING | USING INDEX i} of tables, partitioned tables, partitions and
   * materialized views (the default needs nothing). Set in the seal: USING INDEX needs its index, which the
   * seal builds. Keyed like the coverage guard names it.
   */
  private static void replicaIdentities(Connection c, List<SchemaObject> out) throws SQLException {
    // 'i' whose index was dropped behaves as NOTHING (no old key is logged): cloned as that, the effect is the same.
    String sql = """
        SELECT n.nspname, cl.relname, cl.relreplident::text, ic.relname, cl.relkind = 'm'
        FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
        LEFT JOIN pg_index i ON cl.relreplident = 'i' AND i.indrelid = cl.oid AND i.indisreplident
        LEFT JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE cl.relkind IN ('r', 'p', 'm') AND cl.relreplident <> 'd' AND %s AND %s ORDER BY 1, 2"""
        .formatted(CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName t = new QualifiedName(rs.getString(1), rs.getString(2));
        String index = rs.getString(4);
        boolean matview = rs.getBoolean(5);
        String identity = switch (rs.getString(3)) {
          case "f" -> "FULL";
          case "i" -> index == null ? "NOTHING" : "USING INDEX " + Sql.ident(index);
          default -> "NOTHING";
        };
        out.add(new SchemaObject(new ObjectKey("replica identity", List.of(t.schema(), t.name()), List.of()), SchemaObject.Phase.SEAL,
            List.of(alter(matview) + t.quoted() + " REPLICA IDENTITY " + identity), relationAndIndex(t, matview, index)));
      }
    }
  }

  /**
   * {@code ALTER TABLE t CLUSTER ON i}: which index a bare {@code CLUSTER t} uses. Only the mark is set, in the
   * seal once the index exists; the rows are not reordered. Keyed like the coverage guard names it.
   */
  private static void clusterMarks(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT n.nspname, cl.relname, ic.relname, cl.relkind = 'm'
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class cl ON cl.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE i.indisclustered AND cl.relkind IN ('r', 'm') AND %s AND %s ORDER BY 1, 2"""
        .formatted(CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName t = new QualifiedName(rs.getString(1), rs.getString(2));
        boolean matview = rs.getBoolean(4);
        out.add(new SchemaObject(new ObjectKey("cluster mark", List.of(t.schema(), t.name()), List.of()), SchemaObject.Phase.SEAL,
            List.of(alter(matview) + t.quoted() + " CLUSTER ON " + Sql.ident(rs.getString(3))), relationAndIndex(t, matview, rs.getString(3))));
      }
    }
  }

  private static String alter(boolean matview) {
    return matview ? "ALTER MATERIALIZED VIEW " : "ALTER TABLE ";
  }

  /** A materialized view's index is an object of its own, created in the seal; a table's comes with its table. */
  private static Set<ObjectKey> relationAndIndex(QualifiedName t, boolean matview, String index) {
    if (!matview) {
      return Set.of(ObjectKey.of("table", t));
    }
    return index == null ? Set.of(ObjectKey.of("materialized view", t))
        : Set.of(ObjectKey.of("materialized view", t), new ObjectKey("index", List.of(t.schema(), index), List.of()));
  }
}
