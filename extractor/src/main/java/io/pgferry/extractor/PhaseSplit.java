package io.pgferry.extractor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which views and base-phase objects must wait for the seal. Plain views are created with the tables, as
 * pg_dump does, because functions, domains and other views may use their row types; only what needs the
 * seal waits: materialized views (they hold data), views whose query relies on a primary key or unique
 * constraint, seal-phase objects, and, transitively, every view or base object that depends on one of them.
 */
final class PhaseSplit {
  private PhaseSplit() {}

  static Set<ObjectKey> sealOnly(Catalog catalog) {
    Set<ObjectKey> movable = new HashSet<>();
    Deque<ObjectKey> todo = new ArrayDeque<>();
    Set<ObjectKey> late = new HashSet<>();
    Map<ObjectKey, Set<ObjectKey>> deps = new HashMap<>(catalog.dependencies());
    for (View v : catalog.views()) {
      ObjectKey k = DdlWriter.viewKey(v);
      if (v.materialized() || v.afterKeys()) {
        late.add(k);
        todo.add(k);
      } else {
        movable.add(k);
      }
      Set<ObjectKey> all = new HashSet<>(deps.getOrDefault(k, Set.of()));
      for (QualifiedName d : v.dependsOn()) {
        all.add(ObjectKey.of("view", d));
        all.add(ObjectKey.of("materialized view", d));
      }
      deps.put(k, all);
    }
    for (SchemaObject o : catalog.objects()) {
      if (o.phase() == SchemaObject.Phase.SEAL) {
        late.add(o.key());
        todo.add(o.key());
      } else {
        movable.add(o.key());
      }
      if (!o.dependsOn().isEmpty()) {
        Set<ObjectKey> all = new HashSet<>(deps.getOrDefault(o.key(), Set.of()));
        all.addAll(o.dependsOn());
        deps.put(o.key(), all);
      }
    }
    Map<ObjectKey, List<ObjectKey>> dependents = new HashMap<>();
    for (ObjectKey k : movable) {
      for (ObjectKey d : deps.getOrDefault(k, Set.of())) {
        dependents.computeIfAbsent(d, x -> new java.util.ArrayList<>()).add(k);
      }
    }
    while (!todo.isEmpty()) {
      for (ObjectKey k : dependents.getOrDefault(todo.poll(), List.of())) {
        if (late.add(k)) {
          todo.add(k);
        }
      }
    }
    return late;
  }
}
