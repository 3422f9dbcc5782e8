package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.DependencyOrder;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SchemaObject;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.View;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Views and every {@link SchemaObject} kind. Equal key and statements: nothing to do. Otherwise an in-place
 * change where PostgreSQL has one (comments, grants, owners, {@code CREATE OR REPLACE} of a routine whose
 * signature and result stay), else drop and create. Objects that depend (pg_depend, in the target) on
 * something dropped or on a table whose columns change are dropped first and recreated afterwards from the
 * source, with their grants and comments.
 */
final class ObjectDiff {
  private static final Set<String> CLEANUP_KINDS = Set.of("function", "procedure", "aggregate", "type", "domain", "collation",
      "extension", "window function");
  private static final Set<String> RELATIONS = Set.of("table", "view", "materialized view", "foreign table");
  private static final Set<String> DEPENDENT_KINDS = Set.of("view", "materialized view", "trigger", "policy", "rule");

  private final PlanBuilder plan;
  private final Catalog src;
  private final Catalog dst;
  private final TableDiff tables;
  private final Map<ObjectKey, SchemaObject> srcObjects = new LinkedHashMap<>();
  private final Map<ObjectKey, SchemaObject> dstObjects = new LinkedHashMap<>();
  private final Map<ObjectKey, View> srcViews = new LinkedHashMap<>();
  private final Map<ObjectKey, View> dstViews = new LinkedHashMap<>();
  /** Target keys dropped (and recreated from the source when it has them). */
  private final Set<ObjectKey> dropped = new LinkedHashSet<>();
  private final Set<ObjectKey> created = new LinkedHashSet<>();

  ObjectDiff(PlanBuilder plan, Catalog src, Catalog dst, TableDiff tables) {
    this.plan = plan;
    this.src = src;
    this.dst = dst;
    this.tables = tables;
    // default privileges are DefaultPrivilegeDiff's
    src.objects().stream().filter(o -> !DefaultPrivilegeDiff.isDefaultAcl(o.key())).forEach(o -> srcObjects.put(o.key(), o));
    dst.objects().stream().filter(o -> !goesWithTable(o.key()) && !DefaultPrivilegeDiff.isDefaultAcl(o.key()))
        .forEach(o -> dstObjects.put(o.key(), o));
    src.views().forEach(v -> srcViews.put(viewKey(v), v));
    dst.views().forEach(v -> dstViews.put(viewKey(v), v));
  }

  static ObjectKey viewKey(View v) {
    return ObjectKey.of(v.materialized() ? "materialized view" : "view", v.name());
  }

  /** Objects of a dropped table or column are renamed or dropped with it. */
  private boolean goesWithTable(ObjectKey k) {
    QualifiedName rel = DiffScope.relationOf(k);
    if (rel == null) {
      return false;
    }
    if (tables.droppedTables.contains(rel) && !k.type().equals("type") && !k.type().equals("domain") && !isRoutine(k)) {
      return true;
    }
    String col = DiffScope.columnOf(k);
    return col != null && tables.droppedColumns.getOrDefault(rel, Set.of()).contains(col);
  }

