package io.pgferry.extractor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link Catalog} into DDL, split by phase:
 *
 * <ul>
 *   <li><b>base</b>: schemas, enum types, sequences, tables with columns, defaults and NOT NULL only,
 *       partition/inheritance links, sequence ownership — what the loader needs to COPY into, and
 *       nothing that slows COPY down or depends on the data being complete;
 *   <li><b>seal</b>: primary keys, unique/exclusion/check constraints, secondary indexes, foreign keys
 *       (after every index they may use), then views in dependency order.
 * </ul>
 *
 * Every name goes through {@link Sql#ident} and every server-printed fragment through the
 * {@link SchemaMap}, so the same writer serves clones into the same or into renamed schemas.
 */
public final class DdlWriter {
  private final SchemaMap map;

  public DdlWriter(SchemaMap map) {
    this.map = map;
  }

  /**
   * A step of the base phase: {@code inOrder} runs first, statement after statement; then the {@code independent}
   * units, which neither depend on one another nor lock anything but their own new objects, so they may run on
   * several connections at once (each unit's statements in order). Every wave needs only what earlier waves
   * created.
   */
  public record Wave(List<SqlStatement> inOrder, List<List<SqlStatement>> independent) {
    public Wave {
      inOrder = List.copyOf(inOrder);
      independent = independent.stream().map(List::copyOf).toList();
    }

    /** Its statements in the order one connection runs them. */
    public List<SqlStatement> statements() {
      List<SqlStatement> out = new ArrayList<>(inOrder);
      independent.forEach(out::addAll);
      return out;
    }
  }

  /** The base DDL in the order one connection runs it: {@link #baseWaves} one after another. */
  public List<SqlStatement> base(Catalog catalog) {
    List<SqlStatement> out = new ArrayList<>();
    baseWaves(catalog).forEach(w -> out.addAll(w.statements()));
    return out;
  }

  /**
   * The base DDL as {@link Wave}s: the schemas first; then the objects by dependency level (an object's level is one
   * more than that of the deepest object it needs), where tables created alone, sequences and enum types are the
   * independent part of their level; then partition and inheritance links; then sequence ownership, independent.
   * At 10,000 tables nearly all the base phase is independent, which is what lets it use several connections.
   */
  public List<Wave> baseWaves(Catalog catalog) {
    List<Wave> waves = new ArrayList<>();
    List<SqlStatement> out = new ArrayList<>();
    // Every schema of the catalog, even an empty one (the planner narrows the list when tables are filtered).
    Set<String> schemas = new TreeSet<>(catalog.schemas());
    catalog.enums().forEach(e -> schemas.add(e.name().schema()));
    catalog.sequences().forEach(s -> schemas.add(s.name().schema()));
    catalog.tables().forEach(t -> schemas.add(t.name().schema()));
    catalog.views().forEach(v -> schemas.add(v.name().schema()));
    catalog.objects().stream().map(o -> o.key().schema()).filter(x -> x != null && catalog.schemas().contains(x)).forEach(schemas::add);
    for (String schema : schemas) {
      String target = map.schema(schema);
      // IF NOT EXISTS: cloning into an existing database (its public schema, or a schema of the user's) is
      // the normal case; objects inside are still created without IF NOT EXISTS so conflicts fail loudly.
      out.add(new SqlStatement("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(target), "create schema " + target));
    }
    List<Node> nodes = new ArrayList<>();
    for (EnumType e : catalog.enums()) {
      QualifiedName n = map.name(e.name());
      nodes.add(new Node(ObjectKey.of("type", e.name()), List.of(new SqlStatement("CREATE TYPE " + n.quoted() + " AS ENUM ("
          + String.join(", ", e.labels().stream().map(Sql::literal).toList()) + ")", "create enum " + n))));
    }
    for (Sequence q : catalog.sequences()) {
      QualifiedName n = map.name(q.name());
      nodes.add(new Node(ObjectKey.of("sequence", q.name()),
          List.of(new SqlStatement("CREATE SEQUENCE " + n.quoted() + " " + q.options().clause(), "create sequence " + n))));
    }
    InheritanceReplay.Plan replay = InheritanceReplay.of(catalog);
    for (Table t : catalog.tables()) {
      nodes.add(new Node(ObjectKey.of("table", t.name()),
          List.of(createTable(t, inherits(t, catalog) && !replay.standalone().contains(t.name()), replay.createdColumns(t)))));
    }
    // The columns a tree gets after creation: one node after all its tables, before what uses them (see ordered).
    Map<ObjectKey, ObjectKey> later = new HashMap<>();
    for (Map.Entry<QualifiedName, List<InheritanceReplay.Step>> e : replay.steps().entrySet()) {
      List<SqlStatement> statements = new ArrayList<>();
      for (InheritanceReplay.Step step : e.getValue()) {
        QualifiedName n = map.name(step.table());
        statements.add(new SqlStatement("ALTER TABLE " + n.quoted() + " " + String.join(", ",
            step.columns().stream().map(c -> "ADD COLUMN " + columnDefinition(c)).toList()),
            "columns of " + n + " added after its inheritance children, as in the source: "
                + String.join(", ", step.columns().stream().map(Column::name).toList())));
      }
      nodes.add(new Node(ObjectKey.of("inheritance columns", e.getKey()), statements));
    }
    replay.tree().forEach((table, tree) -> later.put(ObjectKey.of("table", table), ObjectKey.of("inheritance columns", tree)));
    Set<ObjectKey> late = PhaseSplit.sealOnly(catalog);
    for (View v : catalog.views()) {
      if (!late.contains(viewKey(v))) {
        nodes.add(new Node(viewKey(v), viewStatements(v)));
      }
    }
    boolean routines = false;
    for (SchemaObject o : catalog.objects()) {
      if (o.phase() == SchemaObject.Phase.BASE && !late.contains(o.key())) {
        nodes.add(node(o));
        routines |= o.key().type().contains("function") || o.key().type().equals("procedure") || o.key().type().equals("aggregate");
      }
    }
    if (routines) {
      // Bodies may mention tables created later in this phase; the server checks them when they run.
      out.add(new SqlStatement("SET LOCAL check_function_bodies = off", "defer checking routine bodies"));
    }
    waves.add(new Wave(out, List.of()));
    Set<ObjectKey> alone = new java.util.HashSet<>();
    catalog.enums().forEach(e -> alone.add(ObjectKey.of("type", e.name())));
    catalog.sequences().forEach(q -> alone.add(ObjectKey.of("sequence", q.name())));
    for (Table t : catalog.tables()) {
      if (!inherits(t, catalog) || replay.standalone().contains(t.name())) {
        alone.add(ObjectKey.of("table", t.name())); // INHERITS would lock the parents
      }
    }
    Map<ObjectKey, Set<ObjectKey>> deps = dependencies(catalog, later);
    List<Node> sorted = DependencyOrder.sort(nodes, Node::key, deps, TIEBREAK);
    waves.addAll(levels(sorted, deps, alone));
    List<SqlStatement> links = new ArrayList<>();
    for (Table t : catalog.tables()) {
      links.addAll(links(t, catalog, replay.standalone()));
    }
    List<List<SqlStatement>> owned = new ArrayList<>();
    for (Sequence s : catalog.sequences()) {
      if (s.ownedByTable() != null && catalog.table(s.ownedByTable()).isPresent()) {
        QualifiedName n = map.name(s.name());
        owned.add(List.of(new SqlStatement("ALTER SEQUENCE " + n.quoted() + " OWNED BY " + map.name(s.ownedByTable()).quoted() + "."
            + Sql.ident(s.ownedByColumn()), "sequence " + n + " owned by " + s.ownedByTable() + "." + s.ownedByColumn())));
      }
    }
    waves.add(new Wave(links, owned));
    return waves.stream().filter(w -> !w.inOrder().isEmpty() || !w.independent().isEmpty()).toList();
  }

  /**
   * Nodes in dependency order cut into levels: a node's level is one more than the deepest level among the nodes it
   * depends on that precede it (an edge the order had to break for a cycle is broken alike). Nodes in {@code alone}
   * are their level's independent part.
   */
  private static List<Wave> levels(List<Node> sorted, Map<ObjectKey, Set<ObjectKey>> deps, Set<ObjectKey> alone) {
    Map<ObjectKey, Integer> level = new HashMap<>();
    List<List<Node>> byLevel = new ArrayList<>();
    for (Node n : sorted) {
      int l = 0;
      for (ObjectKey d : deps.getOrDefault(n.key(), Set.of())) {
        Integer dl = d.equals(n.key()) ? null : level.get(d);
        if (dl != null) {
          l = Math.max(l, dl + 1);
        }
      }
      level.putIfAbsent(n.key(), l);
      while (byLevel.size() <= l) {
        byLevel.add(new ArrayList<>());
      }
      byLevel.get(l).add(n);
    }
    List<Wave> out = new ArrayList<>();
    for (List<Node> nodes : byLevel) {
      List<SqlStatement> inOrder = new ArrayList<>();
      List<List<SqlStatement>> independent = new ArrayList<>();
      for (Node n : nodes) {
        if (alone.contains(n.key())) {
          independent.add(n.statements());
        } else {
          inOrder.addAll(n.statements());
        }
      }
      out.add(new Wave(inOrder, independent));
    }
    return out;
  }

  /** Base DDL of one table on its own (no schema, type or sequence creation, no partition or inheritance links). */
  public SqlStatement createTable(Table t) {
    return createTable(t, false, t.columns().size());
  }

  /**
   * An inheritance child created with {@code INHERITS} of its parents, which must exist: only its local columns are
   * listed, so the inherited ones stay "not local" and take the parents' defaults and NOT NULL, as in the source.
   */
  public SqlStatement createChild(Table t) {
    return createTable(t, true, t.columns().size());
  }

  /** With {@code count} leading columns only (the rest are added later, see {@link InheritanceReplay}). */
  private SqlStatement createTable(Table t, boolean viaInherits, int count) {
    QualifiedName n = map.name(t.name());
    StringBuilder sb = new StringBuilder("CREATE ");
    if (t.unlogged()) {
      sb.append("UNLOGGED ");
    }
    sb.append("TABLE ").append(n.quoted()).append(" (");
    List<String> cols = new ArrayList<>();
    for (Column c : t.columns().subList(0, count)) {
      if (!viaInherits || !c.inherited()) {
        cols.add(columnDefinition(c));
      }
    }
    sb.append(cols.isEmpty() ? "" : "\n    " + String.join(",\n    ", cols) + "\n").append(")");
    if (viaInherits) {
      // Inherited columns come from the parents, as in the source, so they stay "not local" (pg_dump shows this).
      sb.append(" INHERITS (").append(String.join(", ", t.parents().stream().map(p -> map.name(p).quoted()).toList())).append(")");
    }
    if (t.partitioned()) {
      sb.append(" PARTITION BY ").append(map.rewrite(t.partitionKey()));
    }
    return new SqlStatement(sb.toString(), "create table " + n);
  }

  /**
   * An inheritance child (not a partition) whose parents are all in the catalog is created with
   * INHERITS; otherwise it is created alone and linked (or not) afterwards.
   */
  static boolean inherits(Table t, Catalog catalog) {
    return t.partitionBound() == null && !t.parents().isEmpty() && t.parents().stream().allMatch(p -> catalog.table(p).isPresent());
  }

  public String columnDefinition(Column c) {
    StringBuilder sb = new StringBuilder(Sql.ident(c.name())).append(' ').append(map.rewrite(c.type()));
    if (c.collation() != null) {
      sb.append(" COLLATE ").append(map.rewrite(c.collation()));
    }
    if (c.identity() != null) {
      Column.Identity id = c.identity();
      sb.append(" GENERATED ").append(id.always() ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY (SEQUENCE NAME ")
          .append(map.name(id.sequence()).quoted()).append(' ').append(id.options().identityClause()).append(')');
    } else if (c.generated()) {
      sb.append(" GENERATED ALWAYS AS (").append(map.rewrite(c.generatedExpr())).append(") STORED");
    } else if (c.defaultExpr() != null) {
      sb.append(" DEFAULT ").append(map.rewrite(c.defaultExpr()));
    }
    if (c.notNull()) {
      sb.append(" NOT NULL");
    }
    return sb.toString();
  }

  /** Partition attachment or inheritance, once both tables exist. */
  private List<SqlStatement> links(Table t, Catalog catalog, Set<QualifiedName> standalone) {
    List<SqlStatement> out = new ArrayList<>();
    QualifiedName n = map.name(t.name());
    for (QualifiedName parent : t.parents()) {
      if (catalog.table(parent).isEmpty()) {
        continue;
      }
      QualifiedName p = map.name(parent);
      if (t.partitionBound() != null) {
        out.add(new SqlStatement("ALTER TABLE " + p.quoted() + " ATTACH PARTITION " + n.quoted() + " "
            + map.rewrite(t.partitionBound()), "attach partition " + n + " to " + p));
      } else if (!inherits(t, catalog) || standalone.contains(t.name())) {
        out.add(new SqlStatement("ALTER TABLE " + n.quoted() + " INHERIT " + p.quoted(), "table " + n + " inherits " + p));
      }
    }
    return out;
  }

  public List<SqlStatement> seal(Catalog catalog) {
    List<Table> tables = parentsFirst(catalog.tables());
    List<SqlStatement> out = new ArrayList<>(attachedFirst(tables));
    for (Table t : tables) {
      out.addAll(constraints(t, Set.of(Constraint.Kind.PRIMARY_KEY, Constraint.Kind.UNIQUE, Constraint.Kind.EXCLUSION)));
    }
    for (Table t : tables) {
      out.addAll(constraints(t, Set.of(Constraint.Kind.CHECK)));
    }
    for (Table t : tables) {
      out.addAll(indexes(t));
    }
    for (Table t : tables) {
      out.addAll(constraints(t, Set.of(Constraint.Kind.FOREIGN_KEY)));
    }
    out.addAll(sealObjects(catalog));
    return out;
  }

  /**
   * The part of {@link #seal} that comes after every table's constraints, indexes and foreign keys: views
   * in dependency order, the other seal-phase objects, event triggers last.
   */
  public List<SqlStatement> sealObjects(Catalog catalog) {
    List<SqlStatement> out = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    Set<ObjectKey> late = PhaseSplit.sealOnly(catalog);
    for (View v : viewsInDependencyOrder(catalog.views())) {
      if (late.contains(viewKey(v))) {
        nodes.add(new Node(viewKey(v), viewStatements(v)));
      }
    }
    List<Node> eventTriggers = new ArrayList<>();
    for (SchemaObject o : catalog.objects()) {
      if (o.phase() == SchemaObject.Phase.SEAL || late.contains(o.key())) {
        (o.key().type().equals("event trigger") ? eventTriggers : nodes).add(node(o));
      }
    }
    for (Node node : ordered(nodes, catalog, Map.of())) {
      out.addAll(node.statements());
    }
    // Last of all: an event trigger fires on every DDL command after it, including our own.
    for (Node node : ordered(eventTriggers, catalog, Map.of())) {
      out.addAll(node.statements());
    }
    return out;
  }

  /** One object's DDL, ordered as a unit. */
  private record Node(ObjectKey key, List<SqlStatement> statements) {}

  private Node node(SchemaObject o) {
    return new Node(o.key(), o.statements().stream().map(sql -> new SqlStatement(map.rewrite(sql), o.key().toString())).toList());
  }

  /**
   * pg_depend order; among independent objects, kinds in the order pg_dump uses, then names. {@code later} maps a
   * table to the node that adds its tree's columns after creation: what depends on the table waits for that node
   * too (a view's columns, a column's comment), except what the tree's tables need themselves (a function on the
   * parent's row type used in a child's default), which cannot wait and needs only the table.
   */
  private static List<Node> ordered(List<Node> nodes, Catalog catalog, Map<ObjectKey, ObjectKey> later) {
    return DependencyOrder.sort(nodes, Node::key, dependencies(catalog, later), TIEBREAK);
  }

  private static final Comparator<Node> TIEBREAK = Comparator.comparingInt((Node n) -> rank(n.key().type())).thenComparing(Node::key);

  /** pg_depend's edges and the objects' own, with {@code later} folded in (see {@link #ordered}). */
  private static Map<ObjectKey, Set<ObjectKey>> dependencies(Catalog catalog, Map<ObjectKey, ObjectKey> later) {
    java.util.Map<ObjectKey, java.util.Set<ObjectKey>> deps = new java.util.HashMap<>(catalog.dependencies());
    for (SchemaObject o : catalog.objects()) {
      if (!o.dependsOn().isEmpty()) {
        java.util.Set<ObjectKey> all = new java.util.HashSet<>(deps.getOrDefault(o.key(), java.util.Set.of()));
        all.addAll(o.dependsOn());
        deps.put(o.key(), all);
      }
    }
    if (!later.isEmpty()) {
      java.util.Set<ObjectKey> needed = new java.util.HashSet<>();
      java.util.ArrayDeque<ObjectKey> todo = new java.util.ArrayDeque<>(later.keySet());
      while (!todo.isEmpty()) {
        for (ObjectKey d : deps.getOrDefault(todo.poll(), Set.of())) {
          if (needed.add(d)) {
            todo.add(d);
          }
        }
      }
      java.util.Map<ObjectKey, java.util.Set<ObjectKey>> waiting = new java.util.HashMap<>();
      deps.forEach((k, v) -> {
        java.util.Set<ObjectKey> all = new java.util.HashSet<>(v);
        if (!later.containsKey(k) && !needed.contains(k)) {
          v.stream().map(later::get).filter(x -> x != null).forEach(all::add);
        }
        waiting.put(k, all);
      });
      later.forEach((table, columns) -> waiting.computeIfAbsent(columns, x -> new java.util.HashSet<>()).add(table));
      deps = waiting;
    }
    return deps;
  }

  private static final List<String> KIND_ORDER = List.of("extension", "collation", "type", "domain", "function", "procedure",
      "aggregate", "operator", "operator family", "operator class", "cast", "conversion", "text search parser",
      "text search template", "text search dictionary", "text search configuration", "sequence", "table", "view", "materialized view", "trigger", "event trigger", "policy");

  private static int rank(String type) {
    int i = KIND_ORDER.indexOf(type);
    return i < 0 ? KIND_ORDER.size() : i;
  }

  /**
   * The partitions' keys and indexes that are attached to their parents' (see {@link Index#attachedTo()}), partitions
   * before their parents: created before the parents' keys and indexes, each keeps its own name, and the parent's
   * ADD CONSTRAINT or CREATE INDEX, which cascades to the partitions, attaches it instead of creating one more.
   *
   * @param parentsFirst a tree's tables (or all), parents before their partitions
   */
  public List<SqlStatement> attachedFirst(List<Table> parentsFirst) {
    List<SqlStatement> out = new ArrayList<>();
    for (int k = parentsFirst.size() - 1; k >= 0; k--) {
      Table t = parentsFirst.get(k);
      QualifiedName n = map.name(t.name());
      for (Constraint c : t.constraints()) {
        if (c.attachedTo() != null && !c.cascaded()) {
          out.add(new SqlStatement("ALTER TABLE " + n.quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " "
              + map.rewrite(c.definition()), kindName(c.kind()) + " " + c.name() + " on partition " + n));
        }
      }
      for (Index i : t.indexes()) {
        if (i.attachedTo() != null) {
          String def = t.partitioned() ? cascading(i.definition()) : i.definition();
          out.add(new SqlStatement(map.rewrite(def), "index " + i.name() + " on partition " + n));
        }
      }
    }
    return out;
  }

  /** Constraint and index DDL of one table (everything the seal phase does for it, views aside). */
  public List<SqlStatement> tableSeal(Table t) {
    List<SqlStatement> out = new ArrayList<>(attachedFirst(List.of(t)));
    out.addAll(constraints(t, Set.of(Constraint.Kind.PRIMARY_KEY, Constraint.Kind.UNIQUE,
        Constraint.Kind.EXCLUSION, Constraint.Kind.CHECK)));
    out.addAll(indexes(t));
    out.addAll(constraints(t, Set.of(Constraint.Kind.FOREIGN_KEY)));
    return out;
  }

  public List<SqlStatement> constraints(Table t, Set<Constraint.Kind> kinds) {
    QualifiedName n = map.name(t.name());
    List<SqlStatement> out = new ArrayList<>();
    for (Constraint c : t.constraints()) {
      if (kinds.contains(c.kind()) && c.attachedTo() == null) {
        out.add(new SqlStatement("ALTER TABLE " + n.quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " "
            + map.rewrite(c.definition()), kindName(c.kind()) + " " + c.name() + " on " + n));
      }
    }
    return out;
  }

  public List<SqlStatement> indexes(Table t) {
    List<SqlStatement> out = new ArrayList<>();
    for (Index i : t.indexes()) {
      if (i.attachedTo() != null) {
        continue;
      }
      String def = t.partitioned() ? cascading(i.definition()) : i.definition();
      out.add(new SqlStatement(map.rewrite(def), "index " + i.name() + " on " + map.name(t.name())));
    }
    return out;
  }

  /**
   * pg_get_indexdef prints a partitioned table's index as {@code CREATE INDEX … ON ONLY parent}, which
   * would leave the partitions without it; without ONLY, PostgreSQL creates and attaches one per partition.
   */
  public static String cascading(String indexDef) {
    SqlLexer lx = new SqlLexer(indexDef);
    StringBuilder out = new StringBuilder(indexDef.length());
    int significant = 0;
    boolean afterOn = false;
    boolean skipSpace = false;
    SqlLexer.Token tok;
    while ((tok = lx.next()) != null) {
      if (tok.kind() == SqlLexer.Kind.SPACE) {
        if (!skipSpace) {
          out.append(tok.text());
        }
        skipSpace = false;
        continue;
      }
      significant++;
      // CREATE [UNIQUE] INDEX name ON ONLY table: ONLY can only be the 5th or 6th significant token.
      if (afterOn && significant <= 6 && tok.kind() == SqlLexer.Kind.IDENT && tok.text().equalsIgnoreCase("ONLY")) {
        afterOn = false;
        skipSpace = true;
        continue;
      }
      afterOn = significant <= 5 && tok.kind() == SqlLexer.Kind.IDENT && tok.text().equalsIgnoreCase("ON");
      out.append(tok.text());
    }
    return out.toString();
  }

  static ObjectKey viewKey(View v) {
    return ObjectKey.of(v.materialized() ? "materialized view" : "view", v.name());
  }

  /**
   * A view that reads itself cannot be created from its query alone (the relation it names does not exist
   * yet): as pg_dump does, a placeholder with the same columns comes first and the query replaces it.
   */
  private List<SqlStatement> viewStatements(View v) {
    if (v.materialized() || !v.readsItself() || v.stubColumns().isEmpty()) {
      return List.of(createView(v));
    }
    QualifiedName n = map.name(v.name());
    String stub = String.join(", ", v.stubColumns().stream().map(map::rewrite).toList());
    SqlStatement real = createView(v);
    return List.of(new SqlStatement("CREATE VIEW " + n.quoted() + " AS SELECT " + stub, "create placeholder of view " + n),
        new SqlStatement("CREATE OR REPLACE" + real.sql().substring("CREATE".length()), real.purpose()));
  }

  public SqlStatement createView(View v) {
    QualifiedName n = map.name(v.name());
    String with = v.options().isEmpty() ? "" : " WITH (" + String.join(", ", v.options()) + ")";
    if (v.materialized()) {
      return new SqlStatement("CREATE MATERIALIZED VIEW " + n.quoted() + with + " AS\n" + map.rewrite(v.query())
          + (v.populated() ? "\nWITH DATA" : "\nWITH NO DATA"), "create materialized view " + n);
    }
    return new SqlStatement("CREATE VIEW " + n.quoted() + with + " AS\n" + map.rewrite(v.query()), "create view " + n);
  }

  private static String kindName(Constraint.Kind k) {
    return switch (k) {
      case PRIMARY_KEY -> "primary key";
      case UNIQUE -> "unique constraint";
      case CHECK -> "check constraint";
      case FOREIGN_KEY -> "foreign key";
      case EXCLUSION -> "exclusion constraint";
    };
  }

  /**
   * Partitioned/inheritance parents before children, so constraints cascade the way they did in the source;
   * otherwise in the given order.
   */
  public static List<Table> parentsFirst(List<Table> tables) {
    Map<QualifiedName, Table> byName = new HashMap<>();
    tables.forEach(t -> byName.put(t.name(), t));
    LinkedHashSet<Table> ordered = new LinkedHashSet<>();
    for (Table t : tables) {
      addWithParents(t, byName, ordered, new LinkedHashSet<>());
    }
    return List.copyOf(ordered);
  }

  private static void addWithParents(Table t, Map<QualifiedName, Table> byName, Set<Table> ordered, Set<QualifiedName> path) {
    if (ordered.contains(t) || !path.add(t.name())) {
      return;
    }
    for (QualifiedName p : t.parents()) {
      Table parent = byName.get(p);
      if (parent != null) {
        addWithParents(parent, byName, ordered, path);
      }
    }
    ordered.add(t);
  }

  /** Depth-first topological order over {@link View#dependsOn}; ties broken by name for stable output. */
  static List<View> viewsInDependencyOrder(List<View> views) {
    Map<QualifiedName, View> byName = new HashMap<>();
    views.forEach(v -> byName.put(v.name(), v));
    List<View> sorted = new ArrayList<>(views);
    sorted.sort(Comparator.comparing(View::name));
    LinkedHashSet<View> out = new LinkedHashSet<>();
    for (View v : sorted) {
      visit(v, byName, out, new LinkedHashSet<>());
    }
    return List.copyOf(out);
  }

  private static void visit(View v, Map<QualifiedName, View> byName, Set<View> out, Set<QualifiedName> path) {
    if (out.contains(v) || !path.add(v.name())) {
      return;
    }
    for (QualifiedName d : v.dependsOn()) {
      View dep = byName.get(d);
      if (dep != null) {
        visit(dep, byName, out, path);
      }
    }
    out.add(v);
  }
}
