package io.pgferry.extractor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How inheritance trees are created so every table gets the source's column order.
 *
 * <p>{@code CREATE TABLE c (…) INHERITS (p)} puts the parents' columns first and c's own after them, but a column
 * added to p after c existed ({@code ALTER TABLE p ADD COLUMN z}) sits after c's own in the source. Such a history
 * is replayed: a table is created with the prefix of its columns that creation gives in the right place, and the
 * rest come, in an order that suits every table of the tree, from {@code ALTER TABLE … ADD COLUMN} on the table that
 * declares the column, which PostgreSQL appends to (or merges into) every descendant as it did in the source. So
 * each column stays local or inherited, from as many parents, as in the source.
 *
 * <p>Where no order of additions gives every table its order (a child inherits two columns from two parents in the
 * order opposite to a sibling's), the child is created alone with all its columns in order and joined with
 * {@code ALTER TABLE … INHERIT} once its parents are complete: the order is kept, but its inherited columns become
 * local too (see docs/fidelity.md).
 *
 * <p>Work is linear in the tables and columns of the trees when the first attempt succeeds, which it does unless a
 * table needs the fallback; each further attempt sets at least one more table apart.
 */
final class InheritanceReplay {
  /** Columns added after creation, to one table, in order; PostgreSQL carries them on to its descendants. */
  record Step(QualifiedName table, List<Column> columns) {}

  /**
   * @param created how many of a table's leading columns its CREATE TABLE gives (tables absent: all)
   * @param standalone children created without INHERITS, with every column, linked afterwards
   * @param steps additions after every table of a tree exists, by tree (its first table in creation order)
   * @param tree for every table of a tree with steps, that tree's first table
   */
  record Plan(Map<QualifiedName, Integer> created, Set<QualifiedName> standalone, Map<QualifiedName, List<Step>> steps,
      Map<QualifiedName, QualifiedName> tree) {
    static final Plan NONE = new Plan(Map.of(), Set.of(), Map.of(), Map.of());

    int createdColumns(Table t) {
      return created.getOrDefault(t.name(), t.columns().size());
    }
  }

  private final Map<QualifiedName, Table> byName = new HashMap<>();
  /** Tables of inheritance trees (no partitions), parents before children. */
  private final List<Table> order;
  /** Parents through which a table is created with INHERITS. */
  private final Map<QualifiedName, List<QualifiedName>> inheritsFrom = new HashMap<>();

  private InheritanceReplay(Catalog catalog) {
    List<Table> members = new ArrayList<>();
    Set<QualifiedName> seen = new HashSet<>();
    for (Table t : catalog.tables()) {
      byName.put(t.name(), t);
    }
    for (Table t : catalog.tables()) {
      if (DdlWriter.inherits(t, catalog)) {
        inheritsFrom.put(t.name(), t.parents());
        if (seen.add(t.name())) {
          members.add(t);
        }
        for (QualifiedName p : t.parents()) {
          if (seen.add(p)) {
            members.add(byName.get(p));
          }
        }
      }
    }
    order = DdlWriter.parentsFirst(members);
  }

  static Plan of(Catalog catalog) {
    InheritanceReplay r = new InheritanceReplay(catalog);
    if (r.order.isEmpty()) {
      return Plan.NONE;
    }
    Set<QualifiedName> standalone = new HashSet<>();
    while (true) {
      Attempt a = r.new Attempt(standalone);
      Set<QualifiedName> culprits = a.run();
      if (culprits.isEmpty()) {
        return a.plan();
      }
      standalone.addAll(culprits);
    }
  }

  /** One try at a replay, with some children set apart. */
  private final class Attempt {
    private final Set<QualifiedName> standalone;
    private final Map<QualifiedName, Integer> created = new HashMap<>();
    private final Map<QualifiedName, Integer> present = new HashMap<>();
    private final Map<QualifiedName, Map<String, Integer>> position = new HashMap<>();
    private final Map<QualifiedName, List<QualifiedName>> children = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();

    Attempt(Set<QualifiedName> standalone) {
      this.standalone = standalone;
      for (Table t : order) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < t.columns().size(); i++) {
          pos.put(t.columns().get(i).name(), i);
        }
        position.put(t.name(), pos);
        created.put(t.name(), t.columns().size());
        for (QualifiedName p : parents(t)) {
          children.computeIfAbsent(p, k -> new ArrayList<>()).add(t.name());
        }
      }
    }

    private List<QualifiedName> parents(Table t) {
      return standalone.contains(t.name()) ? List.of() : inheritsFrom.getOrDefault(t.name(), List.of());
    }

    /** Whether the table declares the column itself (a table created alone declares every column). */
    private boolean local(Table t, int i) {
      return parents(t).isEmpty() || !t.columns().get(i).inherited();
    }

    private String name(QualifiedName t, int i) {
      return byName.get(t).columns().get(i).name();
    }

    /** The children that cannot be replayed; empty when every table gets all its columns in order. */
    Set<QualifiedName> run() {
      Set<QualifiedName> culprits = new LinkedHashSet<>();
      // Children first: a parent is created with no more columns than every child has at the same places.
      for (int n = order.size() - 1; n >= 0; n--) {
        Table t = order.get(n);
        int limit = created.get(t.name());
        List<String> merged = new ArrayList<>();
        Set<String> mergedSet = new HashSet<>();
        for (QualifiedName p : parents(t)) {
          int k = 0;
          while (k < created.get(p)) {
            String col = name(p, k);
            if (mergedSet.contains(col)) {
              k++;
            } else if (merged.size() < limit && name(t.name(), merged.size()).equals(col)) {
              merged.add(col);
              mergedSet.add(col);
              k++;
            } else {
              break;
            }
          }
          created.put(p, Math.min(created.get(p), k));
        }
      }
      // Parents first: what creation gives each table, which must be where the source has it.
      for (Table t : order) {
        List<QualifiedName> parents = parents(t);
        if (parents.isEmpty()) {
          continue;
        }
        List<String> merged = new ArrayList<>();
        Set<String> mergedSet = new HashSet<>();
        for (QualifiedName p : parents) {
          for (int k = 0; k < created.get(p); k++) {
            if (mergedSet.add(name(p, k))) {
              merged.add(name(p, k));
            }
          }
        }
        int limit = created.get(t.name());
        boolean prefix = merged.size() <= limit;
        for (int i = 0; prefix && i < merged.size(); i++) {
          prefix = merged.get(i).equals(name(t.name(), i));
        }
        if (!prefix) {
          culprits.add(t.name());
          continue;
        }
        int j = merged.size();
        while (j < limit && local(t, j)) {
          j++;
        }
        created.put(t.name(), j);
      }
      if (!culprits.isEmpty()) {
        return culprits;
      }
      present.putAll(created);
      additions();
      boolean incomplete = false;
      for (Table t : order) {
        if (present.get(t.name()) < t.columns().size()) {
          incomplete = true;
          if (!parents(t).isEmpty()) {
            culprits.add(t.name());
          }
        }
      }
      if (incomplete && culprits.isEmpty()) {
        // Only a child lacking a parent's column could stop a parent alone; should a catalog show one, no child replays.
        order.stream().filter(t -> !parents(t).isEmpty()).forEach(t -> culprits.add(t.name()));
      }
      return culprits;
    }

    /**
     * Adds each table's next own column as soon as every descendant that lacks it has it next (inherited); a table
     * waiting on a descendant is tried again when that descendant gets a column.
     */
    private void additions() {
      Deque<QualifiedName> work = new ArrayDeque<>();
      Set<QualifiedName> queued = new HashSet<>();
      Map<QualifiedName, List<QualifiedName>> waiters = new HashMap<>();
      for (Table t : order) {
        work.add(t.name());
        queued.add(t.name());
      }
      while (!work.isEmpty()) {
        QualifiedName x = work.poll();
        queued.remove(x);
        Table t = byName.get(x);
        while (present.get(x) < t.columns().size() && local(t, present.get(x))) {
          String col = name(x, present.get(x));
          List<QualifiedName> appended = new ArrayList<>();
          QualifiedName blocker = reach(x, col, appended);
          if (blocker != null) {
            waiters.computeIfAbsent(blocker, k -> new ArrayList<>()).add(x);
            break;
          }
          Column c = t.columns().get(present.get(x));
          if (!steps.isEmpty() && steps.getLast().table().equals(x)) {
            List<Column> cols = new ArrayList<>(steps.getLast().columns());
            cols.add(c);
            steps.set(steps.size() - 1, new Step(x, cols));
          } else {
            steps.add(new Step(x, List.of(c)));
          }
          present.merge(x, 1, Integer::sum);
          appended.add(x);
          for (QualifiedName a : appended) {
            if (a != x) {
              present.merge(a, 1, Integer::sum);
              if (queued.add(a)) {
                work.add(a);
              }
            }
            for (QualifiedName w : waiters.getOrDefault(a, List.of())) {
              if (queued.add(w)) {
                work.add(w);
              }
            }
            waiters.remove(a);
          }
        }
      }
    }

    /**
     * The descendants that {@code ALTER TABLE x ADD COLUMN col} appends the column to (into {@code appended}), or
     * the first descendant whose next column is not that one.
     */
    private QualifiedName reach(QualifiedName x, String col, List<QualifiedName> appended) {
      Set<QualifiedName> gets = new HashSet<>();
      Deque<QualifiedName> todo = new ArrayDeque<>(children.getOrDefault(x, List.of()));
      while (!todo.isEmpty()) {
        QualifiedName c = todo.poll();
        Integer i = position.get(c).get(col);
        if (gets.contains(c) || i != null && i < present.get(c)) {
          continue; // merged into the child's column: PostgreSQL goes no further down this way
        }
        if (i == null || i != present.get(c) || local(byName.get(c), i)) {
          return c;
        }
        gets.add(c);
        appended.add(c);
        todo.addAll(children.getOrDefault(c, List.of()));
      }
      return null;
    }

    Plan plan() {
      Map<QualifiedName, Integer> partial = new HashMap<>();
      for (Table t : order) {
        if (created.get(t.name()) < t.columns().size()) {
          partial.put(t.name(), created.get(t.name()));
        }
      }
      if (steps.isEmpty()) {
        return new Plan(partial, Set.copyOf(standalone), Map.of(), Map.of());
      }
      // Trees (tables joined by INHERITS at creation): the first table of each names it.
      Map<QualifiedName, QualifiedName> root = new HashMap<>();
      for (Table t : order) {
        QualifiedName r = t.name();
        for (QualifiedName p : parents(t)) {
          r = find(root, p);
          break;
        }
        root.put(t.name(), r);
        for (QualifiedName p : parents(t)) {
          QualifiedName other = find(root, p);
          if (!other.equals(r)) {
            root.put(other, r);
          }
        }
      }
      Map<QualifiedName, QualifiedName> first = new HashMap<>();
      for (Table t : order) {
        first.putIfAbsent(find(root, t.name()), t.name());
      }
      Map<QualifiedName, List<Step>> byTree = new HashMap<>();
      for (Step s : steps) {
        byTree.computeIfAbsent(first.get(find(root, s.table())), k -> new ArrayList<>()).add(s);
      }
      Map<QualifiedName, QualifiedName> tree = new HashMap<>();
      for (Table t : order) {
        QualifiedName f = first.get(find(root, t.name()));
        if (byTree.containsKey(f)) {
          tree.put(t.name(), f);
        }
      }
      byTree.replaceAll((k, v) -> List.copyOf(v));
      return new Plan(partial, Set.copyOf(standalone), Collections.unmodifiableMap(byTree), Collections.unmodifiableMap(tree));
    }
  }

  private static QualifiedName find(Map<QualifiedName, QualifiedName> root, QualifiedName n) {
    QualifiedName r = n;
    while (!root.get(r).equals(r)) {
      r = root.get(r);
    }
    QualifiedName c = n;
    while (!c.equals(r)) {
      QualifiedName next = root.get(c);
      root.put(c, r);
      c = next;
    }
    return r;
  }
}
