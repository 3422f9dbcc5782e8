package io.pgferry.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a database's catalog says about one object kind, computed by the server alone (catalog columns,
 * {@code format_type}, {@code pg_get_constraintdef}, reg* casts) so fidelity tests compare a source and
 * its clone without trusting any pgferry code. One method per kind; each returns sorted rows of text.
 *
 * <p>Runs with an empty search_path, so every user object is printed schema-qualified. Objects in
 * system schemas and objects that belong to an extension are left out (the extension row covers them).
 * Only what {@code pg_dump --schema-only} would print counts: OIDs, attribute numbers of dropped
 * columns and collation versions are not part of the snapshot.
 */
public final class CatalogSnapshot {
  private static final String USER_SCHEMA = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' "
      + "AND n.nspname <> 'pgferry'";

  private CatalogSnapshot() {}

  private static String notMember(String catalog, String oid) {
    return " NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = " + oid
        + " AND e.deptype = 'e') ";
  }

  /** name, schema, version of every installed extension (plpgsql included). */
  public static List<List<String>> extensions(TestDatabase db) {
    return rows(db, """
        SELECT x.extname, n.nspname, x.extversion
        FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace ORDER BY 1""");
  }

  /** schema, name, provider, deterministic, encoding, lc_collate, lc_ctype, ICU/builtin locale, ICU rules. */
  public static List<List<String>> collations(TestDatabase db) {
    // to_jsonb reads whichever locale column this major has (colliculocale 15-16, colllocale 17+).
    return rows(db, """
        SELECT n.nspname, co.collname, co.collprovider::text, co.collisdeterministic::text, co.collencoding::text,
               co.collcollate, co.collctype,
               coalesce(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale'), to_jsonb(co) ->> 'collicurules'
        FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
        WHERE %s AND %s ORDER BY 1, 2""".formatted(USER_SCHEMA, notMember("pg_collation", "co.oid")));
  }

  /**
   * qualified name, base type with typmod, collation when it differs from the base type's, NOT NULL,
   * default expression, and every constraint as {@code name [type] definition} sorted by name.
   */
  public static List<List<String>> domains(TestDatabase db) {
    return rows(db, """
        SELECT format_type(t.oid, NULL), format_type(t.typbasetype, t.typtypmod),
               CASE WHEN t.typcollation <> bt.typcollation THEN t.typcollation::regcollation::text END,
               t.typnotnull::text, pg_get_expr(t.typdefaultbin, 0),
               (SELECT string_agg(format('%%s [%%s] %%s', k.conname, k.contype, pg_get_constraintdef(k.oid)), '; '
                                  ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = t.typbasetype
        WHERE t.typtype = 'd' AND %s AND %s ORDER BY 1""".formatted(USER_SCHEMA, notMember("pg_type", "t.oid")));
  }

  /**
   * One row per visible attribute of every stand-alone composite type: type, position among the visible
   * attributes, attribute name, type with typmod, collation when not the type's default. A type without
   * attributes has one row with nulls.
   */
  public static List<List<String>> composites(TestDatabase db) {
    return rows(db, """
        SELECT format_type(t.oid, NULL), (row_number() OVER (PARTITION BY t.oid ORDER BY a.attnum))::text, a.attname,
               format_type(a.atttypid, a.atttypmod),
               CASE WHEN a.attcollation <> at.typcollation THEN a.attcollation::regcollation::text END
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_class cl ON cl.oid = t.typrelid AND cl.relkind = 'c'
        LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_type at ON at.oid = a.atttypid
        WHERE t.typtype = 'c' AND %s AND %s ORDER BY 1, a.attnum""".formatted(USER_SCHEMA, notMember("pg_type", "t.oid")));
  }

  /** range type, subtype, subtype operator class, collation, canonical, subtype_diff, multirange type. */
  public static List<List<String>> ranges(TestDatabase db) {
    return rows(db, """
        SELECT format_type(r.rngtypid, NULL), format_type(r.rngsubtype, NULL),
               format('%%I.%%I', opn.nspname, opc.opcname), r.rngcollation::regcollation::text,
               r.rngcanonical::regproc::text, r.rngsubdiff::regproc::text, format_type(r.rngmultitypid, NULL)
        FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
        WHERE %s AND %s ORDER BY 1""".formatted(USER_SCHEMA, notMember("pg_type", "t.oid")));
  }

  private static List<List<String>> rows(TestDatabase db, String sql) {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      try (ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("catalog snapshot failed on " + db.name() + ": " + e.getMessage(), e);
    }
  }
}
