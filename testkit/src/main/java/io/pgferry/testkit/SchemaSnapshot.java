package io.pgferry.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one schema holds, printed by the server alone ({@code format_type}, {@code pg_get_*def}) with
 * the search_path set to that schema, so its own objects print unqualified: {@code dev.orders} in one
 * database and {@code prod.orders} in another give equal snapshots. Schema-diff tests compare a source
 * schema and a synced target schema this way, without trusting pgferry's catalog reader.
 *
 * <p>Columns are listed by name, not position: a sync appends new columns at the end. Objects pgferry keeps
 * on purpose ({@code bak_*_<stamp>}, {@code *_dropped_<stamp>}) are left out.
 */
public final class SchemaSnapshot {
  private static final String KEPT = "'^bak_.*_[0-9]{14}$|_dropped_[0-9]{14}$|_old_[0-9]{14}$'";

  private static final Map<String, String> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("relations", """
        SELECT c.relname, c.relkind::text, c.relpersistence::text, c.relispartition::text,
               coalesce(pg_get_partkeydef(c.oid), ''), coalesce(pg_get_expr(c.relpartbound, c.oid), ''), coalesce(c.reloptions::text, '')
        FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname !~ %1$s""");
    PARTS.put("columns", """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, a.attidentity::text,
               a.attgenerated::text, coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
               CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text ELSE '' END
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname !~ %1$s AND a.attname !~ %1$s""");
    // NOT NULL constraints (catalogued from PostgreSQL 18 on) are compared as columns' attnotnull: a partition
    // created and then attached names them after itself, one created PARTITION OF after its parent.
    PARTS.put("constraints", """
        SELECT c.relname, co.conname, pg_get_constraintdef(co.oid), co.convalidated::text
        FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid
        WHERE c.relnamespace = $1::regnamespace AND c.relname !~ %1$s AND co.contype <> 'n'""");
    PARTS.put("indexes", """
        SELECT c.relname, i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
        WHERE c.relnamespace = $1::regnamespace AND c.relname !~ %1$s""");
    PARTS.put("views", """
        SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c
        WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('v', 'm') AND c.relname !~ %1$s""");
    PARTS.put("sequences", """
        SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text,
               s.seqcache::text, s.seqcycle::text
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace = $1::regnamespace AND c.relname !~ %1$s""");
    PARTS.put("enums", """
        SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = $1::regnamespace AND t.typname !~ %1$s
        GROUP BY t.typname""");
    PARTS.put("types", """
        SELECT t.typname, t.typtype::text, format_type(t.typbasetype, t.typtypmod), t.typnotnull::text,
               coalesce(pg_get_expr(t.typdefaultbin, 0), ''),
               coalesce((SELECT string_agg(k.conname || ' ' || pg_get_constraintdef(k.oid), '; ' ORDER BY k.conname)
                         FROM pg_constraint k WHERE k.contypid = t.oid), ''),
               coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                         FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                           AND t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'), '')
        FROM pg_type t WHERE t.typnamespace = $1::regnamespace AND t.typtype IN ('d', 'c')
          AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') AND t.typname !~ %1$s""");
    PARTS.put("routines", """
        SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p
        WHERE p.pronamespace = $1::regnamespace AND p.prokind IN ('f', 'p')""");
    PARTS.put("triggers", """
        SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = $1::regnamespace AND NOT t.tgisinternal AND c.relname !~ %1$s""");
    PARTS.put("policies", """
        SELECT c.relname, p.polname, p.polcmd::text, p.polpermissive::text, coalesce(pg_get_expr(p.polqual, p.polrelid), ''),
               coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''), c.relrowsecurity::text, c.relforcerowsecurity::text
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = $1::regnamespace AND c.relname !~ %1$s""");
    // Operators, classes, families, casts, text search objects, statistics and conversions: printed through
    // reg* types and format_type, so OIDs never show and the schema's own objects print unqualified.
    PARTS.put("operators", """
        SELECT o.oid::regoperator::text, o.oprcode::regprocedure::text, format_type(o.oprresult, NULL),
               coalesce(nullif(o.oprcom, 0)::regoperator::text, ''), coalesce(nullif(o.oprnegate, 0)::regoperator::text, ''),
               o.oprrest::text, o.oprjoin::text, o.oprcanhash::text, o.oprcanmerge::text
        FROM pg_operator o WHERE o.oprnamespace = $1::regnamespace""");
    PARTS.put("operator families", """
        SELECT f.opfname, am.amname FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod
        WHERE f.opfnamespace = $1::regnamespace""");
    PARTS.put("operator classes", """
        SELECT oc.opcname, am.amname, oc.opcdefault::text, format_type(oc.opcintype, NULL), f.opfname,
               coalesce(format_type(nullif(oc.opckeytype, 0), NULL), '')
        FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_opfamily f ON f.oid = oc.opcfamily
        WHERE oc.opcnamespace = $1::regnamespace""");
    PARTS.put("operator family members", """
        WITH s AS (SELECT $1::regnamespace AS ns)
        SELECT f.opfname, am.amname || ' operator ' || lpad(m.amopstrategy::text, 3) || ' ' || m.amopopr::regoperator::text, m.amoppurpose::text,
               coalesce(sf.opfname, ''), coalesce((SELECT oc.opcname FROM pg_depend d JOIN pg_opclass oc ON oc.oid = d.refobjid
                   WHERE d.classid = 'pg_amop'::regclass AND d.objid = m.oid AND d.refclassid = 'pg_opclass'::regclass), '')
        FROM pg_amop m JOIN pg_opfamily f ON f.oid = m.amopfamily JOIN pg_am am ON am.oid = f.opfmethod
        LEFT JOIN pg_opfamily sf ON sf.oid = m.amopsortfamily WHERE f.opfnamespace = (SELECT ns FROM s)
        UNION ALL
        SELECT f.opfname, am.amname || ' function ' || lpad(p.amprocnum::text, 3)
               || ' ' || format_type(p.amproclefttype, NULL) || ', ' || format_type(p.amprocrighttype, NULL), p.amproc::regprocedure::text, '',
               coalesce((SELECT oc.opcname FROM pg_depend d JOIN pg_opclass oc ON oc.oid = d.refobjid
                   WHERE d.classid = 'pg_amproc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_opclass'::regclass), '')
        FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily JOIN pg_am am ON am.oid = f.opfmethod
        WHERE f.opfnamespace = (SELECT ns FROM s)""");
    // Casts have no schema: those touching one of the schema's types or functions, and user casts between
    // system types.
    PARTS.put("casts", """
        WITH s AS (SELECT $1::regnamespace AS ns)
        SELECT format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castmethod::text,
               coalesce(nullif(c.castfunc, 0)::regprocedure::text, ''), c.castcontext::text
        FROM pg_cast c CROSS JOIN s JOIN pg_type st ON st.oid = c.castsource JOIN pg_type tt ON tt.oid = c.casttarget
        LEFT JOIN pg_proc f ON f.oid = c.castfunc
        WHERE c.oid >= 16384 AND (st.typnamespace = s.ns OR tt.typnamespace = s.ns OR f.pronamespace = s.ns
              OR (st.typnamespace = 'pg_catalog'::regnamespace AND tt.typnamespace = 'pg_catalog'::regnamespace))""");
    PARTS.put("text search parsers", """
        SELECT p.prsname, p.prsstart::text, p.prstoken::text, p.prsend::text, p.prslextype::text, p.prsheadline::text
        FROM pg_ts_parser p WHERE p.prsnamespace = $1::regnamespace""");
    PARTS.put("text search templates", """
        SELECT t.tmplname, t.tmplinit::text, t.tmpllexize::text FROM pg_ts_template t WHERE t.tmplnamespace = $1::regnamespace""");
    PARTS.put("text search dictionaries", """
        SELECT d.dictname, t.tmplname, coalesce(d.dictinitoption, '') FROM pg_ts_dict d JOIN pg_ts_template t ON t.oid = d.dicttemplate
        WHERE d.dictnamespace = $1::regnamespace""");
    PARTS.put("text search configurations", """
        SELECT c.cfgname, p.prsname, coalesce((SELECT string_agg(
                   (SELECT t.alias FROM ts_token_type(c.cfgparser) t WHERE t.tokid = m.maptokentype) || '=' || m.mapdict::regdictionary::text,
                   ' ' ORDER BY m.maptokentype, m.mapseqno) FROM pg_ts_config_map m WHERE m.mapcfg = c.oid), '')
        FROM pg_ts_config c JOIN pg_ts_parser p ON p.oid = c.cfgparser WHERE c.cfgnamespace = $1::regnamespace""");
    PARTS.put("statistics", """
        SELECT s.stxname, s.stxkind::text, pg_get_statisticsobjdef_columns(s.oid), coalesce(nullif(s.stxstattarget::int, -1)::text, '')
        FROM pg_statistic_ext s WHERE s.stxnamespace = $1::regnamespace""");
    PARTS.put("conversions", """
        SELECT c.conname, pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding),
               c.conproc::regprocedure::text, c.condefault::text
        FROM pg_conversion c WHERE c.connamespace = $1::regnamespace""");
    PARTS.put("object comments", """
        SELECT d.classoid::regclass::text, pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description
        FROM pg_description d
        WHERE d.classoid IN ('pg_operator'::regclass, 'pg_opclass'::regclass, 'pg_opfamily'::regclass, 'pg_cast'::regclass,
              'pg_ts_config'::regclass, 'pg_ts_dict'::regclass, 'pg_statistic_ext'::regclass, 'pg_conversion'::regclass)
          AND d.objoid >= 16384 AND pg_describe_object(d.classoid, d.objoid, d.objsubid) IS NOT NULL
          AND $1::regnamespace IS NOT NULL""");
    PARTS.put("comments", """
        SELECT c.relname, coalesce(a.attname, ''), d.description FROM pg_description d
        JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
        WHERE c.relnamespace = $1::regnamespace AND c.relname !~ %1$s AND coalesce(a.attname, '') !~ %1$s""");
    PARTS.put("grants", """
        SELECT c.relname, coalesce(c.relacl::text, '') FROM pg_class c
        WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relname !~ %1$s""");
    // Per-schema default privileges (ALTER DEFAULT PRIVILEGES … IN SCHEMA); one row per item, all in column 1 so the order is total.
    PARTS.put("default privileges", """
        SELECT concat_ws(' | ', pg_get_userbyid(d.defaclrole), d.defaclobjtype::text, pg_get_userbyid(x.grantor),
               CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable::text), ''
        FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) x
        WHERE d.defaclnamespace = $1::regnamespace""");
  }

  private SchemaSnapshot() {}

  /** Part name → sorted rows, for {@code schema} of {@code db}. */
  public static Map<String, List<String>> of(TestDatabase db, String schema) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c = db.connect()) {
      try (PreparedStatement p = c.prepareStatement("SELECT set_config('search_path', quote_ident(?), false)")) {
        p.setString(1, schema);
        p.execute();
      }
      for (Map.Entry<String, String> e : PARTS.entrySet()) {
        String sql = e.getValue().formatted(KEPT).replace("$1", "?") + " ORDER BY 1, 2";
        List<String> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, quoteIdent(schema));
          try (ResultSet rs = p.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              List<String> row = new ArrayList<>();
              for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
              }
              rows.add(String.join(" | ", row));
            }
          }
        }
        out.put(e.getKey(), rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("schema snapshot failed on " + db.name() + "." + schema + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String quoteIdent(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Rows of {@code SELECT <columns>::text FROM table ORDER BY 1} for comparing kept data. */
  public static List<String> rows(TestDatabase db, String quotedTable, List<String> quotedColumns) {
    String cols = quotedColumns.isEmpty() ? "1" : String.join(" || '|' || ", quotedColumns.stream().map(c -> "coalesce(" + c + "::text, '<null>')").toList());
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + cols + " FROM ONLY " + quotedTable + " ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("rows of " + quotedTable + " failed: " + e.getMessage(), e);
    }
    return out;
  }
}