  void run() {
    Set<ObjectKey> replaced = new LinkedHashSet<>();
    Set<ObjectKey> inPlace = new LinkedHashSet<>();
    for (Map.Entry<ObjectKey, View> e : dstViews.entrySet()) {
      View s = srcViews.get(e.getKey());
      if (s == null || !s.query().equals(e.getValue().query()) || !s.options().equals(e.getValue().options())) {
        replaced.add(e.getKey());
      }
    }
    for (Map.Entry<ObjectKey, SchemaObject> e : dstObjects.entrySet()) {
      SchemaObject s = srcObjects.get(e.getKey());
      if (s != null && s.statements().equals(e.getValue().statements())) {
        continue;
      }
      if (s != null && changesInPlace(s, e.getValue())) {
        inPlace.add(e.getKey());
      } else if (!isAspect(e.getKey())) {
        replaced.add(e.getKey());
      } else if (s == null) {
        inPlace.add(e.getKey());
      }
    }
    refuseRecreating(replaced);
    Set<ObjectKey> rebuilt = dependents(replaced);
    dropped.addAll(replaced);
    dropped.addAll(rebuilt);
    emitDrops();
    // Creates: new in the source, replaced, or rebuilt dependents the source still has.
    Set<ObjectKey> toCreate = new LinkedHashSet<>();
    srcViews.keySet().stream().filter(k -> !dstViews.containsKey(k) || dropped.contains(k)).forEach(toCreate::add);
    srcObjects.keySet().stream().filter(k -> !isAspect(k) && (!dstObjects.containsKey(k) || dropped.contains(k))).forEach(toCreate::add);
    for (ObjectKey k : dropped) {
      if (k.type().equals("materialized view") && srcViews.containsKey(k)) {
        srcObjects.values().stream().filter(o -> o.key().type().equals("index") && o.dependsOn().contains(k)).forEach(o -> toCreate.add(o.key()));
      }
    }
    emitCreates(toCreate);
    // Aspects (comments, grants, owners, row security) that differ, are new or are gone.
    for (SchemaObject s : srcObjects.values()) {
      if (!isAspect(s.key())) {
        continue;
      }
      SchemaObject t = dstObjects.get(s.key());
      boolean subjectRecreated = subjects(s.key()).stream().anyMatch(k -> dropped.contains(k) && (toCreate.contains(k)));
      if (subjectRecreated) {
        s.statements().forEach(sql -> plan.add(Stage.DEPENDENTS, sql, s.key() + ": re-applied after its object was recreated"));
      } else if (t == null) {
        s.statements().forEach(sql -> plan.add(ObjectSql.stageOf(s.key()), sql, s.key() + " is new in the source"));
      } else if (!t.statements().equals(s.statements())) {
        inPlace(s, t);
      }
    }
    for (ObjectKey k : inPlace) {
      if (!srcObjects.containsKey(k) && subjects(k).stream().noneMatch(dropped::contains) && subjectInSource(k)) {
        remove(dstObjects.get(k));
      } else if (srcObjects.containsKey(k) && !isAspect(k)) {
        inPlace(srcObjects.get(k), dstObjects.get(k));
      }
    }
  }

  /** Whether what an aspect describes is still there after the sync (otherwise the aspect goes with it). */
  private boolean subjectInSource(ObjectKey aspect) {
    if (!DiffScope.ASPECTS.contains(aspect.type())) {
      return true;
    }
    List<String> n = aspect.names().subList(1, aspect.names().size());
    String type = aspect.names().get(0);
    if (n.size() < 2) {
      return true;  // schemas and database-wide objects
    }
    QualifiedName rel = new QualifiedName(n.get(0), n.get(1));
    return switch (type) {
      case "table", "foreign table" -> src.table(rel).isPresent();
      case "view", "materialized view" -> src.views().stream().anyMatch(v -> v.name().equals(rel));
      case "sequence" -> src.sequences().stream().anyMatch(q -> q.name().equals(rel))
          || src.tables().stream().anyMatch(t -> t.columns().stream().anyMatch(c -> c.identity() != null && c.identity().sequence().equals(rel)));
      case "table column" -> n.size() > 2 && src.table(rel).flatMap(t -> t.column(n.get(2))).isPresent();
      case "view column" -> src.views().stream().anyMatch(v -> v.name().equals(rel));
      case "table constraint" -> n.size() > 2 && src.table(rel).map(t -> t.constraints().stream().anyMatch(c -> c.name().equals(n.get(2))))
          .orElse(false);
      case "index" -> src.tables().stream().filter(t -> t.name().schema().equals(rel.schema())).anyMatch(t ->
          t.indexes().stream().anyMatch(i -> i.name().equals(rel.name())) || t.constraints().stream().anyMatch(c -> c.name().equals(rel.name())))
          || srcObjects.containsKey(new ObjectKey("index", n, List.of()));
      case "type", "domain" -> src.enums().stream().anyMatch(e -> e.name().equals(rel)) || srcObjects.containsKey(new ObjectKey(type, n, aspect.args()));
      default -> srcObjects.containsKey(new ObjectKey(type, n, aspect.args())) || srcViews.containsKey(new ObjectKey(type, n, aspect.args()));
    };
  }

  private static boolean isAspect(ObjectKey k) {
    return DiffScope.ASPECTS.contains(k.type()) || k.type().equals("table options") || k.type().equals("column settings")
        || k.type().equals("replica identity") || k.type().equals("cluster mark");
  }

  private static boolean isRoutine(ObjectKey k) {
    return k.type().contains("function") || k.type().equals("procedure") || k.type().equals("aggregate");
  }

  /** The objects an aspect describes (for a column's comment or grant: its relation). */
  private static Set<ObjectKey> subjects(ObjectKey k) {
    Set<ObjectKey> out = new HashSet<>();
    if (!DiffScope.ASPECTS.contains(k.type())) {
      return out;
    }
    List<String> rest = k.names().subList(1, k.names().size());
    out.add(new ObjectKey(k.names().get(0), rest, k.args()));
    if (k.names().get(0).endsWith(" column") && rest.size() >= 2) {
      for (String kind : List.of("view", "materialized view", "table")) {
        out.add(new ObjectKey(kind, rest.subList(0, 2), List.of()));
      }
    }
    return out;
  }

