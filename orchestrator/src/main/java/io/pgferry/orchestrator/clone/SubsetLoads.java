package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.TableLoad;
import io.pgferry.orchestrator.subset.Subset;
import io.pgferry.orchestrator.subset.SubsetPlan;
import io.pgferry.orchestrator.subset.SubsetSpec;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a clone's plan into a subset's: the table rules' {@code where}s join the subset's start tables (a kept
 * parent must not be filtered out again by its table's condition), the closure is computed in the clone's
 * snapshot, and each load copies the rows it keeps, every row, or none; tables the subset leaves out are planned
 * as if excluded.
 */
final class SubsetLoads {
  private SubsetLoads() {}

  static ClonePlan apply(Connection snapshot, Catalog catalog, CloneOptions o, ClonePlan plan) {
    Map<QualifiedName, SubsetSpec.Start> start = new HashMap<>(o.subset().start());
    for (TableLoad l : plan.loads()) {
      if (l.where() != null) {
        SubsetSpec.Start given = start.get(l.table().name());
        if (given != null && given.where() != null && !given.where().equals(l.where())) {
          throw new PgferryException(PgferryException.Code.CONFIG, "table " + l.table().name() + " has a 'where' both in"
              + " its table rule and as a subset start; give it in one place");
        }
        start.put(l.table().name(), given == null ? SubsetSpec.Start.where(l.where())
            : new SubsetSpec.Start(l.where(), given.limit(), given.percent(), given.seed()));
      }
    }
    SubsetSpec spec = new SubsetSpec(start, o.subset().children(), o.subset().others(), o.subset().virtualForeignKeys(),
        o.subset().skip(), o.subset().memory());
    Set<QualifiedName> selected = new HashSet<>();
    plan.catalog().tables().forEach(t -> selected.add(t.name()));
    SubsetPlan subset = Subset.plan(snapshot, spec, selected, () -> o.target().open("pgferry subset"));
    try {
      return apply(catalog, o, plan, subset);
    } catch (RuntimeException e) {
      subset.close();
      throw e;
    }
  }

  private static ClonePlan apply(Catalog catalog, CloneOptions o, ClonePlan plan, SubsetPlan subset) {
    Set<QualifiedName> leftOut = new HashSet<>();
    subset.tables().stream().filter(t -> t.fate() == SubsetPlan.Fate.EXCLUDED).forEach(t -> leftOut.add(t.table()));
    ClonePlan base = leftOut.isEmpty() ? plan : ClonePlanner.plan(catalog, o, leftOut).withWarnings(plan.warnings());
    List<TableLoad> loads = new ArrayList<>();
    for (TableLoad l : base.loads()) {
      SubsetPlan.TableSubset t = subset.table(l.table().name());
      SubsetPlan.Fate fate = t == null ? SubsetPlan.Fate.ALL : t.fate();
      TableLoad unfiltered = new TableLoad(l.table(), l.target(), null, l.transformers());
      switch (fate) {
        case SUBSET -> loads.add(unfiltered.withRows(subset.rows().get(l.table().name())));
        case ALL -> loads.add(unfiltered);
        case EMPTY, EXCLUDED -> { }
      }
    }
    return base.withSubset(loads, subset);
  }
}
