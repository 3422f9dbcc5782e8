package io.pgferry.orchestrator.sync;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ApplyException;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.EnumType;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SchemaObject;
import io.pgferry.extractor.Sequence;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.Table;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the target tables a sync needs and the target lacks, each in its own transaction, together with
 * what the table cannot be created without and the target does not have yet: enum and other types, domains,
 * and sequences its defaults use (found through pg_depend, transitively). Foreign keys are left out because
 * the referenced table may be missing or excluded.
 */
final class MissingTables {
  private final Catalog source;
  private final Set<ObjectKey> present = new HashSet<>();
  private final SyncOptions options;

  MissingTables(Catalog source, Catalog target, SyncOptions o) {
    this.source = source;
    this.options = o;
    target.enums().forEach(e -> present.add(ObjectKey.of("type", e.name())));
    target.sequences().forEach(s -> present.add(ObjectKey.of("sequence", s.name())));
    target.objects().forEach(x -> present.add(x.key()));
  }

  static SchemaMap mapFor(SyncOptions o, Table t) {
    return o.targetSchema() == null ? SchemaMap.identity() : SchemaMap.of(Map.of(t.name().schema(), o.targetSchema()));
  }

  /** Creates the table and its missing prerequisites in one transaction; returns the problem, or null. */
  String create(Connection dst, Table t) {
    // With --target-schema every table's schema moves; the types it uses move along with it.
    SchemaMap map = mapFor(options, t);
    Table withoutForeignKeys = new Table(t.name(), t.columns(),
        t.constraints().stream().filter(c -> c.kind() != Constraint.Kind.FOREIGN_KEY).toList(), t.indexes(), t.unlogged(),
        false, null, null, List.of(), t.estimatedRows(), t.estimatedBytes());
    Set<ObjectKey> needed = prerequisites(ObjectKey.of("table", t.name()), map);
    List<EnumType> enums = source.enums().stream().filter(e -> needed.contains(ObjectKey.of("type", e.name()))).toList();
    List<Sequence> sequences = source.sequences().stream().filter(s -> needed.contains(ObjectKey.of("sequence", s.name()))).toList();
    List<SchemaObject> objects = source.objects().stream()
        .filter(x -> x.phase() == SchemaObject.Phase.BASE && needed.contains(x.key())).toList();
    Set<String> schemas = new TreeSet<>();
    schemas.add(t.name().schema());
    objects.stream().map(x -> x.key().schema()).filter(s -> s != null).forEach(schemas::add);
    Catalog sub = source.with(List.copyOf(schemas), enums, sequences, List.of(withoutForeignKeys), List.of(), objects);
    DdlWriter ddl = new DdlWriter(map);
    List<SqlStatement> statements = new ArrayList<>(ddl.base(sub));
    statements.addAll(ddl.tableSeal(withoutForeignKeys));
    try {
      Applier.builder().build().apply(dst, statements);
      needed.forEach(k -> present.add(mapped(k, map)));
      return null;
    } catch (ApplyException e) {
      return "target table " + map.name(t.name()) + " is missing and could not be created: " + e.getMessage();
    }
  }

  /** What the object needs, transitively, that the target lacks; tables are never pulled in (only types and sequences). */
  private Set<ObjectKey> prerequisites(ObjectKey of, SchemaMap map) {
    Set<ObjectKey> out = new HashSet<>();
    Deque<ObjectKey> todo = new ArrayDeque<>(source.dependencies().getOrDefault(of, Set.of()));
    while (!todo.isEmpty()) {
      ObjectKey k = todo.pop();
      if (k.type().equals("table") || present.contains(mapped(k, map)) || !out.add(k)) {
        continue;
      }
      todo.addAll(source.dependencies().getOrDefault(k, Set.of()));
    }
    return out;
  }

  private static ObjectKey mapped(ObjectKey k, SchemaMap map) {
    if (k.names().size() < 2) {
      return k;
    }
    List<String> names = new ArrayList<>(k.names());
    names.set(0, map.schema(names.get(0)));
    return new ObjectKey(k.type(), names, k.args());
  }
}
