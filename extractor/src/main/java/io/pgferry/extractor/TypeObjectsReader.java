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
 * Reads extensions, user-defined collations, domains, composite types and range types as
 * {@link SchemaObject}s (all {@link SchemaObject.Phase#BASE}, dependencies left empty for the caller to
 * fill from pg_depend). One set-based query per kind (composite attributes have their own), so the cost
 * does not grow in round trips with the number of objects.
 *
 * <p>Must run with an empty search_path (as {@link CatalogReader} arranges): {@code format_type} and
 * {@code pg_get_expr} then print every user type and function schema-qualified.
 *
 * <p>Keys come from {@code pg_identify_object_as_address}: extensions are {@code extension [name]},
 * collations {@code collation [schema, name]}, and domains, composite and range types all
 * {@code type [<format_type_be_qualified text>]} — one name element holding the quoted, qualified type
 * name, e.g. {@code ["\"My Schema\".money"]}, which is what pg_depend references resolve to as well.
 */
final class TypeObjectsReader {
  private static final String ADDRESS = "CROSS JOIN LATERAL pg_identify_object_as_address('%s'::regclass, %s, 0) a";

  private TypeObjectsReader() {}

  static List<SchemaObject> read(Connection c) throws SQLException {
    int version;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('search_path')")) {
      rs.next();
      version = rs.getInt(1);
      String path = rs.getString(2);
      if (!path.isEmpty() && !path.equals("\"\"")) {
        throw new IllegalStateException("TypeObjectsReader needs an empty search_path, not " + path);
      }
    }
    List<SchemaObject> out = new ArrayList<>();
    out.addAll(extensions(c));
    out.addAll(collations(c, version));
    out.addAll(composites(c));
    out.addAll(domains(c));
    out.addAll(ranges(c));
    return out;
  }

  private static List<SchemaObject> extensions(Connection c) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, x.extname, n.nspname, x.extversion
        FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace %s
        ORDER BY x.extname""".formatted(ADDRESS.formatted("pg_extension", "x.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(object(rs, "CREATE EXTENSION IF NOT EXISTS " + Sql.ident(rs.getString(4)) + " WITH SCHEMA "
            + Sql.ident(rs.getString(5)) + " VERSION " + Sql.literal(rs.getString(6))));
      }
    }
    return out;
  }

  private static List<SchemaObject> collations(Connection c, int version) throws SQLException {
    // Where the ICU/builtin locale lives moved twice: collcollate (14), colliculocale (15, 16), colllocale (17+).
    String locale = version >= 170000 ? "co.colllocale"
        : version >= 150000 ? "co.colliculocale" : "CASE WHEN co.collprovider = 'i' THEN co.collcollate END";
    String rules = version >= 160000 ? "co.collicurules" : "NULL::text";
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, co.collname, co.collprovider::text,
               co.collisdeterministic, co.collcollate, co.collctype, %s, %s
        FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(locale, rules, ADDRESS.formatted("pg_collation", "co.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_collation", "co.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String provider = rs.getString(6);
        List<String> opts = new ArrayList<>();
        switch (provider) {
          case "i" -> {
            opts.add("provider = icu");
            opts.add("locale = " + Sql.literal(rs.getString(10)));
            if (rs.getString(11) != null) {
              opts.add("rules = " + Sql.literal(rs.getString(11)));
            }
          }
          case "b" -> {
            opts.add("provider = builtin");
            opts.add("locale = " + Sql.literal(rs.getString(10)));
          }
          case "c" -> {
            opts.add("provider = libc");
            String collate = rs.getString(8);
            String ctype = rs.getString(9);
            if (collate.equals(ctype)) {
              opts.add("locale = " + Sql.literal(collate));
            } else {
              opts.add("lc_collate = " + Sql.literal(collate));
              opts.add("lc_ctype = " + Sql.literal(ctype));
            }
          }
          default -> throw new ExtractException(ExtractException.Reason.CATALOG_READ, "collation " + rs.getString(4)
              + "." + rs.getString(5) + " has provider '" + provider + "', which pgferry does not know", null);
        }
        if (!rs.getBoolean(7)) {
          opts.add("deterministic = false");
        }
        out.add(object(rs, "CREATE COLLATION " + Sql.qualified(rs.getString(4), rs.getString(5)) + " ("
            + String.join(", ", opts) + ")"));
      }
    }
    return out;
  }

  private static List<SchemaObject> composites(Connection c) throws SQLException {
    // Dropped attributes are skipped: the clone gets the same visible attributes in the same order.
    String attSql = """
        SELECT at.attrelid::int8, at.attname, format_type(at.atttypid, at.atttypmod), cn.nspname, co.collname
        FROM pg_attribute at JOIN pg_class cl ON cl.oid = at.attrelid AND cl.relkind = 'c'
        JOIN pg_namespace n ON n.oid = cl.relnamespace JOIN pg_type att ON att.oid = at.atttypid
        LEFT JOIN pg_collation co ON co.oid = at.attcollation AND at.attcollation <> att.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE at.attnum > 0 AND NOT at.attisdropped AND %s
        ORDER BY at.attrelid, at.attnum""".formatted(CatalogReader.USER_SCHEMA);
    Map<Long, List<String>> attributes = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(attSql)) {
      while (rs.next()) {
        attributes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(Sql.ident(rs.getString(2)) + " " + rs.getString(3) + collate(rs.getString(4), rs.getString(5)));
      }
    }
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, t.typname, t.typrelid::int8
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_class cl ON cl.oid = t.typrelid AND cl.relkind = 'c' %s
        WHERE t.typtype = 'c' AND %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_type", "t.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_type", "t.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(object(rs, "CREATE TYPE " + Sql.qualified(rs.getString(4), rs.getString(5)) + " AS ("
            + String.join(", ", attributes.getOrDefault(rs.getLong(6), List.of())) + ")"));
      }
    }
    return out;
  }

  private static List<SchemaObject> domains(Connection c) throws SQLException {
    // Since PG 17 a domain's NOT NULL is a named pg_constraint row (contype 'n'); before, only typnotnull.
    // pg_get_constraintdef already appends NOT VALID to unvalidated constraints.
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod),
               cn.nspname, co.collname, t.typnotnull, pg_get_expr(t.typdefaultbin, 0),
               k.names, k.types, k.defs, k.valid
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = t.typbasetype
        LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> bt.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        LEFT JOIN LATERAL (SELECT array_agg(k.conname::text ORDER BY k.conname) AS names,
                                  array_agg(k.contype::text ORDER BY k.conname) AS types,
                                  array_agg(pg_get_constraintdef(k.oid) ORDER BY k.conname) AS defs,
                                  array_agg(k.convalidated::text ORDER BY k.conname) AS valid
                           FROM pg_constraint k WHERE k.contypid = t.oid) k ON true %s
        WHERE t.typtype = 'd' AND %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_type", "t.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_type", "t.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String name = Sql.qualified(rs.getString(4), rs.getString(5));
        StringBuilder create = new StringBuilder("CREATE DOMAIN ").append(name).append(" AS ").append(rs.getString(6))
            .append(collate(rs.getString(7), rs.getString(8)));
        if (rs.getString(10) != null) {
          create.append(" DEFAULT ").append(rs.getString(10));
        }
        List<String> names = strings(rs.getArray(11));
        List<String> types = strings(rs.getArray(12));
        List<String> defs = strings(rs.getArray(13));
        List<String> valid = strings(rs.getArray(14));
        List<String> later = new ArrayList<>();
        boolean namedNotNull = types.contains("n");
        if (rs.getBoolean(9) && !namedNotNull) {
          create.append(" NOT NULL");
        }
        for (int i = 0; i < names.size(); i++) {
          String constraint = "CONSTRAINT " + Sql.ident(names.get(i)) + " " + defs.get(i);
          if ("true".equals(valid.get(i))) {
            create.append(' ').append(constraint);
          } else {
            later.add("ALTER DOMAIN " + name + " ADD " + constraint);
          }
        }
        List<String> statements = new ArrayList<>();
        statements.add(create.toString());
        statements.addAll(later);
        out.add(object(rs, statements));
      }
    }
    return out;
  }

  private static List<SchemaObject> ranges(Connection c) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, t.typname, format_type(r.rngsubtype, NULL),
               CASE WHEN NOT opc.opcdefault THEN opn.nspname END, opc.opcname,
               cn.nspname, co.collname, cpn.nspname, cp.proname, dpn.nspname, dp.proname, mn.nspname, mt.typname
        FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_type st ON st.oid = r.rngsubtype
        JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
        LEFT JOIN pg_collation co ON co.oid = r.rngcollation AND r.rngcollation <> st.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        LEFT JOIN pg_proc cp ON cp.oid = r.rngcanonical LEFT JOIN pg_namespace cpn ON cpn.oid = cp.pronamespace
        LEFT JOIN pg_proc dp ON dp.oid = r.rngsubdiff LEFT JOIN pg_namespace dpn ON dpn.oid = dp.pronamespace
        LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid LEFT JOIN pg_namespace mn ON mn.oid = mt.typnamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_type", "t.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_type", "t.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> opts = new ArrayList<>();
        opts.add("subtype = " + rs.getString(6));
        if (rs.getString(7) != null) {
          opts.add("subtype_opclass = " + Sql.qualified(rs.getString(7), rs.getString(8)));
        }
        if (rs.getString(10) != null) {
          opts.add("collation = " + Sql.qualified(rs.getString(9), rs.getString(10)));
        }
        if (rs.getString(12) != null) {
          opts.add("canonical = " + Sql.qualified(rs.getString(11), rs.getString(12)));
        }
        if (rs.getString(14) != null) {
          opts.add("subtype_diff = " + Sql.qualified(rs.getString(13), rs.getString(14)));
        }
        String multiSchema = rs.getString(15);
        String multiName = rs.getString(16);
        if (multiName != null
            && (!multiSchema.equals(rs.getString(4)) || !multiName.equals(defaultMultirangeName(rs.getString(5))))) {
          opts.add("multirange_type_name = " + Sql.qualified(multiSchema, multiName));
        }
        out.add(object(rs, "CREATE TYPE " + Sql.qualified(rs.getString(4), rs.getString(5)) + " AS RANGE ("
            + String.join(", ", opts) + ")"));
      }
    }
    return out;
  }

  /**
   * The multirange name CREATE TYPE picks by itself: "multi" before the first "range", else a
   * "_multirange" suffix. The server also clips long names; when this guess is wrong the name is simply
   * spelled out, which is always correct.
   */
  static String defaultMultirangeName(String rangeName) {
    int i = rangeName.indexOf("range");
    return i >= 0 ? rangeName.substring(0, i) + "multi" + rangeName.substring(i) : rangeName + "_multirange";
  }

  private static String collate(String schema, String name) {
    return name == null ? "" : " COLLATE " + Sql.qualified(schema, name);
  }

  private static SchemaObject object(ResultSet rs, String statement) throws SQLException {
    return object(rs, List.of(statement));
  }

  /** Columns 1-3 of every query are pg_identify_object_as_address's type, object_names, object_args. */
  private static SchemaObject object(ResultSet rs, List<String> statements) throws SQLException {
    ObjectKey key = new ObjectKey(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)));
    return new SchemaObject(key, SchemaObject.Phase.BASE, statements, Set.of());
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }
}
