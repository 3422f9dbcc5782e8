package io.pgferry.extractor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * Topological order over pg_depend edges (Kahn's algorithm), ties broken by a kind rank and then by name,
 * so the output is stable from run to run. A cycle (rare: pg_dump breaks them by splitting objects) does
 * not stop the clone: the lowest remaining item is emitted and the rest continues, and the server will
 * say plainly if that order cannot work.
 */
public final class DependencyOrder {
  private DependencyOrder() {}

  public static <T> List<T> sort(List<T> items, Function<T, ObjectKey> key, Map<ObjectKey, Set<ObjectKey>> deps, Comparator<T> tiebreak) {
    Map<ObjectKey, T> byKey = new HashMap<>();
    for (T item : items) {
      byKey.putIfAbsent(key.apply(item), item);
    }
    Map<T, Set<T>> waitsFor = new HashMap<>();
    Map<T, List<T>> unblocks = new HashMap<>();
    for (T item : items) {
      Set<T> before = new HashSet<>();
      for (ObjectKey d : deps.getOrDefault(key.apply(item), Set.of())) {
        T dep = byKey.get(d);
        if (dep != null && dep != item) {
          before.add(dep);
          unblocks.computeIfAbsent(dep, k -> new ArrayList<>()).add(item);
        }
      }
      waitsFor.put(item, before);
    }
    PriorityQueue<T> ready = new PriorityQueue<>(tiebreak);
    Set<T> pending = new HashSet<>(items);
    // Every item in tiebreak order, for cycles: the lowest pending item is found by skipping the emitted
    // ones once each, not by scanning all pending items per cycle (many foreign-key cycles make many).
    PriorityQueue<T> fallback = new PriorityQueue<>(tiebreak);
    fallback.addAll(items);
    items.stream().filter(i -> waitsFor.get(i).isEmpty()).forEach(ready::add);
    List<T> out = new ArrayList<>(items.size());
    while (!pending.isEmpty()) {
      T next = ready.poll();
      if (next == null || !pending.contains(next)) {
        if (next != null) {
          continue;
        }
        while (!pending.contains(fallback.peek())) {
          fallback.poll();
        }
        next = fallback.poll();
      }
      pending.remove(next);
      out.add(next);
      for (T after : unblocks.getOrDefault(next, List.of())) {
        Set<T> w = waitsFor.get(after);
        w.remove(next);
        if (w.isEmpty() && pending.contains(after)) {
          ready.add(after);
        }
      }
    }
    return out;
  }
}
