package io.pgferry.extractor;

import static io.pgferry.extractor.CatalogReader.USER_SCHEMA;
import static io.pgferry.extractor.CatalogReader.notExtensionMember;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads what decorates objects rather than creating them: row-level security switches, policies,
 * comments, and optionally grants/default privileges ({@link AclReader}) and owners. Every result is a
 * {@link SchemaObject} of phase SEAL whose {@code dependsOn} names the object it decorates (that link is
 * not in pg_depend for comments, grants and owners, so it is filled here).
 *
 * <p>Keys: policies keep their own address ({@code policy}); the other aspects get a type of their own
 * ({@code row security}, {@code comment}, {@code acl}, {@code owner}) and as names the decorated object's
 * address type followed by its names, so a comment and a grant on the same table never collide.
 *
 * <p>Must run with {@code search_path = ''} (the caller sets it, as {@link CatalogReader} does), so every
 * expression and identity the server prints is schema-qualified. One set-based query per kind.
 */
final class SecurityObjectsReader {
  /** Objects below this oid were made by initdb; comments on them are PostgreSQL's own. */
  static final int FIRST_NORMAL_OID = 16384;

  private SecurityObjectsReader() {}

  /** The objects and every role their statements name (PUBLIC excluded). */
  record Result(List<SchemaObject> objects, SortedSet<String> roles) {}

  static List<SchemaObject> read(Connection c, boolean privileges, boolean owners) throws SQLException {
    return readAll(c, privileges, owners).objects();
  }

