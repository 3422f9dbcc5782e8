package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.TableSelection;
import io.pgferry.orchestrator.anonymize.TransformPlanner;
import io.pgferry.orchestrator.pipeline.Suggest;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.EnumType;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaObject;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.Sequence;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.extractor.View;
import io.pgferry.loader.RowTransformer;
import io.pgferry.loader.TableLoad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Selects the part of the source catalog a clone copies and resolves the user's rules against it. */
public final class ClonePlanner {
  private ClonePlanner() {}

  public static ClonePlan plan(Catalog full, CloneOptions o) {
    return plan(full, o, Set.of());
  }

  /** The plan without the tables {@code leftOut} (a subset's {@code others: none}), as if excluded by name. */
  static ClonePlan plan(Catalog full, CloneOptions o, Set<QualifiedName> leftOut) {
    TableSelection sel = TableSelection.of(o.include(), o.exclude());
    List<String> warnings = new ArrayList<>();
    Set<QualifiedName> parentsSelected = new HashSet<>();
    full.tables().stream().filter(t -> t.partitioned() && sel.selects(t.name())).forEach(t -> parentsSelected.add(t.name()));
    List<Table> picked = full.tables().stream()
        .filter(t -> sel.selects(t.name()) || (t.partitionBound() != null && t.parents().stream().anyMatch(parentsSelected::contains)))
        .filter(t -> !leftOut.contains(t.name()))
        .toList();
    Set<QualifiedName> kept = new HashSet<>();
    picked.forEach(t -> kept.add(t.name()));

    List<Table> tables = new ArrayList<>();
    for (Table t : picked) {
      List<Constraint> cons = new ArrayList<>();
      for (Constraint c : t.constraints()) {
        if (c.kind() == Constraint.Kind.FOREIGN_KEY && !kept.contains(c.references())) {
          warnings.add("foreign key " + c.name() + " on " + t.name() + " left out: it references " + c.references()
              + ", which is not cloned");
        } else {
          cons.add(c);
        }
      }
      tables.add(new Table(t.name(), t.columns(), cons, t.indexes(), t.unlogged(), t.partitioned(), t.partitionKey(),
          t.partitionBound(), t.parents(), t.estimatedRows(), t.estimatedBytes()));
    }
    // Views may read foreign tables, which are objects of their own (never filtered by table patterns).
    Set<QualifiedName> readable = new HashSet<>(kept);
    full.objects().stream().filter(x -> x.key().type().equals("foreign table") && x.key().names().size() == 2)
        .forEach(x -> readable.add(new QualifiedName(x.key().names().get(0), x.key().names().get(1))));
    List<View> views = selectViews(full.views(), sel, readable, warnings);
    List<Sequence> sequences = selectSequences(full, sel, kept, warnings);
    List<EnumType> enums = full.enums().stream().filter(e -> !sel.filters() || usedBy(e, tables)).toList();
    List<SchemaObject> objects = selectObjects(full, kept, views);
    List<String> schemas = full.schemas();
    if (sel.filters()) {
      // Only the schemas something selected lives in; a filtered clone should not litter the target.
      Set<String> used = new java.util.TreeSet<>();
      tables.forEach(t -> used.add(t.name().schema()));
      views.forEach(v -> used.add(v.name().schema()));
      sequences.forEach(q -> used.add(q.name().schema()));
      enums.forEach(e -> used.add(e.name().schema()));
      objects.stream().map(x -> x.key().schema()).filter(java.util.Objects::nonNull).forEach(used::add);
      schemas = full.schemas().stream().filter(used::contains).toList();
    }
    Catalog catalog = full.with(schemas, enums, sequences, tables, views, objects);

    SchemaMap map = SchemaMap.of(o.schemaMap());
    Map<QualifiedName, String> wheres = resolveWheres(o, catalog, full);
    Map<QualifiedName, Map<String, RowTransformer>> transforms = resolveTransforms(o, catalog, full, warnings);
    List<TableLoad> loads = new ArrayList<>();
    for (Table t : tables) {
      if (t.holdsRows()) {
        loads.add(new TableLoad(t, map.name(t.name()), wheres.get(t.name()), transforms.getOrDefault(t.name(), Map.of())));
      }
    }
    List<ClonePlan.SequenceValue> seqValues = new ArrayList<>();
    for (Sequence s : sequences) {
      if (s.lastValue() != null) {
        seqValues.add(new ClonePlan.SequenceValue(map.name(s.name()), s.lastValue()));
      }
    }
    for (Table t : tables) {
      for (Column c : t.columns()) {
        if (c.identity() != null && c.identity().lastValue() != null) {
          seqValues.add(new ClonePlan.SequenceValue(map.name(c.identity().sequence()), c.identity().lastValue()));
        }
      }
    }
    DdlWriter ddl = new DdlWriter(map);
    return new ClonePlan(catalog, ddl.baseWaves(catalog), loads, seqValues, ddl.seal(catalog), warnings);
  }

