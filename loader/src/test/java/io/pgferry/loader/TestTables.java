package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only stand-in for the real catalog reader: builds {@link Table} records from pg_attribute with just
 * what the loader needs (columns, generated/identity flags, size).
 */
public final class TestTables {
  private TestTables() {}

  public static Table read(TestDatabase db, QualifiedName name) {
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("SET search_path = ''"); // format_type then qualifies user types, like the real reader
      }
      String regclass = name.quoted();
      List<Column> columns = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text,
                 a.attgenerated::text, pg_get_expr(d.adbin, d.adrelid)
          FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
        ps.setString(1, regclass);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String identity = rs.getString(5);
            boolean generated = "s".equals(rs.getString(6));
            String expr = rs.getString(7);
            columns.add(new Column(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
                generated ? null : expr,
                identity.isEmpty() ? null : new Column.Identity("a".equals(identity), null, null, null),
                generated ? expr : null, null));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT relkind::text, reltuples::bigint, pg_relation_size(oid) FROM pg_class WHERE oid = ?::regclass")) {
        ps.setString(1, regclass);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Table(name, columns, List.of(), List.of(), false, "p".equals(rs.getString(1)), null, null,
              List.of(), rs.getLong(2), rs.getLong(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read table " + name, e);
    }
  }

  /** A copy of the record with another size estimate, to steer the largest-first order in tests. */
  static Table withSize(Table t, long bytes) {
    return new Table(t.name(), t.columns(), t.constraints(), t.indexes(), t.unlogged(), t.partitioned(),
        t.partitionKey(), t.partitionBound(), t.parents(), t.estimatedRows(), bytes);
  }

  /** Every ordinary table of the database. */
  public static List<Table> readAll(TestDatabase db) {
    return db.query("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2""").stream()
        .map(r -> read(db, QualifiedName.of(r.get(0), r.get(1))))
        .toList();
  }

  /**
   * Makes a target look like the base-DDL phase left it: same tables, no foreign keys (the seal phase adds
   * them, and tables load in parallel), no rows.
   */
  public static void prepareTarget(TestDatabase target, String ddl) {
    target.execute(ddl);
    for (List<String> fk : target.query("""
        SELECT format('%I.%I', n.nspname, c.relname), format('%I', k.conname) FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f'""")) {
      target.execute("ALTER TABLE " + fk.get(0) + " DROP CONSTRAINT " + fk.get(1));
    }
    List<String> tables = TableDigest.userTables(target);
    if (!tables.isEmpty()) {
      target.execute("TRUNCATE " + String.join(", ", tables));
    }
  }

  static ConnectionSource connections(TestDatabase db) {
    return db::connect;
  }
}
