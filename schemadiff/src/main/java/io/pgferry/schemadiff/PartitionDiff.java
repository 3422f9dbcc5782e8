package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.Index;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Partitions' keys and indexes that are attached to their parents' ({@link Index#attachedTo()}). PostgreSQL keeps
 * them alive with the parent's: one cannot be dropped alone, and a parent's new key or index cascades to every
 * partition, attaching a matching one it finds there. So a partition's own one is created before the parent's
 * (its stage comes first), partitions before their own partitions' parents; one whose parent stays is attached by
 * name; one whose parent goes is left to that drop; and one that only changes its name is renamed.
 */
final class PartitionDiff {
  /** One attached key or index: {@code sql} creates it on its own (not yet attached). */
  private record Item(QualifiedName table, String name, QualifiedName attachedTo, String definition, boolean constraint, String sql) {
    QualifiedName index() {
      return new QualifiedName(table.schema(), name);
    }
  }

  private final PlanBuilder plan;
  private final Catalog src;
  private final Catalog dst;

  PartitionDiff(PlanBuilder plan, Catalog src, Catalog dst) {
    this.plan = plan;
    this.src = src;
    this.dst = dst;
  }

  /**
   * @param droppedIndexes the target's indexes (keys by their constraint's name) that the plan drops, of tables it keeps
   * @param droppedTables target tables the plan drops or sets aside
   * @param joining partitions the plan attaches (new ones among them): ATTACH PARTITION attaches what it finds matching
   * @param detached partitions detached from a recreated parent: their parts are plain indexes and keys then, which
   *     the new parent's cascade attaches if they match, and which are otherwise dropped
   */
  void run(Set<QualifiedName> droppedIndexes, Set<QualifiedName> droppedTables, Set<QualifiedName> joining,
      Set<QualifiedName> detached) {
    Map<QualifiedName, List<Item>> target = items(dst);
    Map<QualifiedName, List<Item>> source = items(src);
    Set<QualifiedName> satisfied = new HashSet<>();
    List<String> first = new ArrayList<>();
    for (Map.Entry<QualifiedName, List<Item>> e : target.entrySet()) {
      QualifiedName table = e.getKey();
      if (droppedTables.contains(table) || joining.contains(table) && !detached.contains(table)) {
        continue;
      }
      List<Item> wanted = source.getOrDefault(table, List.of());
      for (Item t : e.getValue()) {
        Item same = wanted.stream().filter(s -> s.name().equals(t.name())).findFirst().orElse(null);
        if (detached.contains(table)) {
          if (same != null && same.definition().equals(t.definition()) && same.constraint() == t.constraint()) {
            satisfied.add(same.index());
          } else {
            first.add(t.constraint() ? "ALTER TABLE " + table.quoted() + " DROP CONSTRAINT " + Sql.ident(t.name()) : "DROP INDEX " + t.index().quoted());
            first.add(t.name() + " of " + table + ", detached from its recreated parent, is not in the source");
          }
          continue;
        }
        if (droppedIndexes.contains(t.attachedTo())) {
          continue; // dropped with its parent's, created again below if the source has it
        }
        if (same != null && same.attachedTo().equals(t.attachedTo()) && same.definition().equals(t.definition())
            && same.constraint() == t.constraint()) {
          satisfied.add(same.index());
          continue;
        }
        Item renamed = wanted.stream().filter(s -> !satisfied.contains(s.index()) && s.attachedTo().equals(t.attachedTo())
            && s.constraint() == t.constraint() && e.getValue().stream().noneMatch(x -> x.name().equals(s.name()))).findFirst().orElse(null);
        if (renamed != null) {
          satisfied.add(renamed.index());
          first.add((t.constraint() ? "ALTER TABLE " + table.quoted() + " RENAME CONSTRAINT " + Sql.ident(t.name())
              : "ALTER INDEX " + t.index().quoted() + " RENAME") + " TO " + Sql.ident(renamed.name()));
          first.add("partition " + table + " has this name for its part of " + t.attachedTo() + " in the source");
          continue;
        }
        // PostgreSQL refuses this unless the parent's goes too: its error names the parent.
        plan.add(Stage.DROP_INDEXES, t.constraint() ? "ALTER TABLE " + table.quoted() + " DROP CONSTRAINT " + Sql.ident(t.name())
            : "DROP INDEX " + t.index().quoted(), t.name() + " on partition " + table + " is not in the source");
      }
    }
    for (int i = 0; i < first.size(); i += 2) {
      plan.add(Stage.PARTITION_KEYS, first.get(i), first.get(i + 1));
    }
    Map<QualifiedName, Integer> depth = depths(src);
    List<Item> creates = new ArrayList<>();
    source.values().forEach(list -> list.stream().filter(s -> !satisfied.contains(s.index())).forEach(creates::add));
    creates.sort(Comparator.comparingInt((Item s) -> -depth.getOrDefault(s.table(), 0)));
    Set<QualifiedName> parentsKept = new HashSet<>();
    dst.tables().stream().filter(t -> !droppedTables.contains(t.name())).forEach(t -> {
      t.indexes().forEach(x -> parentsKept.add(new QualifiedName(t.name().schema(), x.name())));
      t.constraints().forEach(x -> parentsKept.add(new QualifiedName(t.name().schema(), x.name())));
    });
    parentsKept.removeAll(droppedIndexes);
    for (Item s : creates) {
      plan.add(Stage.PARTITION_KEYS, s.sql(), s.name() + " of partition " + s.table() + " is new in the source (its part of "
          + s.attachedTo() + ")");
      if (!joining.contains(s.table()) && parentsKept.contains(s.attachedTo())) {
        plan.add(Stage.ATTACH, "ALTER INDEX " + s.attachedTo().quoted() + " ATTACH PARTITION " + s.index().quoted(),
            s.name() + " is a partition of " + s.attachedTo() + " in the source");
      }
    }
  }

  /** Tables' attached keys and indexes, by table. */
  private static Map<QualifiedName, List<Item>> items(Catalog c) {
    Map<QualifiedName, List<Item>> out = new HashMap<>();
    for (Table t : c.tables()) {
      for (Constraint k : t.constraints()) {
        if (k.attachedTo() != null) {
          out.computeIfAbsent(t.name(), x -> new ArrayList<>()).add(new Item(t.name(), k.name(), k.attachedTo(), k.definition(), true,
              "ALTER TABLE " + t.name().quoted() + " ADD CONSTRAINT " + Sql.ident(k.name()) + " " + k.definition()));
        }
      }
      for (Index i : t.indexes()) {
        if (i.attachedTo() != null) {
          String def = t.partitioned() ? DdlWriter.cascading(i.definition()) : i.definition();
          out.computeIfAbsent(t.name(), x -> new ArrayList<>()).add(new Item(t.name(), i.name(), i.attachedTo(),
              withoutName(i.definition(), i.name()), false, def));
        }
      }
    }
    return out;
  }

  /** An index definition without its name, to compare two indexes that differ only by it. */
  private static String withoutName(String definition, String name) {
    return definition.replaceFirst(" INDEX " + java.util.regex.Pattern.quote(Sql.ident(name)) + " ON ", " INDEX ON ");
  }

  /** How many ancestors each table has: a partition's keys go before its parent's, which may be a partition too. */
  private static Map<QualifiedName, Integer> depths(Catalog c) {
    Map<QualifiedName, Integer> out = new HashMap<>();
    for (Table t : DdlWriter.parentsFirst(c.tables())) {
      int d = 0;
      for (QualifiedName p : t.parents()) {
        d = Math.max(d, out.getOrDefault(p, -1) + 1);
      }
      out.put(t.name(), d);
    }
    return out;
  }

  static boolean attached(Constraint c) {
    return c.attachedTo() != null;
  }

  static boolean attached(Index i) {
    return i.attachedTo() != null;
  }
}
