package io.pgferry.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole database as its server prints it: every user object of every oid-bearing catalog by
 * {@code pg_identify_object}, then per kind its definition through the server's own deparsers
 * ({@code format_type}, {@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_viewdef},
 * {@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code pg_get_ruledef}, ...), plus operators,
 * operator classes, casts, text search objects, sequence values and large objects. No pgferry code runs, so
 * {@code assertThat(DatabaseSnapshot.of(target)).isEqualTo(DatabaseSnapshot.of(source))} is a clone check
 * that trusts only PostgreSQL.
 *
 * <p>Read with an empty search_path, so names print schema-qualified. User objects are those with an oid
 * past the bootstrap range ({@code >= 16384}) outside system schemas and not extension members. Names made
 * of oids (toast tables, internal foreign-key triggers) are left out; owners and privileges are not part of it
 * ({@link SecuritySnapshot} covers those).
 */
public final class DatabaseSnapshot {
  private static final String USER_NS = "NOT (%s::regnamespace::text IN ('information_schema', 'pgferry') OR %<s::regnamespace::text LIKE 'pg\\_%%')";

  private static final Map<String, String> PARTS = new LinkedHashMap<>();

  static {
    // One row per user object of every catalog with an oid, as PostgreSQL names it.
    PARTS.put("objects", """
        WITH o(classid, objid) AS (
          SELECT c.oid, (xpath('/row/oid/text()', x))[1]::text::oid
          FROM pg_class c,
               LATERAL query_to_xml(format('SELECT oid FROM %I.%I WHERE oid >= 16384', 'pg_catalog', c.relname), false, false, '') q(doc),
               LATERAL unnest(xpath('/table/row', q.doc)) x
          WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r'
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'oid' AND a.attnum > 0)
            AND c.relname NOT IN ('pg_largeobject_metadata', 'pg_database', 'pg_authid', 'pg_tablespace', 'pg_shdescription',
                                  'pg_db_role_setting', 'pg_auth_members', 'pg_shseclabel', 'pg_subscription', 'pg_replication_origin',
                                  'pg_parameter_acl', 'pg_enum'))
        SELECT i.type, i.identity
        FROM o, LATERAL pg_identify_object(o.classid, o.objid, 0) i
        WHERE i.identity IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = o.classid AND e.objid = o.objid AND e.deptype = 'e')
          AND coalesce(i.schema, '') NOT IN ('pg_toast', 'information_schema', 'pgferry') AND coalesce(i.schema, '') NOT LIKE 'pg\\_%'
          AND NOT (i.type = 'schema' AND (i.identity IN ('pgferry', 'information_schema') OR i.identity LIKE 'pg\\_%'))
          AND NOT (i.type = 'trigger' AND EXISTS (SELECT 1 FROM pg_trigger t WHERE t.oid = o.objid AND t.tgisinternal))
          AND NOT (i.type IN ('type', 'toast table', 'index') AND i.identity ~ 'pg_toast')""");
    PARTS.put("relations", """
        SELECT c.oid::regclass::text, c.relkind::text, c.relpersistence::text, c.relispartition::text,
               coalesce(pg_get_partkeydef(c.oid), ''), coalesce(pg_get_expr(c.relpartbound, c.oid), ''), coalesce(c.reloptions::text, ''),
               (SELECT string_agg(h.inhparent::regclass::text, ', ' ORDER BY h.inhseqno) FROM pg_inherits h WHERE h.inhrelid = c.oid),
               c.relrowsecurity::text, c.relforcerowsecurity::text, c.relreplident::text
        FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c', 'S') AND %s""".formatted(USER_NS.formatted("c.relnamespace")));
    PARTS.put("columns", """
        SELECT c.oid::regclass::text, (row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum))::text, a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull::text, a.attidentity::text, a.attgenerated::text,
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attislocal::text, a.attinhcount::text,
               CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text ELSE '' END,
               coalesce(a.attoptions::text, ''), a.attstorage::text, coalesce(col_description(c.oid, a.attnum), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND %s"""
        .formatted(USER_NS.formatted("c.relnamespace")));
    PARTS.put("constraints", """
        SELECT coalesce(co.conrelid::regclass::text, format_type(co.contypid, NULL)), co.conname, co.contype::text,
               pg_get_constraintdef(co.oid), co.convalidated::text, co.condeferrable::text, co.condeferred::text,
               co.conislocal::text, co.coninhcount::text, co.connoinherit::text,
               CASE WHEN co.conparentid <> 0 THEN 'has parent' ELSE '' END
        FROM pg_constraint co WHERE co.contype <> 'n' AND %s""".formatted(USER_NS.formatted("co.connamespace")));
    PARTS.put("indexes", """
        SELECT x.indrelid::regclass::text, pg_get_indexdef(x.indexrelid), x.indisprimary::text, x.indisunique::text,
               x.indisvalid::text, x.indisclustered::text, x.indisreplident::text,
               (SELECT string_agg(h.inhparent::regclass::text, ', ') FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE %s""".formatted(USER_NS.formatted("i.relnamespace")));
    // Statistics targets of index columns (ALTER INDEX ... ALTER COLUMN n SET STATISTICS).
    PARTS.put("index column statistics", """
        SELECT a.attrelid::regclass::text, a.attnum::text, a.attstattarget::text
        FROM pg_attribute a JOIN pg_class i ON i.oid = a.attrelid
        WHERE i.relkind IN ('i', 'I') AND a.attstattarget > 0 AND %s""".formatted(USER_NS.formatted("i.relnamespace")));
    PARTS.put("views", """
        SELECT c.oid::regclass::text, c.relkind::text, pg_get_viewdef(c.oid), c.relispopulated::text
        FROM pg_class c WHERE c.relkind IN ('v', 'm') AND %s""".formatted(USER_NS.formatted("c.relnamespace")));
    PARTS.put("sequences", """
        SELECT c.oid::regclass::text, format_type(s.seqtypid, NULL), s.seqstart::text, s.seqincrement::text, s.seqmin::text,
               s.seqmax::text, s.seqcache::text, s.seqcycle::text, coalesce(pg_sequence_last_value(c.oid)::text, 'not called')
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE %s""".formatted(USER_NS.formatted("c.relnamespace")));
    // OWNED BY and identity: a sequence's automatic or internal dependency on a column.
    PARTS.put("ownership", """
        SELECT d.objid::regclass::text, pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid), d.deptype::text
        FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
        WHERE d.classid = 'pg_class'::regclass AND c.relkind = 'S' AND d.refobjsubid > 0 AND %s"""
        .formatted(USER_NS.formatted("c.relnamespace")));
    PARTS.put("types", """
        SELECT format_type(t.oid, NULL), t.typtype::text, format_type(t.typbasetype, t.typtypmod), t.typnotnull::text,
               coalesce(pg_get_expr(t.typdefaultbin, 0), ''),
               (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
               coalesce(obj_description(t.oid, 'pg_type'), '')
        FROM pg_type t LEFT JOIN pg_class c ON c.oid = t.typrelid
        WHERE t.typtype IN ('d', 'e', 'c', 'r', 'm', 'b') AND (c.oid IS NULL OR c.relkind = 'c') AND t.oid >= 16384
          AND NOT (t.typelem <> 0 AND t.typlen = -1 AND t.typname LIKE '\\_%%') AND %s""".formatted(USER_NS.formatted("t.typnamespace")));
    PARTS.put("routines", """
        SELECT p.oid::regprocedure::text, p.prokind::text, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid),
               CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END, coalesce(obj_description(p.oid, 'pg_proc'), '')
        FROM pg_proc p WHERE p.oid >= 16384 AND %s""".formatted(USER_NS.formatted("p.pronamespace")));
    PARTS.put("triggers", """
        SELECT t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled::text, (t.tgparentid <> 0)::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND %s"""
        .formatted(USER_NS.formatted("c.relnamespace")));
    PARTS.put("rules", """
        SELECT r.ev_class::regclass::text, r.rulename, pg_get_ruledef(r.oid), r.ev_enabled::text
        FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN' AND %s"""
        .formatted(USER_NS.formatted("c.relnamespace")));
    PARTS.put("operators", """
        SELECT o.oid::regoperator::text, o.oprkind::text, o.oprcode::regprocedure::text, o.oprcom::regoperator::text,
               o.oprnegate::regoperator::text, o.oprrest::regprocedure::text, o.oprjoin::regprocedure::text,
               o.oprcanmerge::text, o.oprcanhash::text
        FROM pg_operator o WHERE o.oid >= 16384 AND %s""".formatted(USER_NS.formatted("o.oprnamespace")));
    PARTS.put("operator families", """
        SELECT am.amname, format('%%I.%%I', f.opfnamespace::regnamespace, f.opfname),
               (SELECT string_agg(format('op %%s %%s %%s %%s', ao.amopstrategy, ao.amopopr::regoperator, ao.amoppurpose,
                                         ao.amopsortfamily), '; ' ORDER BY ao.amopstrategy, ao.amopopr::regoperator::text)
                FROM pg_amop ao WHERE ao.amopfamily = f.oid),
               (SELECT string_agg(format('fn %%s %%s %%s %%s', ap.amprocnum, format_type(ap.amproclefttype, NULL),
                                         format_type(ap.amprocrighttype, NULL), ap.amproc::regprocedure), '; '
                                  ORDER BY ap.amprocnum, ap.amproc::regprocedure::text)
                FROM pg_amproc ap WHERE ap.amprocfamily = f.oid)
        FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod WHERE f.oid >= 16384 AND %s"""
        .formatted(USER_NS.formatted("f.opfnamespace")));
    PARTS.put("operator classes", """
        SELECT am.amname, format('%%I.%%I', c.opcnamespace::regnamespace, c.opcname), format_type(c.opcintype, NULL),
               c.opcdefault::text, format_type(c.opckeytype, NULL), format('%%I.%%I', f.opfnamespace::regnamespace, f.opfname)
        FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
        WHERE c.oid >= 16384 AND %s""".formatted(USER_NS.formatted("c.opcnamespace")));
    PARTS.put("casts", """
        SELECT format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castfunc::regprocedure::text,
               c.castcontext::text, c.castmethod::text
        FROM pg_cast c WHERE c.oid >= 16384
          AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_cast'::regclass AND e.objid = c.oid AND e.deptype = 'e')""");
    PARTS.put("text search", """
        SELECT 'configuration', c.oid::regconfig::text, format('%%I.%%I', p.prsnamespace::regnamespace, p.prsname),
               (SELECT string_agg(format('%%s:%%s:%%s', m.maptokentype, m.mapseqno, m.mapdict::regdictionary), ', '
                                  ORDER BY m.maptokentype, m.mapseqno) FROM pg_ts_config_map m WHERE m.mapcfg = c.oid)
        FROM pg_ts_config c JOIN pg_ts_parser p ON p.oid = c.cfgparser WHERE c.oid >= 16384 AND %s
        UNION ALL
        SELECT 'dictionary', d.oid::regdictionary::text, format('%%I.%%I', t.tmplnamespace::regnamespace, t.tmplname),
               coalesce(d.dictinitoption, '')
        FROM pg_ts_dict d JOIN pg_ts_template t ON t.oid = d.dicttemplate WHERE d.oid >= 16384 AND %s"""
        .formatted(USER_NS.formatted("c.cfgnamespace"), USER_NS.formatted("d.dictnamespace")));
    PARTS.put("statistics", """
        SELECT pg_get_statisticsobjdef(s.oid), coalesce(to_jsonb(s) ->> 'stxstattarget', '')
        FROM pg_statistic_ext s WHERE %s""".formatted(USER_NS.formatted("s.stxnamespace")));
    PARTS.put("foreign", """
        SELECT 'wrapper', w.fdwname, w.fdwhandler::regproc::text, w.fdwvalidator::regproc::text, coalesce(w.fdwoptions::text, '')
        FROM pg_foreign_data_wrapper w WHERE w.oid >= 16384
        UNION ALL
        SELECT 'server', s.srvname, w.fdwname, coalesce(s.srvtype, '') || ' ' || coalesce(s.srvversion, ''), coalesce(s.srvoptions::text, '')
        FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
        UNION ALL
        SELECT 'table', f.ftrelid::regclass::text, s.srvname, '', coalesce(f.ftoptions::text, '')
        FROM pg_foreign_table f JOIN pg_foreign_server s ON s.oid = f.ftserver""");
    PARTS.put("large objects", """
        SELECT m.oid::text, md5(lo_get(m.oid)) FROM pg_largeobject_metadata m""");
    PARTS.put("comments", """
        SELECT pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description
        FROM pg_description d WHERE d.objoid >= 16384
          AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')""");
  }

  private DatabaseSnapshot() {}

  /** Every part by name, each a sorted list of rows printed as {@code a | b | c}. */
  public static Map<String, List<String>> of(TestDatabase db) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      for (Map.Entry<String, String> part : PARTS.entrySet()) {
        out.put(part.getKey(), rows(s, part.getKey(), part.getValue()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database snapshot of " + db.name() + " failed: " + e.getMessage(), e);
    }
    return out;
  }

  private static List<String> rows(Statement s, String part, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i == 1 ? "" : " | ").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    } catch (SQLException e) {
      throw new SQLException(part + ": " + e.getMessage(), e.getSQLState(), e);
    }
    out.sort(null);
    return out;
  }
}
