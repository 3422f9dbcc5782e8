package io.pgferry.extractor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Foreign data wrappers that no extension made, foreign servers and foreign tables (their columns with
 * options, defaults and NOT NULL, their check constraints, partition bound or parents, server and options).
 * All in the base phase: views may read foreign tables. A foreign table holds no rows of its own, so the
 * load never touches it. User mappings are not read: their options hold credentials, which a clone must
 * not print (the coverage guard names them instead).
 */
final class ForeignObjectsReader {
  private ForeignObjectsReader() {}

  /** {@code OPTIONS (k 'v', …)} of an options array, or the empty string. */
  private static final String OPTIONS = """
      coalesce((SELECT ' OPTIONS (' || string_agg(format('%%I %%L', o.option_name, o.option_value), ', ') || ')'
                FROM pg_options_to_table(%s) o), '')""";

  static List<SchemaObject> read(Connection c) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    wrappers(c, out);
    servers(c, out);
    tables(c, out);
    return out;
  }

  private static void wrappers(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args,
               format('CREATE FOREIGN DATA WRAPPER %%I', w.fdwname)
                 || CASE WHEN w.fdwhandler <> 0 THEN ' HANDLER ' || w.fdwhandler::regproc::text ELSE '' END
                 || CASE WHEN w.fdwvalidator <> 0 THEN ' VALIDATOR ' || w.fdwvalidator::regproc::text ELSE '' END || %s
        FROM pg_foreign_data_wrapper w
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_foreign_data_wrapper'::regclass, w.oid, 0) a
        WHERE %s ORDER BY w.fdwname""".formatted(OPTIONS.formatted("w.fdwoptions"),
        CatalogReader.notExtensionMember("pg_foreign_data_wrapper", "w.oid"));
    simple(c, sql, out);
  }

  private static void servers(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args,
               format('CREATE SERVER %%I', s.srvname) || coalesce(' TYPE ' || quote_literal(s.srvtype), '')
                 || coalesce(' VERSION ' || quote_literal(s.srvversion), '')
                 || format(' FOREIGN DATA WRAPPER %%I', w.fdwname) || %s
        FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_foreign_server'::regclass, s.oid, 0) a
        WHERE %s ORDER BY s.srvname""".formatted(OPTIONS.formatted("s.srvoptions"),
        CatalogReader.notExtensionMember("pg_foreign_server", "s.oid"));
    simple(c, sql, out);
  }

  private static void simple(Connection c, String sql, List<SchemaObject> out) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.BASE, List.of(rs.getString(4)), Set.of()));
      }
    }
  }

  private static void tables(Connection c, List<SchemaObject> out) throws SQLException {
    String columns = """
        SELECT a.attrelid::int8, format('%%I %%s', a.attname, format_type(a.atttypid, a.atttypmod)) || %s
                 || CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
                         THEN format(' COLLATE %%I.%%I', cn.nspname, co.collname) ELSE '' END
                 || coalesce(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
                 || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
               a.attislocal
        FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE cl.relkind = 'f' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum"""
        .formatted(OPTIONS.formatted("a.attfdwoptions"));
    Map<Long, List<String>> local = new HashMap<>();
    Map<Long, List<String>> all = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(columns)) {
      while (rs.next()) {
        all.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        if (rs.getBoolean(3)) {
          local.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    String sql = """
        SELECT a.type, a.object_names, a.object_args, cl.oid::int8, n.nspname, cl.relname, format('%%I', sv.srvname) || %s,
               CASE WHEN cl.relispartition THEN pg_get_expr(cl.relpartbound, cl.oid) END,
               ARRAY(SELECT format('%%I.%%I', pn.nspname, pc.relname) FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent
                     JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = cl.oid ORDER BY h.inhseqno),
               ARRAY(SELECT format('ALTER FOREIGN TABLE %%I.%%I ADD CONSTRAINT %%I %%s', n.nspname, cl.relname, k.conname,
                            pg_get_constraintdef(k.oid))
                     FROM pg_constraint k WHERE k.conrelid = cl.oid AND k.contype = 'c' AND k.conislocal ORDER BY k.conname)
        FROM pg_foreign_table ft JOIN pg_class cl ON cl.oid = ft.ftrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_foreign_server sv ON sv.oid = ft.ftserver
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_class'::regclass, cl.oid, 0) a
        WHERE %s AND %s ORDER BY n.nspname, cl.relname""".formatted(OPTIONS.formatted("ft.ftoptions"), CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        long oid = rs.getLong(4);
        String name = Sql.qualified(rs.getString(5), rs.getString(6));
        String bound = rs.getString(8);
        List<String> parents = strings(rs.getArray(9));
        String head = "CREATE FOREIGN TABLE " + name;
        if (bound != null && !parents.isEmpty()) {
          head += " PARTITION OF " + parents.get(0) + " " + bound;
        } else {
          List<String> cols = parents.isEmpty() ? all.getOrDefault(oid, List.of()) : local.getOrDefault(oid, List.of());
          head += " (" + (cols.isEmpty() ? "" : "\n    " + String.join(",\n    ", cols) + "\n") + ")";
          if (!parents.isEmpty()) {
            head += " INHERITS (" + String.join(", ", parents) + ")";
          }
        }
        List<String> statements = new ArrayList<>();
        statements.add(head + " SERVER " + rs.getString(7));
        statements.addAll(strings(rs.getArray(10)));
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.BASE, statements, Set.of()));
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