  /**
   * The sequences of the kept tables (owned by them), those the patterns select, and every sequence a kept
   * table's default draws from (nextval in a default is a dependency of the table), even when the patterns
   * leave it out: without it the table cannot be created. A sequence owned by a table left out loses its
   * OWNED BY, with a warning.
   */
  private static List<Sequence> selectSequences(Catalog full, TableSelection sel, Set<QualifiedName> kept, List<String> warnings) {
    Set<ObjectKey> used = new HashSet<>();
    for (QualifiedName t : kept) {
      for (ObjectKey d : full.dependencies().getOrDefault(ObjectKey.of("table", t), Set.of())) {
        if (d.type().equals("sequence")) {
          used.add(d);
        }
      }
    }
    List<Sequence> out = new ArrayList<>();
    for (Sequence s : full.sequences()) {
      boolean owned = s.ownedByTable() != null && kept.contains(s.ownedByTable());
      boolean needed = used.contains(ObjectKey.of("sequence", s.name()));
      if (owned || needed || s.ownedByTable() == null && sel.selects(s.name())) {
        if (s.ownedByTable() != null && !owned) {
          warnings.add("sequence " + s.name() + " is cloned without its OWNED BY: a cloned table's default uses it, and its"
              + " owner " + s.ownedByTable() + " is not cloned");
          s = new Sequence(s.name(), s.options(), s.lastValue(), null, null);
        }
        out.add(s);
      }
    }
    return out;
  }

  /** Other objects stay unless they hang on a table or view this clone leaves out (its trigger, policy, comment). */
  private static List<SchemaObject> selectObjects(Catalog full, Set<QualifiedName> keptTables, List<View> keptViews) {
    Set<ObjectKey> left = new HashSet<>();
    full.tables().stream().filter(t -> !keptTables.contains(t.name())).forEach(t -> left.add(ObjectKey.of("table", t.name())));
    Set<QualifiedName> viewNames = new HashSet<>();
    keptViews.forEach(v -> viewNames.add(v.name()));
    full.views().stream().filter(v -> !viewNames.contains(v.name()))
        .forEach(v -> left.add(ObjectKey.of(v.materialized() ? "materialized view" : "view", v.name())));
    if (left.isEmpty()) {
      return full.objects();
    }
    return full.objects().stream().filter(o -> o.dependsOn().stream().noneMatch(left::contains)
        && full.dependencies().getOrDefault(o.key(), Set.of()).stream().noneMatch(left::contains)).toList();
  }