  /**
   * A server or wrapper the source has in another form would be dropped and created: that drops the target's user
   * mappings on it, which pgferry does not read (their options hold credentials) and so cannot recreate.
   */
  private void refuseRecreating(Set<ObjectKey> replaced) {
    List<String> refused = replaced.stream().filter(k -> (k.type().equals("server") || k.type().equals("foreign-data wrapper"))
        && srcObjects.containsKey(k)).map(ObjectKey::toString).toList();
    if (!refused.isEmpty()) {
      throw new io.pgferry.extractor.PgferryException(io.pgferry.extractor.PgferryException.Code.SCHEMA, "schema-sync cannot change "
          + String.join(", ", refused) + " in place, and recreating would drop the user mappings on it, which pgferry does not read"
          + " (their options hold credentials); change it on the target with ALTER SERVER / ALTER FOREIGN DATA WRAPPER as the source has"
          + " it and run again");
    }
  }

  private boolean changesInPlace(SchemaObject s, SchemaObject t) {
    if (isAspect(s.key())) {
      return true;
    }
    if ((s.key().type().equals("function") || s.key().type().equals("procedure")) && s.statements().size() == 1 && t.statements().size() == 1) {
      return header(s.statements().get(0)).equals(header(t.statements().get(0)));
    }
    return false;
  }

  /** Signature line and RETURNS line of a pg_get_functiondef text: what CREATE OR REPLACE cannot change. */
  private static List<String> header(String def) {
    List<String> lines = def.lines().toList();
    List<String> out = new ArrayList<>();
    out.add(lines.isEmpty() ? "" : lines.get(0));
    lines.stream().filter(l -> l.startsWith(" RETURNS ")).findFirst().ifPresent(out::add);
    return out;
  }

