package io.pgferry.extractor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Rewrite rules other than a view's own ({@code CREATE RULE … DO INSTEAD …} on tables and views, with their
 * firing state) and defaults of view columns ({@code ALTER VIEW v ALTER COLUMN c SET DEFAULT …}, which
 * INSERTs through the view use). Both after the data: a rule on a table would rewrite nothing during COPY,
 * but it names other relations, and a view may only get its defaults once it exists.
 */
final class RuleObjectsReader {
  private RuleObjectsReader() {}

  static List<SchemaObject> read(Connection c) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    rules(c, out);
    viewDefaults(c, out);
    return out;
  }

  private static void rules(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, pg_get_ruledef(r.oid), r.ev_enabled, n.nspname, cl.relname, r.rulename
        FROM pg_rewrite r JOIN pg_class cl ON cl.oid = r.ev_class JOIN pg_namespace n ON n.oid = cl.relnamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_rewrite'::regclass, r.oid, 0) a
        WHERE r.rulename <> '_RETURN' AND %s AND %s AND %s
        ORDER BY n.nspname, cl.relname, r.rulename""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_class", "cl.oid"), CatalogReader.notExtensionMember("pg_rewrite", "r.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> statements = new ArrayList<>();
        String def = rs.getString(4).strip();
        statements.add(def.endsWith(";") ? def.substring(0, def.length() - 1) : def);
        String state = RoutineObjectsReader.enabledClause(rs.getString(5), "RULE " + Sql.ident(rs.getString(8)));
        if (state != null) {
          statements.add("ALTER TABLE " + Sql.qualified(rs.getString(6), rs.getString(7)) + " " + state);
        }
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.SEAL, statements, Set.of()));
      }
    }
  }

  private static void viewDefaults(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, cl.relname, att.attname, pg_get_expr(ad.adbin, ad.adrelid)
        FROM pg_attrdef ad JOIN pg_class cl ON cl.oid = ad.adrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_attribute att ON att.attrelid = ad.adrelid AND att.attnum = ad.adnum
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_attrdef'::regclass, ad.oid, 0) a
        WHERE cl.relkind = 'v' AND %s AND %s
        ORDER BY n.nspname, cl.relname, att.attnum""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualifiedName view = new QualifiedName(rs.getString(4), rs.getString(5));
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.SEAL, List.of("ALTER VIEW " + view.quoted() + " ALTER COLUMN "
            + Sql.ident(rs.getString(6)) + " SET DEFAULT " + rs.getString(7)), Set.of(ObjectKey.of("view", view))));
      }
    }
  }

  /** Columns 1-3 are {@code pg_identify_object_as_address}'s type, object_names, object_args. */
  private static ObjectKey key(ResultSet rs) throws SQLException {
    return new ObjectKey(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)));
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }
}
