package io.pgferry.orchestrator.subset;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.RowAddresses;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes a {@link SubsetPlan} inside the clone's snapshot: only reads, so the source may be a hot standby. */
public final class Subset {
  private Subset() {}

  /**
   * @param snapshot a connection in the snapshot the load will read (row addresses are only valid in it)
   */
  public static SubsetPlan plan(Connection snapshot, SubsetSpec spec) {
    return plan(snapshot, spec, null, null);
  }

  /**
   * @param selected the tables the clone copies, or null for every table of the source: foreign keys to or from
   *     the others are not followed
   * @param spill opens a new session on the target, where the kept rows go when they outgrow
   *     {@link SubsetSpec#memory}; null: such a subset fails
   */
  public static SubsetPlan plan(Connection snapshot, SubsetSpec spec, Set<QualifiedName> selected, Spill spill) {
    Closure.Result r;
    try {
      r = Closure.compute(snapshot, spec, selected, spill == null ? null : spill::open);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "the subset could not be computed: "
          + io.pgferry.extractor.ServerError.describe(e), e);
    }
    try {
      return plan(r, spec, selected);
    } catch (SQLException e) {
      r.keys().close();
      throw new PgferryException(PgferryException.Code.CONNECTION, "the subset's rows could not be read from the target: "
          + io.pgferry.extractor.ServerError.describe(e), e);
    } catch (RuntimeException e) {
      r.keys().close();
      throw e;
    }
  }

  /** Opens a new session on the target for a subset's kept rows. */
  @FunctionalInterface
  public interface Spill {
    Connection open() throws SQLException;
  }

  private static SubsetPlan plan(Closure.Result r, SubsetSpec spec, Set<QualifiedName> selected) throws SQLException {
    Map<Long, SubsetPlan.Fate> fate = fates(r, spec);
    List<SubsetPlan.TableSubset> tables = new ArrayList<>();
    Map<QualifiedName, RowAddresses> rows = new HashMap<>();
    for (Relations.Rel rel : r.relations().all()) {
      if (rel.partitioned() || (selected != null && !selected.contains(rel.name()))) {
        continue; // its rows are its partitions', or the clone does not copy it
      }
      long kept = r.counts().getOrDefault(rel.oid(), 0L);
      SubsetPlan.Fate f = fate.get(rel.oid());
      Set<SubsetPlan.Reach> reach = EnumSet.noneOf(SubsetPlan.Reach.class);
      r.reach().getOrDefault(rel.oid(), EnumSet.noneOf(Closure.Reach.class)).forEach(x -> reach.add(SubsetPlan.Reach.valueOf(x.name())));
      long n = f == SubsetPlan.Fate.SUBSET ? kept : f == SubsetPlan.Fate.ALL ? rel.estimatedRows() : 0;
      tables.add(new SubsetPlan.TableSubset(rel.name(), reach, f, rel.estimatedRows(), n));
      if (f == SubsetPlan.Fate.SUBSET) {
        rows.put(rel.name(), kept == 0 ? RowAddresses.of(new long[0]) : r.keys().rows(rel.oid()));
      }
    }
    tables.sort(Comparator.comparing(SubsetPlan.TableSubset::table));
    return new SubsetPlan(tables, r.followed(), rows, r.keys() instanceof SpilledKeys, r.keys());
  }

  /**
   * What each table gets. Reached tables (and start tables, even with no matching row) get their subset; the
   * others get what {@code others} says, except that with {@code all} a table that references a filtered or empty
   * table (directly or through its partitioned parent) gets no rows, or its foreign keys would fail in the seal.
   */
  private static Map<Long, SubsetPlan.Fate> fates(Closure.Result r, SubsetSpec spec) {
    Map<Long, SubsetPlan.Fate> fate = new HashMap<>();
    Set<Long> starts = new java.util.HashSet<>();
    for (QualifiedName s : spec.start().keySet()) {
      Relations.Rel rel = r.relations().named(s);
      for (Relations.Rel leaf : r.relations().all()) {
        if (rel != null && r.relations().within(leaf, rel)) {
          starts.add(leaf.oid());
        }
      }
    }
    for (Relations.Rel rel : r.relations().all()) {
      boolean reached = starts.contains(rel.oid()) || r.counts().containsKey(rel.oid());
      fate.put(rel.oid(), reached ? SubsetPlan.Fate.SUBSET : switch (spec.others()) {
        case ALL -> SubsetPlan.Fate.ALL;
        case SCHEMA_ONLY -> SubsetPlan.Fate.EMPTY;
        // a partition cannot be left out of its table: it is created, empty
        case NONE -> rel.ancestors().isEmpty() ? SubsetPlan.Fate.EXCLUDED : SubsetPlan.Fate.EMPTY;
      });
    }
    // An "all" table must not reference rows the subset left out: then it gets none, and so on down its children.
    // A worklist over indexes keeps this linear in tables and foreign keys.
    Map<Long, List<Closure.Edge>> byChild = new HashMap<>();
    Map<Long, List<Closure.Edge>> byParent = new HashMap<>();
    for (Closure.Edge e : r.edges()) {
      byChild.computeIfAbsent(e.child().oid(), k -> new ArrayList<>()).add(e);
      byParent.computeIfAbsent(e.parent().oid(), k -> new ArrayList<>()).add(e);
    }
    Set<Long> notAll = new java.util.HashSet<>(); // relations (leaves and partitioned tables) missing some rows
    java.util.ArrayDeque<Relations.Rel> check = new java.util.ArrayDeque<>();
    for (Relations.Rel rel : r.relations().all()) {
      if (!rel.partitioned() && fate.get(rel.oid()) != SubsetPlan.Fate.ALL) {
        notAll.addAll(r.relations().selfAndAncestors(rel));
      } else if (!rel.partitioned()) {
        check.add(rel);
      }
    }
    while (!check.isEmpty()) {
      Relations.Rel leaf = check.poll();
      if (fate.get(leaf.oid()) != SubsetPlan.Fate.ALL) {
        continue;
      }
      boolean references = r.relations().selfAndAncestors(leaf).stream().flatMap(o -> byChild.getOrDefault(o, List.of()).stream())
          .anyMatch(e -> notAll.contains(e.parent().oid()));
      if (references) {
        fate.put(leaf.oid(), SubsetPlan.Fate.EMPTY);
        notAll.addAll(r.relations().selfAndAncestors(leaf));
        for (long o : r.relations().selfAndAncestors(leaf)) {
          for (Closure.Edge e : byParent.getOrDefault(o, List.of())) {
            check.addAll(r.relations().leaves(e.child()));
          }
        }
      }
    }
    return fate;
  }

}
