package io.pgferry.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database's functions, procedures, aggregates, triggers and event triggers as text, built only from
 * PostgreSQL's own catalogs and deparse functions (no pgferry code), so two databases can be compared
 * with {@code assertThat(RoutineSnapshot.of(target)).isEqualTo(RoutineSnapshot.of(source))}.
 *
 * <p>Read with an empty search_path, so every user object prints schema-qualified. Objects in system
 * schemas and extension members are left out. Owners, ACLs and comments are not part of it.
 *
 * @param routines one line per function/procedure (not aggregates): signature, the catalog flags, then
 *     {@code pg_get_functiondef}
 * @param aggregates one line per aggregate: every {@code pg_aggregate} column, functions as regprocedure
 * @param triggers one line per user trigger (its tgparentid root is not internal), partition clones included: table, name,
 *     {@code pg_get_triggerdef}, firing state, whether it is a clone
 * @param eventTriggers one line per event trigger
 */
public record RoutineSnapshot(List<String> routines, List<String> aggregates, List<String> triggers,
    List<String> eventTriggers) {

  private static final String USER_SCHEMA = """
      n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'""";

  private static String notExtensionMember(String catalog, String oid) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" + catalog + "'::regclass AND d.objid = " + oid
        + " AND d.deptype = 'e')";
  }

  private static final String ROUTINES = """
      SELECT p.oid::regprocedure::text, p.prokind, p.prolang::regproc::text, p.provolatile, p.proisstrict, p.prosecdef,
             p.proleakproof, p.proparallel, p.procost, p.prorows, p.proretset, p.proconfig, p.proargmodes,
             p.proargnames, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid),
             p.prosqlbody IS NOT NULL, pg_get_functiondef(p.oid)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind <> 'a' AND %s AND %s
      ORDER BY 1""".formatted(USER_SCHEMA, notExtensionMember("pg_proc", "p.oid"));

  private static final String AGGREGATES = """
      SELECT g.aggfnoid::regprocedure::text, g.aggkind, g.aggnumdirectargs, pg_get_function_arguments(p.oid),
             pg_get_function_result(p.oid), g.aggtransfn::regprocedure::text, g.aggfinalfn::regprocedure::text,
             g.aggcombinefn::regprocedure::text, g.aggserialfn::regprocedure::text,
             g.aggdeserialfn::regprocedure::text, g.aggmtransfn::regprocedure::text,
             g.aggminvtransfn::regprocedure::text, g.aggmfinalfn::regprocedure::text, g.aggfinalextra,
             g.aggmfinalextra, g.aggfinalmodify, g.aggmfinalmodify, g.aggsortop::regoperator::text,
             g.aggtranstype::regtype::text, g.aggtransspace, g.aggmtranstype::regtype::text, g.aggmtransspace,
             g.agginitval, g.aggminitval, p.proparallel, p.proisstrict
      FROM pg_aggregate g JOIN pg_proc p ON p.oid = g.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE %s AND %s
      ORDER BY 1""".formatted(USER_SCHEMA, notExtensionMember("pg_proc", "p.oid"));

  // A trigger counts as a user trigger when its root ancestor (via tgparentid) is: PostgreSQL 13 and 14
  // mark partition clones internal, 15+ do not, and foreign-key triggers are internal at the root.
  private static final String TRIGGERS = """
      WITH RECURSIVE lineage(oid, root) AS (
        SELECT oid, oid FROM pg_trigger WHERE tgparentid = 0
        UNION ALL SELECT c.oid, l.root FROM pg_trigger c JOIN lineage l ON c.tgparentid = l.oid)
      SELECT t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled, t.tgparentid <> 0,
             t.tgfoid::regprocedure::text, t.tgtype, t.tgdeferrable, t.tginitdeferred, t.tgconstrrelid::regclass::text,
             t.tgattr::text, t.tgnargs, t.tgoldtable, t.tgnewtable, t.tgqual IS NOT NULL
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN lineage l ON l.oid = t.oid JOIN pg_trigger rt ON rt.oid = l.root
      WHERE NOT rt.tgisinternal AND %s
      ORDER BY 1, 2""".formatted(USER_SCHEMA);

  private static final String EVENT_TRIGGERS = """
      SELECT e.evtname, e.evtevent, e.evtfoid::regprocedure::text, e.evtenabled, e.evttags::text
      FROM pg_event_trigger e
      WHERE %s
      ORDER BY 1""".formatted(notExtensionMember("pg_event_trigger", "e.oid"));

  public static RoutineSnapshot of(TestDatabase db) {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      return new RoutineSnapshot(rows(s, ROUTINES), rows(s, AGGREGATES), rows(s, TRIGGERS), rows(s, EVENT_TRIGGERS));
    } catch (SQLException e) {
      throw new IllegalStateException("routine snapshot of " + db.name() + " failed: " + e.getMessage(), e);
    }
  }

  /** Whether nothing at all was captured (a guard against comparing two empty snapshots). */
  public boolean isEmpty() {
    return routines.isEmpty() && aggregates.isEmpty() && triggers.isEmpty() && eventTriggers.isEmpty();
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
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
    }
    return out;
  }
}
