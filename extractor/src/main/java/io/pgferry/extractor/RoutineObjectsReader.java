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
 * Reads functions, procedures, aggregates, triggers and event triggers as {@link SchemaObject}s, one
 * set-based query per kind. Must run with an empty search_path (as {@link CatalogReader} does), so every
 * server-printed name is schema-qualified. {@code dependsOn} is left empty: it is filled from pg_depend
 * centrally.
 *
 * <p>Phases:
 * <ul>
 *   <li>functions and procedures with a string body: {@link SchemaObject.Phase#BASE}, to be run with
 *       {@code check_function_bodies = off} (bodies may name tables that do not exist yet);
 *   <li>functions and procedures with an SQL-standard body ({@code BEGIN ATOMIC} / {@code RETURN expr}):
 *       {@link SchemaObject.Phase#SEAL}, because the server parses such bodies at creation and they may
 *       reference tables (and {@code check_function_bodies} does not defer that);
 *   <li>aggregates: BASE (they only need their support functions);
 *   <li>triggers and event triggers: SEAL (nothing must fire while the data is loaded).
 * </ul>
 */
final class RoutineObjectsReader {
  private RoutineObjectsReader() {}

  static List<SchemaObject> read(Connection c) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    out.addAll(routines(c));
    out.addAll(aggregates(c));
    out.addAll(triggers(c));
    out.addAll(eventTriggers(c));
    return out;
  }

  static List<SchemaObject> routines(Connection c) throws SQLException {
    // Window functions (prokind 'w') print as CREATE FUNCTION ... WINDOW; aggregates are read separately.
    String sql = """
        SELECT a.type, a.object_names, a.object_args, pg_get_functiondef(p.oid), p.prosqlbody IS NOT NULL
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_proc'::regclass, p.oid, 0) a
        WHERE p.prokind IN ('f', 'p', 'w') AND %s AND %s
          -- range and multirange constructors come with CREATE TYPE … AS RANGE (an internal dependency)
          AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
        ORDER BY p.oid::regprocedure::text""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_proc", "p.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String def = createNotReplace(rs.getString(4).strip());
        SchemaObject.Phase phase = rs.getBoolean(5) ? SchemaObject.Phase.SEAL : SchemaObject.Phase.BASE;
        out.add(new SchemaObject(key(rs), phase, List.of(def), Set.of()));
      }
    }
    return out;
  }

  /**
   * pg_get_functiondef always says {@code CREATE OR REPLACE}; a clone creates, so an existing routine of
   * the same signature on the target fails loudly instead of being silently replaced.
   */
  static String createNotReplace(String def) {
    String prefix = "CREATE OR REPLACE ";
    return def.startsWith(prefix) ? "CREATE " + def.substring(prefix.length()) : def;
  }

  static List<SchemaObject> aggregates(Connection c) throws SQLException {
    // Function names through ::regproc print qualified with an empty search_path (pg_catalog ones bare).
    String sql = """
        SELECT a.type, a.object_names, a.object_args,
               n.nspname, pg_get_function_arguments(p.oid), g.aggkind,
               g.aggtransfn::regproc::text, format_type(g.aggtranstype, NULL), g.aggtransspace,
               nullif(g.aggfinalfn, 0)::regproc::text, g.aggfinalextra, g.aggfinalmodify,
               nullif(g.aggcombinefn, 0)::regproc::text, nullif(g.aggserialfn, 0)::regproc::text,
               nullif(g.aggdeserialfn, 0)::regproc::text, g.agginitval,
               nullif(g.aggmtransfn, 0)::regproc::text, nullif(g.aggminvtransfn, 0)::regproc::text,
               CASE WHEN g.aggmtranstype <> 0 THEN format_type(g.aggmtranstype, NULL) END, g.aggmtransspace,
               nullif(g.aggmfinalfn, 0)::regproc::text, g.aggmfinalextra, g.aggmfinalmodify, g.aggminitval,
               (SELECT format('OPERATOR(%%I.%%s)', opn.nspname, o.oprname)
                FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = g.aggsortop),
               p.proparallel, p.proname
        FROM pg_aggregate g JOIN pg_proc p ON p.oid = g.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_proc'::regclass, p.oid, 0) a
        WHERE %s AND %s
        ORDER BY p.oid::regprocedure::text""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_proc", "p.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.BASE, List.of(createAggregate(rs)), Set.of()));
      }
    }
    return out;
  }

  private static String createAggregate(ResultSet rs) throws SQLException {
    String kind = rs.getString(6);
    String args = rs.getString(5);
    List<String> opts = new ArrayList<>();
    opts.add("SFUNC = " + rs.getString(7));
    opts.add("STYPE = " + rs.getString(8));
    if (rs.getInt(9) != 0) {
      opts.add("SSPACE = " + rs.getInt(9));
    }
    // The server's default finalfunc_modify: READ_ONLY for plain aggregates, READ_WRITE for ordered-set.
    String defaultModify = "n".equals(kind) ? "r" : "w";
    if (rs.getString(10) != null) {
      opts.add("FINALFUNC = " + rs.getString(10));
    }
    if (rs.getBoolean(11)) {
      opts.add("FINALFUNC_EXTRA");
    }
    if (!defaultModify.equals(rs.getString(12))) {
      opts.add("FINALFUNC_MODIFY = " + modify(rs.getString(12)));
    }
    if (rs.getString(13) != null) {
      opts.add("COMBINEFUNC = " + rs.getString(13));
    }
    if (rs.getString(14) != null) {
      opts.add("SERIALFUNC = " + rs.getString(14));
    }
    if (rs.getString(15) != null) {
      opts.add("DESERIALFUNC = " + rs.getString(15));
    }
    if (rs.getString(16) != null) {
      opts.add("INITCOND = " + Sql.literal(rs.getString(16)));
    }
    if (rs.getString(17) != null) {
      opts.add("MSFUNC = " + rs.getString(17));
      opts.add("MINVFUNC = " + rs.getString(18));
      opts.add("MSTYPE = " + rs.getString(19));
      if (rs.getInt(20) != 0) {
        opts.add("MSSPACE = " + rs.getInt(20));
      }
      if (rs.getString(21) != null) {
        opts.add("MFINALFUNC = " + rs.getString(21));
      }
      if (rs.getBoolean(22)) {
        opts.add("MFINALFUNC_EXTRA");
      }
      if (!defaultModify.equals(rs.getString(23))) {
        opts.add("MFINALFUNC_MODIFY = " + modify(rs.getString(23)));
      }
      if (rs.getString(24) != null) {
        opts.add("MINITCOND = " + Sql.literal(rs.getString(24)));
      }
    }
    if (rs.getString(25) != null) {
      opts.add("SORTOP = " + rs.getString(25));
    }
    switch (rs.getString(26)) {
      case "s" -> opts.add("PARALLEL = SAFE");
      case "r" -> opts.add("PARALLEL = RESTRICTED");
      default -> { }
    }
    if ("h".equals(kind)) {
      opts.add("HYPOTHETICAL");
    }
    // An aggregate without arguments (count(*)-style) is declared with (*).
    return "CREATE AGGREGATE " + Sql.qualified(rs.getString(4), rs.getString(27)) + " (" + (args.isEmpty() ? "*" : args)
        + ") (\n    " + String.join(",\n    ", opts) + "\n)";
  }

  private static String modify(String code) {
    return switch (code) {
      case "r" -> "READ_ONLY";
      case "s" -> "SHAREABLE";
      case "w" -> "READ_WRITE";
      default -> throw new ExtractException(ExtractException.Reason.CATALOG_READ,
          "unknown aggregate finalfunc_modify code " + code, null);
    };
  }

  static List<SchemaObject> triggers(Connection c) throws SQLException {
    // Internal triggers (foreign keys, deferred unique checks) come with their constraints. A partition's
    // clone of its parent's trigger (tgparentid <> 0) is created by the parent's CREATE TRIGGER; it is
    // read only for its firing state, and only when it or its parent is not in the default state 'O':
    // then an explicit ALTER (ordered after the parent's by pg_depend) sets it whether or not the
    // parent's ALTER TABLE recursed to partitions.
    // "User trigger" is decided by the root of the tgparentid chain, not by the trigger's own
    // tgisinternal: PostgreSQL 13 and 14 mark partition clones of user triggers internal (15+ do not),
    // while foreign-key triggers are internal at their root on every version.
    String sql = """
        WITH RECURSIVE lineage(oid, root) AS (
          SELECT oid, oid FROM pg_trigger WHERE tgparentid = 0
          UNION ALL SELECT c.oid, l.root FROM pg_trigger c JOIN lineage l ON c.tgparentid = l.oid)
        SELECT a.type, a.object_names, a.object_args, pg_get_triggerdef(t.oid, true), t.tgenabled,
               n.nspname, cl.relname, t.tgname, t.tgparentid <> 0
        FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN lineage l ON l.oid = t.oid JOIN pg_trigger rt ON rt.oid = l.root
        LEFT JOIN pg_trigger pt ON pt.oid = t.tgparentid
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_trigger'::regclass, t.oid, 0) a
        WHERE NOT rt.tgisinternal AND (t.tgparentid = 0 OR t.tgenabled <> 'O' OR pt.tgenabled <> 'O') AND %s AND %s
        ORDER BY n.nspname, cl.relname, t.tgname""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_class", "cl.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        boolean clone = rs.getBoolean(9);
        List<String> statements = new ArrayList<>();
        if (!clone) {
          statements.add(rs.getString(4));
        }
        String what = "TRIGGER " + Sql.ident(rs.getString(8));
        String state = clone && rs.getString(5).equals("O") ? "ENABLE " + what : enabledClause(rs.getString(5), what);
        if (state != null) {
          statements.add("ALTER TABLE " + Sql.qualified(rs.getString(6), rs.getString(7)) + " " + state);
        }
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.SEAL, statements, Set.of()));
      }
    }
    return out;
  }

  static List<SchemaObject> eventTriggers(Connection c) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, et.evtname, et.evtevent, et.evttags,
               n.nspname, p.proname, et.evtenabled
        FROM pg_event_trigger et JOIN pg_proc p ON p.oid = et.evtfoid JOIN pg_namespace n ON n.oid = p.pronamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_event_trigger'::regclass, et.oid, 0) a
        WHERE %s ORDER BY et.evtname""".formatted(CatalogReader.notExtensionMember("pg_event_trigger", "et.oid"));
    List<SchemaObject> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String name = Sql.ident(rs.getString(4));
        StringBuilder create = new StringBuilder("CREATE EVENT TRIGGER ").append(name)
            .append(" ON ").append(Sql.ident(rs.getString(5)));
        List<String> tags = strings(rs.getArray(6));
        if (!tags.isEmpty()) {
          create.append(" WHEN TAG IN (").append(String.join(", ", tags.stream().map(Sql::literal).toList())).append(')');
        }
        create.append(" EXECUTE FUNCTION ").append(Sql.qualified(rs.getString(7), rs.getString(8))).append("()");
        List<String> statements = new ArrayList<>();
        statements.add(create.toString());
        String state = enabledClause(rs.getString(9), "");
        if (state != null) {
          statements.add(("ALTER EVENT TRIGGER " + name + " " + state).strip());
        }
        out.add(new SchemaObject(key(rs), SchemaObject.Phase.SEAL, statements, Set.of()));
      }
    }
    return out;
  }

  /** The ALTER clause that gives a (event) trigger its firing state, or null for the default 'O'. */
  static String enabledClause(String tgenabled, String what) {
    String suffix = what.isEmpty() ? "" : " " + what;
    return switch (tgenabled) {
      case "O" -> null;
      case "D" -> "DISABLE" + suffix;
      case "R" -> "ENABLE REPLICA" + suffix;
      case "A" -> "ENABLE ALWAYS" + suffix;
      default -> throw new ExtractException(ExtractException.Reason.CATALOG_READ,
          "unknown trigger firing state " + tgenabled, null);
    };
  }

  /** Columns 1-3 are {@code pg_identify_object_as_address}'s type, object_names, object_args. */
  private static ObjectKey key(ResultSet rs) throws SQLException {
    return new ObjectKey(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)));
  }

  private static List<String> strings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }
}