  /** Views, triggers and policies that depend on a replaced object, or on a table whose columns change. */
  private Set<ObjectKey> dependents(Set<ObjectKey> replaced) {
    Map<ObjectKey, Set<ObjectKey>> reverse = new HashMap<>();
    dst.dependencies().forEach((k, deps) -> deps.forEach(d -> reverse.computeIfAbsent(d, x -> new HashSet<>()).add(k)));
    Deque<ObjectKey> todo = new ArrayDeque<>(replaced);
    tables.columnsChanged.forEach(t -> todo.add(ObjectKey.of("table", t)));
    // a replaced table's views would follow the kept copy under its new name
    tables.droppedTables.forEach(t -> todo.add(ObjectKey.of("table", t)));
    Set<ObjectKey> out = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      ObjectKey x = todo.poll();
      for (ObjectKey d : reverse.getOrDefault(x, Set.of())) {
        boolean kind = DEPENDENT_KINDS.contains(d.type()) && !(x.type().equals("table") && d.type().equals("trigger"));
        boolean exists = dstViews.containsKey(d) || dstObjects.containsKey(d);
        if (kind && exists && !replaced.contains(d) && out.add(d)) {
          todo.add(d);
        }
      }
    }
    return out;
  }

  /** What each object of a catalog needs before it, over every kind: pg_depend folded, objects' and views' own. */
  static Map<ObjectKey, Set<ObjectKey>> deps(Catalog c) {
    Map<ObjectKey, Set<ObjectKey>> deps = new HashMap<>(c.dependencies());
    for (SchemaObject o : c.objects()) {
      Set<ObjectKey> all = new HashSet<>(deps.getOrDefault(o.key(), Set.of()));
      all.addAll(o.dependsOn());
      deps.put(o.key(), all);
    }
    for (View v : c.views()) {
      Set<ObjectKey> all = new HashSet<>(deps.getOrDefault(viewKey(v), Set.of()));
      v.dependsOn().forEach(n -> {
        all.add(ObjectKey.of("view", n));
        all.add(ObjectKey.of("materialized view", n));
      });
      deps.put(viewKey(v), all);
    }
    return deps;
  }

  private void emitDrops() {
    Map<ObjectKey, Set<ObjectKey>> deps = deps(dst);
    List<ObjectKey> order = new ArrayList<>(DependencyOrder.sort(new ArrayList<>(dropped), k -> k, deps, Comparator.naturalOrder()));
    // Types and routines on a dropped table's row type (or on such objects) go before the table, not at the
    // end: the table's drop (or rename, whose row type they would follow) must not find them.
    Set<ObjectKey> onDroppedTable = new HashSet<>();
    tables.droppedTables.forEach(t -> onDroppedTable.add(TableDiff.key(t)));
    for (ObjectKey k : order) {
      if (deps.getOrDefault(k, Set.of()).stream().anyMatch(onDroppedTable::contains)) {
        onDroppedTable.add(k);
      }
    }
    Collections.reverse(order);
    List<String> unknown = new ArrayList<>();
    for (ObjectKey k : order) {
      boolean gone = !srcViews.containsKey(k) && !srcObjects.containsKey(k);
      if (gone && cleanupLater(k, deps) && !onDroppedTable.contains(k)) {
        continue;
      }
      String why = gone ? k + " is not in the source" : k + " is recreated from the source";
      if (dstViews.containsKey(k)) {
        plan.add(Stage.DROP_OBJECTS, "DROP " + (k.type().equals("view") ? "VIEW " : "MATERIALIZED VIEW ") + dstViews.get(k).name().quoted(), why);
      } else {
        String sql = ObjectSql.dropSql(k);
        if (sql != null) {
          plan.add(Stage.DROP_OBJECTS, sql, why);
        } else if (!ObjectSql.REAPPLIED.contains(k.type())) {
          unknown.add(k + (gone ? " (not in the source)" : " (differs from the source)"));
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new io.pgferry.extractor.PgferryException(io.pgferry.extractor.PgferryException.Code.SCHEMA, "schema-sync cannot drop "
          + String.join(", ", unknown) + ": it does not know " + (unknown.size() == 1 ? "this kind" : "these kinds")
          + " of object; drop or change " + (unknown.size() == 1 ? "it" : "them") + " on the target by hand and run it again");
    }
    // Removed types and routines go last: tables and columns that used them are changed by then.
    for (ObjectKey k : order) {
      if (!srcViews.containsKey(k) && !srcObjects.containsKey(k) && cleanupLater(k, deps) && !onDroppedTable.contains(k)) {
        String sql = ObjectSql.dropSql(k);
        if (sql != null) {
          plan.add(Stage.CLEANUP, k, sql, k + " is not in the source",
              Hazard.of(Hazard.Kind.MAY_FAIL, String.join(".", k.names()) + ":drop", "fails if something not in this plan still uses it"));
        }
      }
    }
  }

  /**
   * Removed types and routines are dropped at the end, once the columns and constraints using them are gone; a routine
   * with a SQL-standard body that reads tables depends on them instead, so it goes first.
   */
  private boolean cleanupLater(ObjectKey k, Map<ObjectKey, Set<ObjectKey>> deps) {
    SchemaObject o = dstObjects.get(k);
    return CLEANUP_KINDS.contains(k.type()) && !(isRoutine(k) && o != null && o.phase() == SchemaObject.Phase.SEAL && readsRelations(k, deps));
  }

  /**
   * Whether an object needs a table, view or foreign table, directly or through others: a routine with a SQL-standard
   * body that does is created with the views, one that does not (RETURN a + b) with the functions, before the checks
   * and defaults that may call it.
   */
  static boolean readsRelations(ObjectKey k, Map<ObjectKey, Set<ObjectKey>> deps) {
    Deque<ObjectKey> todo = new ArrayDeque<>(deps.getOrDefault(k, Set.of()));
    Set<ObjectKey> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      ObjectKey d = todo.poll();
      if (!seen.add(d)) {
        continue;
      }
      if (RELATIONS.contains(d.type())) {
        return true;
      }
      todo.addAll(deps.getOrDefault(d, Set.of()));
    }
    return false;
  }

  private void emitCreates(Set<ObjectKey> keys) {
    Map<ObjectKey, Set<ObjectKey>> deps = deps(src);
    List<ObjectKey> order = DependencyOrder.sort(new ArrayList<>(keys), k -> k, deps, Comparator.naturalOrder());
    boolean routines = keys.stream().anyMatch(ObjectDiff::isRoutine);
    if (routines) {
      plan.add(Stage.SETTINGS, "SET LOCAL check_function_bodies = off", "routine bodies may mention objects created later in this script");
    }
    // A routine a new type needs (a range's subtype_diff, a domain's check) is created with the types.
    Set<ObjectKey> typeNeeds = new HashSet<>();
    keys.stream().filter(k -> ObjectSql.stageOf(k) == Stage.TYPES).forEach(k -> typeNeeds.addAll(deps.getOrDefault(k, Set.of())));
    // What this plan creates in the tables stage and from the views stage on: an object that needs one of them
    // (a routine or domain on a new table's or view's row type) waits for it there, in the source's order.
    Set<ObjectKey> withTables = new HashSet<>();
    tables.createdTables.forEach(t -> withTables.add(TableDiff.key(t)));
    Set<ObjectKey> withViews = new HashSet<>();
    for (ObjectKey k : order) {
      String why = dropped.contains(k) ? k + " as the source has it (recreated)" : k + " is new in the source";
      View v = srcViews.get(k);
      if (v != null) {
        plan.add(Stage.VIEWS, new DdlWriter(SchemaMap.identity()).createView(v).sql(), why);
        created.add(k);
        withViews.add(k);
        continue;
      }
      SchemaObject o = srcObjects.get(k);
      if (o != null) {
        // SQL-standard bodies (BEGIN ATOMIC) are checked at creation: they wait for tables and go with the views.
        Stage stage = isRoutine(k) && o.phase() == SchemaObject.Phase.SEAL && readsRelations(k, deps) ? Stage.VIEWS
            : isRoutine(k) && typeNeeds.contains(k) ? Stage.TYPES : ObjectSql.stageOf(k);
        Set<ObjectKey> needs = deps.getOrDefault(k, Set.of());
        if (stage.ordinal() < Stage.VIEWS.ordinal() && needs.stream().anyMatch(withViews::contains)) {
          stage = Stage.VIEWS;
        } else if (stage.ordinal() < Stage.TABLES.ordinal() && needs.stream().anyMatch(withTables::contains)) {
          stage = Stage.TABLES;
        }
        if (stage == Stage.VIEWS) {
          withViews.add(k);
        } else if (stage == Stage.TABLES) {
          withTables.add(k);
        }
        for (String sql : o.statements()) {
          plan.add(stage, k, sql, why);
        }
        created.add(k);
      }
    }
  }

  private void inPlace(SchemaObject s, SchemaObject t) {
    ObjectKey k = s.key();
    String why = k + " differs from the source";
    switch (k.type()) {
      case "function", "procedure" -> plan.add(Stage.FUNCTIONS, ObjectSql.orReplace(s.statements().get(0)), why + "; replaced in place");
      case "acl", "row security" -> {
        ObjectSql.inverse(t.statements()).forEach(sql -> plan.add(undoStage(k), sql, why + "; the target's setting is undone first"));
        s.statements().forEach(sql -> plan.add(ObjectSql.stageOf(k), sql, why));
      }
      case "table options" -> {
        String reset = ObjectSql.resetOptions(t.statements().get(0));
        if (reset != null) {
          plan.add(Stage.TABLES, reset, why + "; the target's options are reset first");
        }
        s.statements().forEach(sql -> plan.add(Stage.TABLES, sql, why));
      }
      default -> s.statements().forEach(sql -> plan.add(ObjectSql.stageOf(k), sql, why));
    }
  }

  /** Where undoing a target's grants goes: before every grant (a table's REVOKE takes its columns' grants too). */
  private static Stage undoStage(ObjectKey k) {
    Stage s = ObjectSql.stageOf(k);
    return s == Stage.GRANTS ? Stage.REVOKES : s;
  }

  /** A target-only aspect: undo it. */
  private void remove(SchemaObject t) {
    ObjectKey k = t.key();
    String why = k + " is not in the source";
    switch (k.type()) {
      case "comment" -> plan.add(Stage.COMMENTS, ObjectSql.nullComment(t.statements().get(0)), why);
      case "acl", "row security" -> ObjectSql.inverse(t.statements()).forEach(sql -> plan.add(undoStage(k), sql, why));
      case "table options" -> {
        String reset = ObjectSql.resetOptions(t.statements().get(0));
        if (reset != null) {
          plan.add(Stage.TABLES, reset, why);
        }
      }
      case "replica identity" -> plan.add(Stage.VIEWS, "ALTER TABLE " + Sql.qualified(k.names().get(0), k.names().get(1))
          + " REPLICA IDENTITY DEFAULT", why);
      case "cluster mark" -> plan.add(Stage.VIEWS, t.statements().get(0).startsWith("ALTER MATERIALIZED VIEW ")
          ? "ALTER MATERIALIZED VIEW " + Sql.qualified(k.names().get(0), k.names().get(1)) + " SET WITHOUT CLUSTER"
          : "ALTER TABLE " + Sql.qualified(k.names().get(0), k.names().get(1)) + " SET WITHOUT CLUSTER", why);
      default -> {
        // owners and column settings stay: PostgreSQL has no "unset" for them
      }
    }
  }

}
