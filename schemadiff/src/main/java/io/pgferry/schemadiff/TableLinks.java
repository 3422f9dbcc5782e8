package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Partition bounds and inheritance parents: which tables are attached, detached or stay as they are. */
final class TableLinks {
  private final PlanBuilder plan;
  private final Catalog src;
  private final Catalog dst;
  /** Target tables recreated in another shape. */
  private final Set<QualifiedName> recreated = new HashSet<>();
  /** Target partitions and children that leave their parents (a recreated one, or as the source has it). */
  final Set<QualifiedName> detached = new HashSet<>();
  /** Partitions the plan attaches: ATTACH PARTITION attaches their matching keys and indexes itself. */
  final Set<QualifiedName> joining = new HashSet<>();
  private Map<QualifiedName, List<Table>> children;
  /** New children created with INHERITS: linked by their creation. */
  private final Set<QualifiedName> inheriting = new HashSet<>();

  TableLinks(PlanBuilder plan, Catalog src, Catalog dst) {
    this.plan = plan;
    this.src = src;
    this.dst = dst;
  }

  private Map<QualifiedName, List<Table>> children() {
    if (children == null) {
      children = new HashMap<>();
      for (Table t : dst.tables()) {
        t.parents().forEach(p -> children.computeIfAbsent(p, x -> new ArrayList<>()).add(t));
      }
    }
    return children;
  }

