package io.pgferry.orchestrator;

import io.pgferry.extractor.PgferryException;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ApplyException;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.Table;
import io.pgferry.extractor.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Protects data: refuses a target that is the source itself, refuses to create over existing objects,
 * and undoes (only) what a failed run created.
 */
public final class TargetGuard {
  private TargetGuard() {}

  /** Server identity + database; the postmaster start time tells two servers apart on one host. */
  public record DatabaseIdentity(String serverStart, String database, String dataDirectoryHint) {}

  public static DatabaseIdentity identify(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT pg_postmaster_start_time()::text, current_database(), coalesce(inet_server_port()::text, '') || ':' || "
            + "(SELECT oid::text FROM pg_database WHERE datname = current_database())");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      return new DatabaseIdentity(rs.getString(1), rs.getString(2), rs.getString(3));
    }
  }

  /**
   * Same server and database is allowed only when the schema map sends every cloned table to a schema
   * that nothing is read from: otherwise the clone would write over its own source.
   */
  public static void refuseSameDatabase(DatabaseIdentity src, DatabaseIdentity dst, Catalog catalog, SchemaMap map, String where) {
    if (!src.equals(dst)) {
      return;
    }
    Set<String> sourceSchemas = new HashSet<>();
    catalog.tables().forEach(t -> sourceSchemas.add(t.name().schema()));
    catalog.sequences().forEach(s -> sourceSchemas.add(s.name().schema()));
    catalog.enums().forEach(e -> sourceSchemas.add(e.name().schema()));
    catalog.views().forEach(v -> sourceSchemas.add(v.name().schema()));
    boolean allMoved = !sourceSchemas.isEmpty() && sourceSchemas.stream().map(map::schema).noneMatch(sourceSchemas::contains);
    if (!allMoved) {
      throw new PgferryException(PgferryException.Code.SAME_DATABASE, "source and target are the same database (" + where
          + "); refusing to clone a database onto itself. Use another target database, or " + io.pgferry.extractor.Option.SCHEMA_MAP.mention() + " to send every"
          + " schema (" + String.join(", ", new TreeSet<>(sourceSchemas)) + ") to a new one");
    }
  }

  /** Objects of the plan that already exist in the target, as {@code kind schema.name}. */
  public static List<String> existing(Connection target, Catalog catalog, SchemaMap map) throws SQLException {
    List<QualifiedName> relations = new ArrayList<>();
    catalog.tables().forEach(t -> relations.add(map.name(t.name())));
    catalog.sequences().forEach(s -> relations.add(map.name(s.name())));
    catalog.views().forEach(v -> relations.add(map.name(v.name())));
    catalog.tables().stream().flatMap(t -> t.columns().stream()).filter(c -> c.identity() != null)
        .forEach(c -> relations.add(map.name(c.identity().sequence())));
    List<QualifiedName> types = catalog.enums().stream().map(e -> map.name(e.name())).toList();
    List<String> out = new ArrayList<>();
    out.addAll(query(target, "SELECT n.nspname, c.relname, c.relkind FROM unnest(?::text[], ?::text[]) x(s, r)"
        + " JOIN pg_namespace n ON n.nspname = x.s JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = x.r ORDER BY 1, 2",
        relations));
    out.addAll(query(target, "SELECT n.nspname, t.typname, 'type' FROM unnest(?::text[], ?::text[]) x(s, r)"
        + " JOIN pg_namespace n ON n.nspname = x.s JOIN pg_type t ON t.typnamespace = n.oid AND t.typname = x.r ORDER BY 1, 2",
        types));
    out.addAll(existingObjects(target, catalog, map));
    return out;
  }

  /** Kinds whose CREATE would fail, or worse (CREATE OR REPLACE FUNCTION), silently replace the target's. */
  private static final java.util.Set<String> CREATED_KINDS = java.util.Set.of("type", "domain", "collation", "function",
      "procedure", "aggregate", "trigger", "event trigger", "policy", "operator", "operator class", "operator family", "cast",
      "conversion", "text search parser", "text search template", "text search dictionary", "text search configuration",
      "statistics object");

  private static final String TARGET_KEYS = """
      SELECT (pg_identify_object_as_address(x.c, x.o, 0)).* FROM (
        SELECT 'pg_proc'::regclass AS c, oid AS o FROM pg_proc WHERE pronamespace NOT IN (SELECT oid FROM pg_namespace
          WHERE nspname IN ('pg_catalog', 'information_schema'))
        UNION ALL SELECT 'pg_type'::regclass, t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE t.typtype IN ('c', 'd', 'r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
        UNION ALL SELECT 'pg_collation'::regclass, oid FROM pg_collation WHERE collnamespace NOT IN (SELECT oid FROM pg_namespace
          WHERE nspname IN ('pg_catalog', 'information_schema'))
        UNION ALL SELECT 'pg_trigger'::regclass, oid FROM pg_trigger WHERE NOT tgisinternal
        UNION ALL SELECT 'pg_event_trigger'::regclass, oid FROM pg_event_trigger
        UNION ALL SELECT 'pg_policy'::regclass, oid FROM pg_policy
        UNION ALL SELECT 'pg_operator'::regclass, oid FROM pg_operator WHERE oid >= 16384
        UNION ALL SELECT 'pg_opclass'::regclass, oid FROM pg_opclass WHERE oid >= 16384
        UNION ALL SELECT 'pg_opfamily'::regclass, oid FROM pg_opfamily WHERE oid >= 16384
        UNION ALL SELECT 'pg_cast'::regclass, oid FROM pg_cast WHERE oid >= 16384
        UNION ALL SELECT 'pg_conversion'::regclass, oid FROM pg_conversion WHERE oid >= 16384
        UNION ALL SELECT 'pg_ts_parser'::regclass, oid FROM pg_ts_parser WHERE oid >= 16384
        UNION ALL SELECT 'pg_ts_template'::regclass, oid FROM pg_ts_template WHERE oid >= 16384
        UNION ALL SELECT 'pg_ts_dict'::regclass, oid FROM pg_ts_dict WHERE oid >= 16384
        UNION ALL SELECT 'pg_ts_config'::regclass, oid FROM pg_ts_config WHERE oid >= 16384
        UNION ALL SELECT 'pg_statistic_ext'::regclass, oid FROM pg_statistic_ext) x""";

  private static List<String> existingObjects(Connection target, Catalog catalog, SchemaMap map) throws SQLException {
    java.util.Set<io.pgferry.extractor.ObjectKey> wanted = new java.util.HashSet<>();
    for (io.pgferry.extractor.SchemaObject o : catalog.objects()) {
      if (CREATED_KINDS.contains(o.key().type())) {
        wanted.add(mapped(o.key(), map));
      }
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = target.prepareStatement(TARGET_KEYS); ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        io.pgferry.extractor.ObjectKey k = new io.pgferry.extractor.ObjectKey(rs.getString(1), strings(rs.getArray(2)),
            strings(rs.getArray(3)));
        if (wanted.contains(k)) {
          out.add(k.toString());
        }
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** The key the object will have in the target: its schema (first name part) mapped. */
  static io.pgferry.extractor.ObjectKey mapped(io.pgferry.extractor.ObjectKey k, SchemaMap map) {
    if (k.schema() == null || map.isIdentity()) {
      return k;
    }
    return k.inSchema(map.schema(k.schema()));
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : java.util.Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }

  private static List<String> query(Connection c, String sql, List<QualifiedName> names) throws SQLException {
    if (names.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Array schemas = c.createArrayOf("text", names.stream().map(QualifiedName::schema).toArray());
    Array rels = c.createArrayOf("text", names.stream().map(QualifiedName::name).toArray());
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setArray(1, schemas);
      p.setArray(2, rels);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(kind(rs.getString(3)) + " " + rs.getString(1) + "." + rs.getString(2));
        }
      }
    }
    return out;
  }

  private static String kind(String relkind) {
    return switch (relkind) {
      case "r", "p" -> "table";
      case "S" -> "sequence";
      case "v" -> "view";
      case "m" -> "materialized view";
      case "i", "I" -> "index";
      default -> relkind;
    };
  }

  /**
   * A phase runs as one transaction and holds a lock on every relation it creates or alters until it
   * commits; the server's shared lock table is sized max_locks_per_transaction x (max_connections +
   * max_prepared_transactions). Returns a warning when a phase needs more than that, or null.
   *
   * @param locks estimated lock entries the phase holds at its end
   */
  public static String lockTableWarning(Connection target, String phase, long locks) throws SQLException {
    try (PreparedStatement p = target.prepareStatement("SELECT current_setting('max_locks_per_transaction')::int8 * "
        + "(current_setting('max_connections')::int8 + current_setting('max_prepared_transactions')::int8), "
        + "current_setting('max_locks_per_transaction')");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      long capacity = rs.getLong(1);
      if (locks <= capacity) {
        return null;
      }
      long perConnection = Long.parseLong(rs.getString(2));
      long suggested = perConnection * locks / capacity + perConnection;
      return "the " + phase + " phase takes about " + locks + " locks in one transaction, more than the target's lock"
          + " table is sized for (about " + capacity + "); if it fails with 'out of shared memory', set max_locks_per_transaction"
          + " to at least " + suggested + " on the target and restart it";
    }
  }

  /** Schema names, and extension names prefixed with {@link #EXTENSION}: what the undo must never drop. */
  public static Set<String> existingSchemas(Connection target) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement p = target.prepareStatement("SELECT nspname FROM pg_namespace UNION ALL SELECT ? || extname FROM pg_extension")) {
      p.setString(1, EXTENSION);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Drops what this run created, in one transaction when the target's lock table holds it. Safe because
   * {@link #existing} proved none of these objects existed before the run; schemas are dropped only if this
   * run created them.
   */
  public static void undo(Connection target, Catalog catalog, SchemaMap map, Set<String> schemasBefore, LockBudget locks) {
    List<SqlStatement> drops = new ArrayList<>();
    List<Table> tables = catalog.tables();
    long tableLocks = tables.stream().mapToLong(TargetGuard::dropLocks).sum();
    long total = tableLocks + 4L * catalog.views().size() + 3L * catalog.sequences().size() + 2L * catalog.enums().size()
        + 2L * catalog.objects().size();
    List<List<SqlStatement>> transactions = new ArrayList<>();
    if (total <= locks.perTransaction()) {
      // One DROP per kind: PostgreSQL resolves dependencies among the objects listed in one statement
      // (inheritance children, foreign keys between them), so no ordering or CASCADE is needed.
      dropAll(drops, "MATERIALIZED VIEW", catalog.views().stream().filter(View::materialized).map(v -> map.name(v.name())).toList());
      dropAll(drops, "VIEW", catalog.views().stream().filter(v -> !v.materialized()).map(v -> map.name(v.name())).toList());
      dropAll(drops, "TABLE", tables.stream().map(t -> map.name(t.name())).toList());
      dropAll(drops, "SEQUENCE", catalog.sequences().stream().map(q -> map.name(q.name())).toList());
      dropAll(drops, "TYPE", catalog.enums().stream().map(e -> map.name(e.name())).toList());
      drops.addAll(0, dropObjects(catalog, map));
      transactions.add(drops);
    } else {
      // Too many for one transaction (a drop locks every index, sequence, type, constraint and default of a
      // table too): several, each a DROP of as many as fit. Across statements the server no longer sees the
      // foreign keys between the tables as ours, so they go first; inheritance children before parents.
      // Views in separate statements may depend on one another: CASCADE (all of them are this run's).
      transactions.addAll(locks.split(dropObjects(catalog, map)));
      chunked(transactions, locks, "MATERIALIZED VIEW", " CASCADE",
          catalog.views().stream().filter(View::materialized).map(v -> map.name(v.name())).toList(), n -> 4);
      chunked(transactions, locks, "VIEW", " CASCADE",
          catalog.views().stream().filter(v -> !v.materialized()).map(v -> map.name(v.name())).toList(), n -> 4);
      List<SqlStatement> foreignKeys = new ArrayList<>();
      for (Table t : tables) {
        for (Constraint c : t.constraints()) {
          if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
            foreignKeys.add(new SqlStatement("ALTER TABLE IF EXISTS " + map.name(t.name()).quoted() + " DROP CONSTRAINT IF EXISTS "
                + Sql.ident(c.name()), "undo foreign key " + c.name() + " on " + map.name(t.name())));
          }
        }
      }
      transactions.addAll(locks.split(foreignKeys));
      List<Table> childrenFirst = new ArrayList<>(DdlWriter.parentsFirst(tables));
      java.util.Collections.reverse(childrenFirst);
      java.util.Map<QualifiedName, Long> tableCost = new java.util.HashMap<>();
      childrenFirst.forEach(t -> tableCost.put(map.name(t.name()), dropLocks(t)));
      chunked(transactions, locks, "TABLE", "", childrenFirst.stream().map(t -> map.name(t.name())).toList(), tableCost::get);
      chunked(transactions, locks, "SEQUENCE", "", catalog.sequences().stream().map(q -> map.name(q.name())).toList(), n -> 3);
      chunked(transactions, locks, "TYPE", "", catalog.enums().stream().map(e -> map.name(e.name())).toList(), n -> 2);
      drops = new ArrayList<>();
      transactions.add(drops);
    }
    // Every schema the base phase created (CREATE SCHEMA IF NOT EXISTS) that was not there before. Whatever
    // is left in one (an extension's objects, a kind the drops above do not name) was created by this run,
    // so CASCADE is safe; an extension this run created in a schema that existed is dropped on its own.
    Set<String> schemas = new TreeSet<>();
    catalog.schemas().forEach(s -> schemas.add(map.schema(s)));
    catalog.tables().forEach(t -> schemas.add(map.schema(t.name().schema())));
    catalog.views().forEach(v -> schemas.add(map.schema(v.name().schema())));
    catalog.enums().forEach(e -> schemas.add(map.schema(e.name().schema())));
    catalog.sequences().forEach(s -> schemas.add(map.schema(s.name().schema())));
    for (io.pgferry.extractor.SchemaObject o : catalog.objects()) {
      if (o.key().type().equals("extension") && !o.key().names().isEmpty() && !schemasBefore.contains(EXTENSION + o.key().names().get(0))) {
        drops.add(new SqlStatement("DROP EXTENSION IF EXISTS " + Sql.ident(o.key().names().get(0)) + " CASCADE",
            "undo extension " + o.key().names().get(0)));
      }
    }
    for (String s : schemas) {
      if (!schemasBefore.contains(s)) {
        drops.add(new SqlStatement("DROP SCHEMA IF EXISTS " + Sql.ident(s) + " CASCADE", "undo schema " + s));
      }
    }
    List<String> failed = new ArrayList<>();
    ApplyException first = null;
    for (List<SqlStatement> t : transactions) {
      if (t.isEmpty()) {
        continue;
      }
      try {
        Applier.builder().build().apply(target, t);
      } catch (ApplyException e) {
        // One statement that cannot run must not keep the others from removing what they can: the rest of
        // this transaction runs statement by statement, and what still fails is named.
        for (SqlStatement st : t) {
          try {
            Applier.builder().build().apply(target, List.of(st));
          } catch (ApplyException each) {
            failed.add(st.purpose());
            first = first == null ? each : first;
          }
        }
      }
    }
    if (first != null) {
      throw new PgferryException(PgferryException.Code.INTERNAL, "could not remove all of the partial clone; the target is not as"
          + " before: " + String.join(", ", failed.subList(0, Math.min(10, failed.size()))) + (failed.size() > 10 ? ", …" : "")
          + " failed (first: " + first.getMessage() + ")", first);
    }
  }

  /** Marks an extension's name in the set of what existed before the run (schemas and extensions share it). */
  static final String EXTENSION = "extension:";

  /** Lock entries dropping a table takes: the table, its TOAST table and index, row and array type, and its parts. */
  private static long dropLocks(Table t) {
    return 6 + t.columns().size() + t.indexes().size() + t.constraints().size();
  }

  /** {@code DROP kind IF EXISTS a, b, …}, as many names per statement (and transaction) as the lock budget allows. */
  private static void chunked(List<List<SqlStatement>> transactions, LockBudget locks, String kind, String suffix,
      List<QualifiedName> names, java.util.function.ToLongFunction<QualifiedName> cost) {
    List<QualifiedName> chunk = new ArrayList<>();
    long held = 0;
    for (QualifiedName n : names) {
      long c = cost.applyAsLong(n);
      if (!chunk.isEmpty() && held + c > locks.perTransaction()) {
        transactions.add(List.of(drop(kind, suffix, chunk)));
        chunk = new ArrayList<>();
        held = 0;
      }
      chunk.add(n);
      held += c;
    }
    if (!chunk.isEmpty()) {
      transactions.add(List.of(drop(kind, suffix, chunk)));
    }
  }

  private static SqlStatement drop(String kind, String suffix, List<QualifiedName> names) {
    return new SqlStatement("DROP " + kind + " IF EXISTS " + String.join(", ", names.stream().map(QualifiedName::quoted).toList()) + suffix,
        "undo " + names.size() + " " + kind.toLowerCase(java.util.Locale.ROOT) + "(s)");
  }

  /**
   * Routines, domains, collations and other types this run created. CASCADE because they may depend on
   * each other in any order; nothing else can depend on them, as none of them existed before the run.
   * Extensions are left alone: IF NOT EXISTS may have found them already there.
   */
  private static List<SqlStatement> dropObjects(Catalog catalog, SchemaMap map) {
    List<SqlStatement> out = new ArrayList<>();
    for (io.pgferry.extractor.SchemaObject o : catalog.objects()) {
      io.pgferry.extractor.ObjectKey k = mapped(o.key(), map);
      String other = dropOther(k, map);
      if (other != null) {
        out.add(new SqlStatement(other, "undo " + k));
        continue;
      }
      String kind = switch (k.type()) {
        case "function", "procedure", "aggregate", "collation" -> k.type().toUpperCase(java.util.Locale.ROOT);
        case "type", "domain" -> "TYPE";
        default -> null;
      };
      String single = switch (k.type()) {
        case "server" -> "SERVER";
        case "foreign-data wrapper" -> "FOREIGN DATA WRAPPER";
        default -> null;
      };
      if (single != null && k.names().size() == 1) {
        out.add(new SqlStatement("DROP " + single + " IF EXISTS " + Sql.ident(k.names().get(0)) + " CASCADE", "undo " + k));
        continue;
      }
      if (k.type().equals("foreign table") && k.names().size() == 2) {
        out.add(new SqlStatement("DROP FOREIGN TABLE IF EXISTS " + Sql.qualified(k.names().get(0), k.names().get(1)) + " CASCADE",
            "undo " + k));
        continue;
      }
      if (kind == null || k.names().size() != 2) {
        continue;
      }
      String name = Sql.qualified(k.names().get(0), k.names().get(1));
      String args = kind.equals("FUNCTION") || kind.equals("PROCEDURE") || kind.equals("AGGREGATE")
          ? "(" + (kind.equals("AGGREGATE") && k.args().isEmpty() ? "*" : String.join(", ", k.args())) + ")" : "";
      if (kind.equals("TYPE") && o.statements().get(0).startsWith("CREATE DOMAIN")) {
        kind = "DOMAIN";
      }
      out.add(new SqlStatement("DROP " + kind + " IF EXISTS " + name + args + " CASCADE", "undo " + k));
    }
    return out;
  }

  /** DROP … IF EXISTS … CASCADE for operators, classes, families, casts, text search objects, statistics, conversions. */
  static String dropOther(io.pgferry.extractor.ObjectKey k, SchemaMap map) {
    List<String> n = k.names();
    List<String> a = k.args();
    String kind = k.type().equals("statistics object") ? "STATISTICS" : k.type().toUpperCase(java.util.Locale.ROOT);
    String what = switch (k.type()) {
      // A prefix operator's address has its right type only; types are SQL text with the source's schemas.
      case "operator" -> n.size() == 2 && (a.size() == 1 || a.size() == 2) ? Sql.ident(n.get(0)) + "." + n.get(1) + " ("
          + (a.size() == 1 ? "NONE" : map.rewrite(a.get(0))) + ", " + map.rewrite(a.getLast()) + ")" : null;
      case "operator class", "operator family" -> n.size() == 3 ? Sql.qualified(n.get(1), n.get(2)) + " USING " + Sql.ident(n.get(0)) : null;
      // A cast's address holds its types as SQL text with the source's schemas: map them as SQL.
      case "cast" -> n.size() == 1 && a.size() == 1 ? "(" + map.rewrite(n.get(0)) + " AS " + map.rewrite(a.get(0)) + ")" : null;
      case "conversion", "text search parser", "text search template", "text search dictionary", "text search configuration",
          "statistics object" -> n.size() == 2 ? Sql.qualified(n.get(0), n.get(1)) : null;
      default -> null;
    };
    return what == null ? null : "DROP " + kind + " IF EXISTS " + what + " CASCADE";
  }

  private static void dropAll(List<SqlStatement> drops, String kind, List<QualifiedName> names) {
    if (!names.isEmpty()) {
      drops.add(new SqlStatement("DROP " + kind + " IF EXISTS " + String.join(", ", names.stream().map(QualifiedName::quoted).toList()),
          "undo " + names.size() + " " + kind.toLowerCase(java.util.Locale.ROOT) + "(s)"));
    }
  }
}