  private static List<View> selectViews(List<View> all, TableSelection sel, Set<QualifiedName> keptTables, List<String> warnings) {
    Map<QualifiedName, View> candidates = new LinkedHashMap<>();
    all.stream().filter(v -> sel.selects(v.name())).forEach(v -> candidates.put(v.name(), v));
    // A view is left out when it reads something not cloned: a table left out, a view not selected, or a
    // view left out for that reason (to a fixed point). Reading itself, or views that read it back, is fine.
    Set<QualifiedName> leftOut = new java.util.HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (View v : candidates.values()) {
        if (!leftOut.contains(v.name()) && v.dependsOn().stream()
            .anyMatch(d -> !keptTables.contains(d) && (!candidates.containsKey(d) || leftOut.contains(d)))) {
          leftOut.add(v.name());
          changed = true;
        }
      }
    }
    List<View> out = new ArrayList<>();
    for (View v : candidates.values()) {
      if (!leftOut.contains(v.name())) {
        out.add(v);
      } else {
        warnings.add((v.materialized() ? "materialized view " : "view ") + v.name()
            + " left out: it reads objects that are not cloned");
      }
    }
    return out;
  }

  /**
   * Whether a column's type is the enum or an array of it. Column types come from {@code format_type}, which
   * quotes each part of the name only when it must ({@code public.order_status}, {@code "My Schema".status}),
   * so every quoted/bare spelling of the two parts is accepted.
   */
  private static boolean usedBy(EnumType e, List<Table> tables) {
    String schema = e.name().schema();
    String name = e.name().name();
    Set<String> spellings = new HashSet<>();
    for (String s : List.of(Sql.ident(schema), schema)) {
      for (String n : List.of(Sql.ident(name), name)) {
        spellings.add(s + "." + n);
      }
    }
    return tables.stream().flatMap(t -> t.columns().stream())
        .anyMatch(c -> spellings.stream().anyMatch(q -> c.type().equals(q) || c.type().startsWith(q + "[")));
  }

  /** Kept tables matching a rule's table pattern; an error when none does, saying whether it exists at all. */
  private static List<Table> matchTables(String pattern, String origin, Catalog kept, Catalog full) {
    TableGlob glob = TableGlob.compile(pattern);
    List<Table> hits = kept.tables().stream().filter(t -> glob.matches(t.name().schema(), t.name().name())).toList();
    if (hits.isEmpty()) {
      boolean exists = full.tables().stream().anyMatch(t -> glob.matches(t.name().schema(), t.name().name()));
      throw new PgferryException(PgferryException.Code.SCHEMA, origin + ": " + (exists
          ? "table " + pattern + " is excluded from this clone (check include/exclude)"
          : "unknown table " + pattern + Suggest.closest(pattern, full.tables().stream()
              // A bare name is compared with bare names: "ordrs" is close to "orders", not to "public.orders".
              .map(t -> pattern.contains(".") ? t.name().toString() : t.name().name()).distinct().toList())));
    }
    return hits;
  }

  private static Map<QualifiedName, String> resolveWheres(CloneOptions o, Catalog kept, Catalog full) {
    Map<QualifiedName, String> out = new HashMap<>();
    for (CloneOptions.TableRule r : o.tables()) {
      if (r.where() == null) {
        continue;
      }
      for (Table t : matchTables(r.table(), r.origin(), kept, full)) {
        if (out.putIfAbsent(t.name(), r.where()) != null) {
          throw new PgferryException(PgferryException.Code.CONFIG, r.origin() + ": table " + t.name() + " has two row filters");
        }
      }
    }
    return out;
  }

  private static Map<QualifiedName, Map<String, RowTransformer>> resolveTransforms(CloneOptions o, Catalog kept, Catalog full,
      List<String> notes) {
    // every column rule must name something that exists, even when an earlier rule wins its columns
    for (CloneOptions.ColumnRule r : o.transforms()) {
      if (r.typeName() != null) {
        continue;
      }
      List<Table> tables = matchTables(r.table(), r.origin(), kept, full);
      List<Table> withColumn = tables.stream().filter(t -> t.column(r.column()).isPresent()).toList();
      if (withColumn.isEmpty()) {
        Table first = tables.get(0);
        throw new PgferryException(PgferryException.Code.SCHEMA, r.origin() + ": table " + first.name() + " has no column "
            + r.column() + Suggest.closest(r.column(), first.columns().stream().map(Column::name).toList()));
      }
      for (Table t : withColumn) {
        Column c = t.column(r.column()).orElseThrow();
        if (c.generated()) {
          throw new PgferryException(PgferryException.Code.CONFIG, r.origin() + ": column " + t.name() + "." + c.name()
              + " is generated; its value is computed by the target, so it cannot be transformed");
        }
      }
    }
    return TransformPlanner.resolve(o, kept, notes);
  }
}
