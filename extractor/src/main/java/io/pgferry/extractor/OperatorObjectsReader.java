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
 * Reads user-defined operators, operator families and classes, casts and conversions as
 * {@link SchemaObject}s, all {@link SchemaObject.Phase#BASE}: defaults, generated columns and indexes may
 * need them, and pg_depend orders them after their functions and types. One set-based query per kind
 * (family and class members share two), with the empty search_path {@link CatalogReader} sets, so
 * {@code regoperator}, {@code regprocedure} and {@code format_type} print user objects qualified.
 *
 * <p>A family is always created explicitly and each class names it (CREATE OPERATOR CLASS would otherwise
 * make a family of its own name, which is the same thing spelled differently); members bound to a class
 * (pg_depend 'i' on the class) go into its CREATE OPERATOR CLASS, the family's loose members into
 * ALTER OPERATOR FAMILY … ADD.
 */
final class OperatorObjectsReader {
  private static final String ADDRESS = "CROSS JOIN LATERAL pg_identify_object_as_address('%s'::regclass, %s, 0) a";

  private OperatorObjectsReader() {}

  static List<SchemaObject> read(Connection c) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    operators(c, out);
    Members members = members(c);
    families(c, members, out);
    classes(c, members, out);
    casts(c, out);
    conversions(c, out);
    return out;
  }

  private static void operators(Connection c, List<SchemaObject> out) throws SQLException {
    // Shell operators (no function: a commutator or negator named before it was defined) are created by
    // the COMMUTATOR/NEGATOR clause of the operator naming them.
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, o.oprname,
               CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END,
               CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END,
               o.oprcode::text, cn.nspname, co.oprname, nn.nspname, ng.oprname,
               CASE WHEN o.oprrest <> 0 THEN o.oprrest::text END, CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::text END,
               o.oprcanhash, o.oprcanmerge
        FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
        LEFT JOIN pg_operator co ON co.oid = o.oprcom LEFT JOIN pg_namespace cn ON cn.oid = co.oprnamespace
        LEFT JOIN pg_operator ng ON ng.oid = o.oprnegate LEFT JOIN pg_namespace nn ON nn.oid = ng.oprnamespace %s
        WHERE o.oprcode <> 0 AND %s AND %s ORDER BY 4, 5, 6, 7""".formatted(ADDRESS.formatted("pg_operator", "o.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_operator", "o.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> opts = new ArrayList<>();
        opts.add("FUNCTION = " + rs.getString(8));
        if (rs.getString(6) != null) {
          opts.add("LEFTARG = " + rs.getString(6));
        }
        if (rs.getString(7) != null) {
          opts.add("RIGHTARG = " + rs.getString(7));
        }
        if (rs.getString(10) != null) {
          opts.add("COMMUTATOR = " + operator(rs.getString(9), rs.getString(10)));
        }
        if (rs.getString(12) != null) {
          opts.add("NEGATOR = " + operator(rs.getString(11), rs.getString(12)));
        }
        if (rs.getString(13) != null) {
          opts.add("RESTRICT = " + rs.getString(13));
        }
        if (rs.getString(14) != null) {
          opts.add("JOIN = " + rs.getString(14));
        }
        if (rs.getBoolean(15)) {
          opts.add("HASHES");
        }
        if (rs.getBoolean(16)) {
          opts.add("MERGES");
        }
        out.add(object(rs, "CREATE OPERATOR " + Sql.ident(rs.getString(4)) + "." + rs.getString(5) + " ("
            + String.join(", ", opts) + ")"));
      }
    }
  }

  /** {@code OPERATOR(schema.op)}: the form that takes a qualified operator name anywhere. */
  private static String operator(String schema, String name) {
    return "OPERATOR(" + Sql.ident(schema) + "." + name + ")";
  }

  /** Members of user families: by class oid when bound to a class, by family oid when loose. */
  private record Members(Map<Long, List<String>> byClass, Map<Long, List<String>> loose) {}

  private static Members members(Connection c) throws SQLException {
    String sql = """
        SELECT m.amopfamily::int8, d.refobjid::int8, m.amopstrategy::int,
               format('OPERATOR %%s %%s', m.amopstrategy, m.amopopr::regoperator)
               || CASE WHEN m.amoppurpose = 'o' THEN format(' FOR ORDER BY %%I.%%I', sn.nspname, sf.opfname) ELSE '' END, 0
        FROM pg_amop m JOIN pg_opfamily f ON f.oid = m.amopfamily JOIN pg_namespace n ON n.oid = f.opfnamespace
        LEFT JOIN pg_opfamily sf ON sf.oid = m.amopsortfamily LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = m.oid
             AND d.refclassid = 'pg_opclass'::regclass AND d.deptype = 'i'
        WHERE %1$s AND %2$s
        UNION ALL
        SELECT p.amprocfamily::int8, d.refobjid::int8, p.amprocnum::int,
               format('FUNCTION %%s (%%s, %%s) %%s', p.amprocnum, format_type(p.amproclefttype, NULL),
                      format_type(p.amprocrighttype, NULL), p.amproc::regprocedure), 1
        FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily JOIN pg_namespace n ON n.oid = f.opfnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid
             AND d.refclassid = 'pg_opclass'::regclass AND d.deptype = 'i'
        WHERE %1$s AND %2$s
        ORDER BY 1, 5, 3, 4""".formatted(CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_opfamily", "f.oid"));
    Map<Long, List<String>> byClass = new HashMap<>();
    Map<Long, List<String>> loose = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        long cls = rs.getLong(2);
        if (rs.wasNull()) {
          loose.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(4));
        } else {
          byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(rs.getString(4));
        }
      }
    }
    return new Members(byClass, loose);
  }

  private static void families(Connection c, Members members, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, f.opfname, am.amname, f.oid::int8
        FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod %s
        WHERE %s AND %s ORDER BY 4, 5, 6""".formatted(ADDRESS.formatted("pg_opfamily", "f.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_opfamily", "f.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String name = Sql.qualified(rs.getString(4), rs.getString(5)) + " USING " + Sql.ident(rs.getString(6));
        List<String> stmts = new ArrayList<>();
        stmts.add("CREATE OPERATOR FAMILY " + name);
        List<String> loose = members.loose().getOrDefault(rs.getLong(7), List.of());
        if (!loose.isEmpty()) {
          stmts.add("ALTER OPERATOR FAMILY " + name + " ADD " + String.join(", ", loose));
        }
        out.add(object(rs, stmts));
      }
    }
  }

  private static void classes(Connection c, Members members, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, oc.opcname, am.amname, oc.opcdefault,
               format_type(oc.opcintype, NULL), fn.nspname, f.opfname,
               CASE WHEN oc.opckeytype <> 0 THEN format_type(oc.opckeytype, NULL) END, oc.oid::int8
        FROM pg_opclass oc JOIN pg_namespace n ON n.oid = oc.opcnamespace JOIN pg_am am ON am.oid = oc.opcmethod
        JOIN pg_opfamily f ON f.oid = oc.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace %s
        WHERE %s AND %s ORDER BY 4, 5, 6""".formatted(ADDRESS.formatted("pg_opclass", "oc.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_opclass", "oc.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> items = new ArrayList<>(members.byClass().getOrDefault(rs.getLong(12), List.of()));
        if (rs.getString(11) != null || items.isEmpty()) {
          // A class needs at least one item; its input type as storage is what it has when none is given.
          items.add("STORAGE " + (rs.getString(11) != null ? rs.getString(11) : rs.getString(8)));
        }
        out.add(object(rs, "CREATE OPERATOR CLASS " + Sql.qualified(rs.getString(4), rs.getString(5))
            + (rs.getBoolean(7) ? " DEFAULT" : "") + " FOR TYPE " + rs.getString(8) + " USING " + Sql.ident(rs.getString(6))
            + " FAMILY " + Sql.qualified(rs.getString(9), rs.getString(10)) + " AS " + String.join(", ", items)));
      }
    }
  }

  private static void casts(Connection c, List<SchemaObject> out) throws SQLException {
    // Casts have no schema: initdb's have system oids, extensions' are their members, a range type's casts
    // to its multirange are internal to it (CREATE TYPE makes them); the rest are ours.
    String sql = """
        SELECT a.type, a.object_names, a.object_args, format_type(ca.castsource, NULL), format_type(ca.casttarget, NULL),
               ca.castmethod::text, CASE WHEN ca.castfunc <> 0 THEN ca.castfunc::regprocedure::text END, ca.castcontext::text
        FROM pg_cast ca %s
        WHERE ca.oid >= %d AND %s
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = ca.oid AND d.deptype = 'i')
        ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_cast", "ca.oid"),
        SecurityObjectsReader.FIRST_NORMAL_OID, CatalogReader.notExtensionMember("pg_cast", "ca.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String method = switch (rs.getString(6)) {
          case "f" -> "WITH FUNCTION " + rs.getString(7);
          case "i" -> "WITH INOUT";
          default -> "WITHOUT FUNCTION";
        };
        String context = switch (rs.getString(8)) {
          case "i" -> " AS IMPLICIT";
          case "a" -> " AS ASSIGNMENT";
          default -> "";
        };
        out.add(object(rs, "CREATE CAST (" + rs.getString(4) + " AS " + rs.getString(5) + ") " + method + context));
      }
    }
  }

  private static void conversions(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, cv.conname, cv.condefault,
               pg_encoding_to_char(cv.conforencoding), pg_encoding_to_char(cv.contoencoding), cv.conproc::text
        FROM pg_conversion cv JOIN pg_namespace n ON n.oid = cv.connamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_conversion", "cv.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_conversion", "cv.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(object(rs, "CREATE " + (rs.getBoolean(6) ? "DEFAULT " : "") + "CONVERSION "
            + Sql.qualified(rs.getString(4), rs.getString(5)) + " FOR " + Sql.literal(rs.getString(7)) + " TO "
            + Sql.literal(rs.getString(8)) + " FROM " + rs.getString(9)));
      }
    }
  }

  static SchemaObject object(ResultSet rs, String statement) throws SQLException {
    return object(rs, List.of(statement));
  }

  /** Columns 1-3 of every query are pg_identify_object_as_address's type, object_names, object_args. */
  static SchemaObject object(ResultSet rs, List<String> statements) throws SQLException {
    ObjectKey key = new ObjectKey(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)));
    return new SchemaObject(key, SchemaObject.Phase.BASE, statements, Set.of());
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }
}