  static Result readAll(Connection c, boolean privileges, boolean owners) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    SortedSet<String> roles = new TreeSet<>();
    rowSecurity(c, out);
    policies(c, out, roles);
    comments(c, out);
    uncommentedPublic(c, out);
    if (owners) {
      owners(c, out, roles);
    }
    if (privileges) {
      AclReader.grants(c, out, roles, owners);
      AclReader.defaultPrivileges(c, out, roles);
    }
    return new Result(List.copyOf(out), roles);
  }

  private static void rowSecurity(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT n.nspname, cl.relname, cl.relrowsecurity, cl.relforcerowsecurity, a.type, a.object_names, a.object_args
        FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_class'::regclass, cl.oid, 0) a
        WHERE cl.relkind IN ('r', 'p') AND (cl.relrowsecurity OR cl.relforcerowsecurity) AND %s AND %s
        ORDER BY 1, 2""".formatted(USER_SCHEMA, notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String table = Sql.qualified(rs.getString(1), rs.getString(2));
        List<String> stmts = new ArrayList<>();
        if (rs.getBoolean(3)) {
          stmts.add("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
        }
        if (rs.getBoolean(4)) {
          stmts.add("ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY");
        }
        ObjectKey target = address(rs, 5);
        out.add(new SchemaObject(aspect("row security", target), SchemaObject.Phase.SEAL, stmts, Set.of(target)));
      }
    }
  }

  private static void policies(Connection c, List<SchemaObject> out, Set<String> roles) throws SQLException {
    String sql = """
        SELECT n.nspname, cl.relname, p.polname, p.polcmd, p.polpermissive,
               ARRAY(SELECT CASE WHEN r.oid = 0 THEN NULL ELSE pg_get_userbyid(r.oid) END
                     FROM unnest(p.polroles) WITH ORDINALITY r(oid, ord) ORDER BY r.ord),
               pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
               a.type, a.object_names, a.object_args, t.type, t.object_names, t.object_args
        FROM pg_policy p JOIN pg_class cl ON cl.oid = p.polrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_policy'::regclass, p.oid, 0) a
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_class'::regclass, cl.oid, 0) t
        WHERE %s AND %s ORDER BY 1, 2, 3""".formatted(USER_SCHEMA, notExtensionMember("pg_class", "cl.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder sb = new StringBuilder("CREATE POLICY ").append(Sql.ident(rs.getString(3)))
            .append(" ON ").append(Sql.qualified(rs.getString(1), rs.getString(2)))
            .append(rs.getBoolean(5) ? " AS PERMISSIVE" : " AS RESTRICTIVE")
            .append(" FOR ").append(command(rs.getString(4)));
        List<String> grantees = new ArrayList<>();
        for (String role : nullableStrings(rs.getArray(6))) {
          grantees.add(role == null ? "PUBLIC" : Sql.ident(role));
          if (role != null) {
            roles.add(role);
          }
        }
        sb.append(" TO ").append(grantees.isEmpty() ? "PUBLIC" : String.join(", ", grantees));
        if (rs.getString(7) != null) {
          sb.append(" USING (").append(rs.getString(7)).append(')');
        }
        if (rs.getString(8) != null) {
          sb.append(" WITH CHECK (").append(rs.getString(8)).append(')');
        }
        out.add(new SchemaObject(address(rs, 9), SchemaObject.Phase.SEAL, List.of(sb.toString()), Set.of(address(rs, 12))));
      }
    }
  }

  private static String command(String polcmd) {
    return switch (polcmd) {
      case "r" -> "SELECT";
      case "a" -> "INSERT";
      case "w" -> "UPDATE";
      case "d" -> "DELETE";
      case "*" -> "ALL";
      default -> throw new ExtractException(ExtractException.Reason.CATALOG_READ, "unknown policy command " + polcmd, null);
    };
  }

  /**
   * Every new database's {@code public} schema comes with a comment; a source whose {@code public} has none
   * (dropped and recreated, or the comment removed) would otherwise leave the target's in place.
   */
  private static void uncommentedPublic(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT 1 FROM pg_namespace n WHERE n.nspname = 'public' AND %s
          AND NOT EXISTS (SELECT 1 FROM pg_description d WHERE d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid)"""
        .formatted(USER_SCHEMA);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (rs.next()) {
        ObjectKey schema = new ObjectKey("schema", List.of("public"), List.of());
        out.add(new SchemaObject(aspect("comment", schema), SchemaObject.Phase.SEAL, List.of("COMMENT ON SCHEMA public IS NULL"),
            Set.of(schema)));
      }
    }
  }

  private static void comments(Connection c, List<SchemaObject> out) throws SQLException {
    // The commented object's schema decides whether it is ours; schema-less objects (extensions, event
    // triggers, casts, languages...) are ours when initdb did not make them. Domain constraints need the
    // domain spelled out (COMMENT ON CONSTRAINT c ON DOMAIN d), everything else prints from its identity.
    String sql = """
        SELECT o.type, o.identity, d.description, dc.conname, format_type(dc.contypid, NULL),
               a.type, a.object_names, a.object_args, p.type, p.object_names, p.object_args
        FROM pg_description d
        CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
        CROSS JOIN LATERAL pg_identify_object_as_address(d.classoid, d.objoid, d.objsubid) a
        CROSS JOIN LATERAL pg_identify_object_as_address(d.classoid, d.objoid, 0) p
        LEFT JOIN pg_namespace n ON n.oid = CASE d.classoid
            WHEN 'pg_namespace'::regclass THEN d.objoid
            WHEN 'pg_trigger'::regclass THEN (SELECT r.relnamespace FROM pg_trigger x JOIN pg_class r ON r.oid = x.tgrelid WHERE x.oid = d.objoid)
            WHEN 'pg_policy'::regclass THEN (SELECT r.relnamespace FROM pg_policy x JOIN pg_class r ON r.oid = x.polrelid WHERE x.oid = d.objoid)
            WHEN 'pg_rewrite'::regclass THEN (SELECT r.relnamespace FROM pg_rewrite x JOIN pg_class r ON r.oid = x.ev_class WHERE x.oid = d.objoid)
            ELSE (SELECT x.oid FROM pg_namespace x WHERE quote_ident(x.nspname) = o.schema) END -- o.schema is quoted
        LEFT JOIN pg_constraint dc ON d.classoid = 'pg_constraint'::regclass AND dc.oid = d.objoid AND dc.contypid <> 0
        WHERE d.classoid <> 'pg_largeobject'::regclass
          AND CASE WHEN n.oid IS NOT NULL THEN %s
                   ELSE o.schema IS NULL AND d.objoid >= %d END
          AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')
        ORDER BY a.type, a.object_names::text, a.object_args::text""".formatted(USER_SCHEMA, FIRST_NORMAL_OID);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String target = commentTarget(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5));
        if (target == null) {
          continue;
        }
        String stmt = "COMMENT ON " + target + " IS " + Sql.literal(rs.getString(3));
        out.add(new SchemaObject(aspect("comment", address(rs, 6)), SchemaObject.Phase.SEAL, List.of(stmt),
            Set.of(address(rs, 9))));
      }
    }
  }

  /** What follows COMMENT ON, from pg_identify_object's type and identity; null for kinds we do not copy. */
  static String commentTarget(String type, String identity, String domainConstraint, String domain) {
    if (type.endsWith(" column")) {
      return "COLUMN " + identity; // table, view, materialized view, foreign table, composite type columns
    }
    return switch (type) {
      // pg_identify_object prints an aggregate without arguments as cnt(); COMMENT ON AGGREGATE wants cnt(*)
      case "aggregate" -> "AGGREGATE " + (identity.endsWith("()") ? identity.substring(0, identity.length() - 1) + "*)" : identity);
      case "domain constraint" -> "CONSTRAINT " + Sql.ident(domainConstraint) + " ON DOMAIN " + domain;
      case "table constraint" -> "CONSTRAINT " + identity; // identity is "c on schema.table"
      case "foreign-data wrapper" -> "FOREIGN DATA WRAPPER " + identity;
      case "statistics object" -> "STATISTICS " + identity;
      case "default value", "transform", "user mapping", "default acl", "publication relation", "publication namespace",
          "operator of access method", "function of access method", "large object" -> null;
      // schema, table, view, materialized view, sequence, index, foreign table, type, function, procedure,
      // aggregate, trigger ("t on s.tab"), policy ("p on s.tab"), rule, event trigger, extension, collation,
      // conversion, cast, operator, operator class/family, text search *, language, server, publication...
      default -> type.toUpperCase(java.util.Locale.ROOT) + " " + identity;
    };
  }

  private static void owners(Connection c, List<SchemaObject> out, Set<String> roles) throws SQLException {
    // Sequences owned by a column follow their table; array, multirange and row types follow theirs.
    String sql = """
        WITH o(classid, objid, kw, owner, ident) AS (
          SELECT 'pg_namespace'::regclass, n.oid, 'SCHEMA', n.nspowner, NULL FROM pg_namespace n WHERE %1$s
          UNION ALL
          SELECT 'pg_class'::regclass, cl.oid, CASE cl.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                 WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, cl.relowner, NULL
          FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
          WHERE cl.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND %1$s AND %2$s
            AND NOT (cl.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                     AND d.objid = cl.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
          UNION ALL
          SELECT 'pg_type'::regclass, t.oid, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typowner, NULL
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class tc ON tc.oid = t.typrelid
          WHERE (t.typtype IN ('b', 'd', 'e', 'r') OR tc.relkind = 'c') AND %1$s AND %3$s
            AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
          UNION ALL
          SELECT 'pg_proc'::regclass, p.oid, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
                 ELSE 'FUNCTION' END, p.proowner,
                 -- an aggregate without arguments is written cnt(*); cnt() is a syntax error after AGGREGATE
                 format('%%I.%%I(%%s)', n.nspname, p.proname, CASE WHEN p.prokind = 'a' AND p.pronargs = 0 THEN '*'
                        ELSE pg_get_function_identity_arguments(p.oid) END)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE %1$s AND %4$s
          UNION ALL
          SELECT 'pg_collation'::regclass, co.oid, 'COLLATION', co.collowner, NULL
          FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace WHERE %1$s AND %5$s
          UNION ALL
          SELECT 'pg_conversion'::regclass, cv.oid, 'CONVERSION', cv.conowner, NULL
          FROM pg_conversion cv JOIN pg_namespace n ON n.oid = cv.connamespace WHERE %1$s AND %6$s
          UNION ALL
          SELECT 'pg_statistic_ext'::regclass, st.oid, 'STATISTICS', st.stxowner, NULL
          FROM pg_statistic_ext st JOIN pg_namespace n ON n.oid = st.stxnamespace WHERE %1$s
          UNION ALL
          SELECT 'pg_ts_config'::regclass, cf.oid, 'TEXT SEARCH CONFIGURATION', cf.cfgowner, NULL
          FROM pg_ts_config cf JOIN pg_namespace n ON n.oid = cf.cfgnamespace WHERE %1$s AND %7$s
          UNION ALL
          SELECT 'pg_ts_dict'::regclass, di.oid, 'TEXT SEARCH DICTIONARY', di.dictowner, NULL
          FROM pg_ts_dict di JOIN pg_namespace n ON n.oid = di.dictnamespace WHERE %1$s AND %8$s
          UNION ALL
          SELECT 'pg_operator'::regclass, op.oid, 'OPERATOR', op.oprowner, NULL
          FROM pg_operator op JOIN pg_namespace n ON n.oid = op.oprnamespace WHERE op.oprcode <> 0 AND %1$s AND %10$s
          UNION ALL
          SELECT 'pg_opfamily'::regclass, opf.oid, 'OPERATOR FAMILY', opf.opfowner, NULL
          FROM pg_opfamily opf JOIN pg_namespace n ON n.oid = opf.opfnamespace WHERE %1$s AND %11$s
          UNION ALL
          SELECT 'pg_opclass'::regclass, opc.oid, 'OPERATOR CLASS', opc.opcowner, NULL
          FROM pg_opclass opc JOIN pg_namespace n ON n.oid = opc.opcnamespace WHERE %1$s AND %12$s
          UNION ALL
          SELECT 'pg_event_trigger'::regclass, ev.oid, 'EVENT TRIGGER', ev.evtowner, NULL
          FROM pg_event_trigger ev WHERE %9$s)
        SELECT o.kw, coalesce(o.ident, i.identity), pg_get_userbyid(o.owner), a.type, a.object_names, a.object_args
        FROM o CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, 0) i
        CROSS JOIN LATERAL pg_identify_object_as_address(o.classid, o.objid, 0) a
        ORDER BY a.type, a.object_names::text, a.object_args::text""".formatted(USER_SCHEMA,
        notExtensionMember("pg_class", "cl.oid"), notExtensionMember("pg_type", "t.oid"),
        notExtensionMember("pg_proc", "p.oid"), notExtensionMember("pg_collation", "co.oid"),
        notExtensionMember("pg_conversion", "cv.oid"), notExtensionMember("pg_ts_config", "cf.oid"),
        notExtensionMember("pg_ts_dict", "di.oid"), notExtensionMember("pg_event_trigger", "ev.oid"),
        notExtensionMember("pg_operator", "op.oid"), notExtensionMember("pg_opfamily", "opf.oid"),
        notExtensionMember("pg_opclass", "opc.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String owner = rs.getString(3);
        roles.add(owner);
        ObjectKey target = address(rs, 4);
        String stmt = "ALTER " + rs.getString(1) + " " + rs.getString(2) + " OWNER TO " + Sql.ident(owner);
        out.add(new SchemaObject(aspect("owner", target), SchemaObject.Phase.SEAL, List.of(stmt), Set.of(target)));
      }
    }
  }

  /** The key of one aspect (comment, acl, owner...) of {@code target}: unique per target and aspect. */
  static ObjectKey aspect(String type, ObjectKey target) {
    List<String> names = new ArrayList<>(target.names().size() + 1);
    names.add(target.type());
    names.addAll(target.names());
    return new ObjectKey(type, names, target.args());
  }

  /** An {@link ObjectKey} from three columns holding pg_identify_object_as_address's type, names, args. */
  static ObjectKey address(ResultSet rs, int first) throws SQLException {
    return new ObjectKey(rs.getString(first), nullableStrings(rs.getArray(first + 1)), nullableStrings(rs.getArray(first + 2)));
  }

  static List<String> nullableStrings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) a.getArray()).map(o -> o == null ? null : o.toString()).toList();
  }
}