  /**
   * Partition bounds and inheritance parents as in the source: detached or no longer inherited first, then
   * attached once the parents' new columns exist. A table being attached must have its parent's CHECK
   * constraints (PostgreSQL refuses otherwise), so those the parent keeps are copied to it first; attaching makes
   * a partition's copies inherited, as in the source.
   *
   * @param t the target's table, or null when the plan creates it
   */
  void link(Table s, Table t) {
    List<QualifiedName> before = t == null ? List.of() : t.parents();
    for (QualifiedName parent : before) {
      if (!stays(s, t, parent) && !recreated.contains(parent)) {
        detached.add(t.name());
        plan.add(Stage.DETACH, t.partitionBound() != null ? "ALTER TABLE " + parent.quoted() + " DETACH PARTITION " + t.name().quoted()
            : "ALTER TABLE " + t.name().quoted() + " NO INHERIT " + parent.quoted(), "table " + t.name() + " is not "
            + (t.partitionBound() != null ? "this partition of " : "a child of ") + parent + " in the source",
            Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, t.name() + ":detach", "locks the parent and the table"));
      }
    }
    for (QualifiedName parent : s.parents()) {
      if (stays(s, t, parent) || t == null && inheriting.contains(s.name())) {
        continue;
      }
      Table kept = recreated.contains(parent) ? null : dst.table(parent).orElse(null);  // a recreated one gets its checks after
      Table wanted = src.table(parent).orElse(null);
      if (kept != null && wanted != null) {
        for (Constraint c : kept.constraints()) {
          Constraint sc = TableDiff.find(wanted.constraints(), c.name());
          boolean has = t != null && TableDiff.find(t.constraints(), c.name()) != null;
          if (c.kind() == Constraint.Kind.CHECK && sc != null && TableDiff.same(sc, c) && !has) {
            plan.add(Stage.ATTACH, "ALTER TABLE " + s.name().quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition(),
                "table " + s.name() + " needs the check " + c.name() + " of " + parent + " to join it");
          }
        }
      }
      if (s.partitionBound() != null) {
        joining.add(s.name());
        plan.add(Stage.ATTACH, TableDiff.key(s.name()), "ALTER TABLE " + parent.quoted() + " ATTACH PARTITION " + s.name().quoted() + " " + s.partitionBound(),
            "table " + s.name() + " is a partition of " + parent + " in the source", t == null ? new Hazard[0]
                : new Hazard[] {Hazard.of(Hazard.Kind.MAY_FAIL, s.name() + ":attach", "rows outside the bound make it fail; scans the table")});
      } else {
        plan.add(Stage.ATTACH, TableDiff.key(s.name()), "ALTER TABLE " + s.name().quoted() + " INHERIT " + parent.quoted(),
            "table " + s.name() + " inherits " + parent + " in the source");
      }
    }
  }

  /**
   * The stage in which a new inheritance child is created with INHERITS, or null when it is created alone and linked
   * by {@link #link}. INHERITS keeps its inherited columns "not local" and gives them the parents' defaults, as in the
   * source; it is used when it yields the source's column order. In the tables stage when every parent is new or keeps
   * its columns as they are; otherwise after the parents' column changes (stage ATTACH), which would reach the child
   * only later. {@link #inheritedFixes} then says which defaults and NOT NULLs differ from what the child gets.
   */
  Stage inheritsStage(Table s) {
    if (s.partitionBound() != null || s.parents().isEmpty()) {
      return null;
    }
    List<String> order = new ArrayList<>();
    Stage stage = Stage.TABLES;
    for (QualifiedName p : s.parents()) {
      Table sp = src.table(p).orElse(null);
      Table tp = recreated.contains(p) ? null : dst.table(p).orElse(null);
      if (sp == null) {
        return null;
      }
      if (tp != null && !shape(tp).equals(shape(sp))) {
        stage = Stage.ATTACH;
      }
      sp.columns().stream().map(Column::name).filter(n -> !order.contains(n)).forEach(order::add);
    }
    boolean identityInherited = s.columns().stream().anyMatch(c -> c.identity() != null && order.contains(c.name()));
    s.columns().stream().map(Column::name).filter(n -> !order.contains(n)).forEach(order::add);
    if (identityInherited || !order.equals(s.columns().stream().map(Column::name).toList())) {
      return null;
    }
    inheriting.add(s.name());
    return stage;
  }

  /**
   * {@code ALTER TABLE ONLY} statements that give a child created with INHERITS in {@code stage} its own defaults and
   * NOT NULLs where they differ from its parents'.
   */
  List<String> inheritedFixes(Table s, Stage stage) {
    List<String> out = new ArrayList<>();
    for (Column c : s.columns()) {
      Column from = null;
      Column wanted = null;
      for (QualifiedName p : s.parents()) {
        Table tp = recreated.contains(p) || stage != Stage.TABLES ? null : dst.table(p).orElse(null);
        Table sp = src.table(p).orElse(null);
        // the default a child takes is its parent's at creation: the target's for a kept parent not changed yet
        Column pc = (tp != null ? tp : sp).column(c.name()).orElse(null);
        if (pc != null && from == null) {
          from = pc;
          wanted = sp.column(c.name()).orElse(pc);
        }
      }
      if (from == null) {
        continue;
      }
      String col = "ALTER TABLE ONLY " + s.name().quoted() + " ALTER COLUMN " + Sql.ident(c.name()) + " ";
      String got = c.inherited() || c.defaultExpr() == null ? from.defaultExpr() : c.defaultExpr();
      if (!Objects.equals(got, c.defaultExpr()) && !c.generated()) {
        out.add(col + (c.defaultExpr() == null ? "DROP DEFAULT" : "SET DEFAULT " + c.defaultExpr()));
      }
      if (c.inherited() && c.notNull() && !wanted.notNull()) {
        out.add(col + "SET NOT NULL");
      }
    }
    return out;
  }

  boolean recreated(QualifiedName parent) {
    return recreated.contains(parent);
  }

  private static List<String> shape(Table t) {
    return t.columns().stream().map(c -> c.name() + " " + c.type() + " " + c.collation()).toList();
  }

  /** The table stays a partition or child of {@code parent}, as it is. */
  private boolean stays(Table s, Table t, QualifiedName parent) {
    return t != null && t.parents().contains(parent) && s.parents().contains(parent) && Objects.equals(s.partitionBound(), t.partitionBound())
        && !recreated.contains(parent);
  }

  /**
   * A parent that is recreated lets its partitions and children go first: they keep their rows and join the new
   * parent if the source has them there ({@link #link}); dropping a partitioned table would drop them with it.
   */
  void recreate(Table parent) {
    recreated.add(parent.name());
    for (Table c : children().getOrDefault(parent.name(), List.of())) {
      detached.add(c.name());
      plan.add(Stage.DETACH, c.partitionBound() != null ? "ALTER TABLE " + parent.name().quoted() + " DETACH PARTITION " + c.name().quoted()
          : "ALTER TABLE " + c.name().quoted() + " NO INHERIT " + parent.name().quoted(), "table " + c.name() + " leaves "
          + parent.name() + ", which is recreated", Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, c.name() + ":detach", "locks the parent and the table"));
    }
  }
}
