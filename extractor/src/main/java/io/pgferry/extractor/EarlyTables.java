package io.pgferry.extractor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which tables the first of two base transactions can create whole ({@link DdlWriter#base(Catalog, Set)}). */
final class EarlyTables {
  private static final Set<String> OWN_SETTINGS = Set.of("table options", "column settings");

  private EarlyTables() {}

  /**
   * The keys of the tables of {@code wanted} that the first part can hold, with the objects that belong to
   * them alone (options, column settings); see {@link DdlWriter#base(Catalog, Set)}.
   */
  static Set<ObjectKey> of(Catalog catalog, List<ObjectKey> order, int prefix, Map<ObjectKey, Set<ObjectKey>> deps,
      Set<QualifiedName> wanted) {
    Set<ObjectKey> out = new LinkedHashSet<>();
    if (wanted.isEmpty()) {
      return out;
    }
    Set<ObjectKey> made = new HashSet<>(); // what this base DDL creates
    Set<ObjectKey> before = new HashSet<>();
    for (int i = 0; i < order.size(); i++) {
      made.add(order.get(i));
      if (i < prefix) {
        before.add(order.get(i));
      }
    }
    Set<QualifiedName> parents = new HashSet<>();
    catalog.tables().forEach(t -> parents.addAll(t.parents()));
    for (Table t : catalog.tables()) {
      ObjectKey key = ObjectKey.of("table", t.name());
      if (!wanted.contains(t.name()) || t.partitioned() || t.partitionBound() != null || !t.parents().isEmpty()
          || parents.contains(t.name())) {
        continue;
      }
      // its sequences (a serial's is ordered after the first table, as pg_depend makes it depend on its table)
      List<ObjectKey> own = new ArrayList<>();
      for (ObjectKey k : deps.getOrDefault(key, Set.of())) {
        if (k.type().equals("sequence") && made.contains(k) && !before.contains(k) && readyAfter(deps.get(k), before, made, Set.of(key))) {
          own.add(k);
        }
      }
      Set<ObjectKey> ready = new HashSet<>(own);
      ready.add(key);
      if (!readyAfter(deps.get(key), before, made, ready)) {
        continue;
      }
      boolean alone = true;
      for (int i = prefix; i < order.size() && alone; i++) {
        ObjectKey k = order.get(i);
        // Its options and column settings come with it: in the second part they would lock it until its
        // load committed. Other dependents stay there (mostly tables whose foreign keys point at it, which
        // take no lock before the seal; a table of its row type would wait for its copy, never deadlock:
        // a copy holds its lock only while it runs, and never waits for the second part).
        if (OWN_SETTINGS.contains(k.type()) && deps.getOrDefault(k, Set.of()).contains(key)) {
          own.add(k);
          alone = readyAfter(deps.get(k), before, made, ready);
        }
      }
      for (Sequence q : catalog.sequences()) {
        ObjectKey seq = ObjectKey.of("sequence", q.name());
        alone &= !t.name().equals(q.ownedByTable()) || before.contains(seq) || ready.contains(seq);
      }
      if (alone) {
        out.add(key);
        out.addAll(own);
      }
    }
    return out;
  }

  /** Whether everything in {@code needs} that this DDL creates is in {@code before} or {@code also}. */
  private static boolean readyAfter(Set<ObjectKey> needs, Set<ObjectKey> before, Set<ObjectKey> made, Set<ObjectKey> also) {
    return needs == null || needs.stream().allMatch(k -> !made.contains(k) || before.contains(k) || also.contains(k));
  }

}
