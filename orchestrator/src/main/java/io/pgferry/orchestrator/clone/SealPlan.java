package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.Index;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seal phase cut into pieces that can run on separate connections (see {@link ParallelSeal}).
 *
 * <ul>
 *   <li>one {@link Group} per table, or per partition/inheritance tree (whose constraints cascade and must
 *       be added parents first, so a tree stays one unit, as does a table below {@link #SPLIT_BYTES}). A group may start once every table of it that
 *       holds rows has been loaded;
 *   <li>within a single table: one {@link Build} per index, primary key and unique constraint (as
 *       {@code CREATE UNIQUE INDEX}; plain {@code CREATE INDEX} takes a SHARE lock, so several builds of one
 *       table run at once), then the table's {@code finish}: {@code ADD CONSTRAINT … USING INDEX} for
 *       those keys, other constraints and CHECKs, in one transaction;
 *   <li>a {@link ForeignKey} once the groups of both its tables are done (while other tables still build):
 *       added {@code NOT VALID}, then validated ({@code VALIDATE CONSTRAINT} takes only a SHARE UPDATE
 *       EXCLUSIVE lock, so validations of different tables run at once); the keys of a table below
 *       {@link #VALIDATE_APART_BYTES} are added valid at once;
 *   <li>{@code objects}: views, other seal objects and event triggers, in one transaction at the end.
 * </ul>
 */
record SealPlan(List<Group> groups, List<ForeignKey> foreignKeys, List<SqlStatement> objects) {

  /** An index build or a whole tree's DDL; {@code weight} orders builds, largest first. */
  record Build(String purpose, long weight, List<SqlStatement> statements) {
    Build {
      statements = List.copyOf(statements);
    }
  }

  /**
   * @param loaded source names of the group's tables that hold rows (the load reports these)
   * @param builds may run at once, each in its own transaction
   * @param finish runs after every build of the group, in one transaction
   */
  record Group(String name, long weight, Set<QualifiedName> loaded, List<Build> builds, List<SqlStatement> finish) {
    Group {
      loaded = Set.copyOf(loaded);
      builds = List.copyOf(builds);
      finish = List.copyOf(finish);
    }
  }

  /**
   * One foreign key.
   *
   * @param add adds it, {@code NOT VALID} when {@code validate} is not null
   * @param weight its table's estimated bytes: big tables' validations first
   * @param alone its validation is worth a transaction of its own (a big table); small ones share one
   * @param after names of the groups that must be done first (its table's and the referenced table's); null
   *     when the referenced table is not part of the plan: then after every group
   * @param table the target table it is on; {@code referenced} the target table it references
   */
  record ForeignKey(SqlStatement add, SqlStatement validate, long weight, boolean alone, Set<String> after, QualifiedName table,
      QualifiedName referenced) {
    ForeignKey {
      after = after == null ? null : Set.copyOf(after);
    }
  }

  SealPlan {
    groups = List.copyOf(groups);
    foreignKeys = List.copyOf(foreignKeys);
    objects = List.copyOf(objects);
  }

  /** {@code PRIMARY KEY (cols)} or {@code UNIQUE (cols)} and nothing else (no INCLUDE, WITH, DEFERRABLE …). */
  private static final Pattern PLAIN_KEY = Pattern.compile("^(PRIMARY KEY|UNIQUE) \\(([^()]+)\\)$");

  private static final String NOT_VALID = " NOT VALID";

  /**
   * Below this a table's keys, checks and indexes run as one transaction on one connection: building its
   * indexes at once would save less than the extra transactions cost.
   */
  static final long SPLIT_BYTES = 16L * 1024 * 1024;

  /**
   * Below this a table's foreign keys are added valid at once, their check inside the transaction that adds them: on a
   * table this small {@code NOT VALID} and a {@code VALIDATE} apart cost a second statement, a second catalog update
   * and a place in a validation batch for a check that takes less (10,000 three-row tables: 10,000 statements).
   */
  static final long VALIDATE_APART_BYTES = 1024L * 1024;

  /** Validations of small tables' foreign keys per transaction, at most. */
  static final int VALIDATION_BATCH = 32;

  /** Number of statements, as the single-transaction seal of the same catalog would count them. */
  int statements() {
    int n = objects.size() + foreignKeys.size();
    for (Group g : groups) {
      n += g.finish().size();
      for (Build b : g.builds()) {
        n += b.statements().size();
      }
    }
    return n;
  }

  static SealPlan of(Catalog catalog, SchemaMap map) {
    return of(catalog, map, SPLIT_BYTES);
  }

  /**
   * {@code splitBytes}: tables at least this large get one build per index (tests pass 0); tables of at least the
   * smaller of it and {@link #VALIDATE_APART_BYTES} get their foreign keys validated apart.
   */
  static SealPlan of(Catalog catalog, SchemaMap map, long splitBytes) {
    DdlWriter ddl = new DdlWriter(map);
    List<Table> tables = DdlWriter.parentsFirst(catalog.tables());
    Set<QualifiedName> partitioned = new java.util.HashSet<>();
    tables.stream().filter(Table::partitioned).forEach(t -> partitioned.add(t.name()));
    Map<QualifiedName, List<Table>> trees = trees(tables);
    List<Group> groups = new ArrayList<>();
    Map<QualifiedName, String> groupOf = new HashMap<>();
    record Pending(SqlStatement add, SqlStatement validate, long weight, String group, QualifiedName table, QualifiedName references) {}
    List<Pending> fks = new ArrayList<>();
    for (List<Table> tree : trees.values()) {
      Table root = tree.get(0);
      long weight = tree.stream().mapToLong(t -> Math.max(0, t.estimatedBytes())).sum();
      Set<QualifiedName> loaded = new java.util.HashSet<>();
      tree.stream().filter(Table::holdsRows).forEach(t -> loaded.add(t.name()));
      if (tree.size() == 1 && !root.partitioned() && weight >= splitBytes) {
        groups.add(single(ddl, map, root, weight, loaded));
      } else {
        List<SqlStatement> all = new ArrayList<>(ddl.attachedFirst(tree));
        for (Table t : tree) {
          all.addAll(ddl.constraints(t, Set.of(Constraint.Kind.PRIMARY_KEY, Constraint.Kind.UNIQUE, Constraint.Kind.EXCLUSION)));
        }
        for (Table t : tree) {
          all.addAll(ddl.constraints(t, Set.of(Constraint.Kind.CHECK)));
        }
        for (Table t : tree) {
          all.addAll(ddl.indexes(t));
        }
        String name = tree.size() == 1 ? map.name(root.name()).toString() : "tree of " + map.name(root.name());
        groups.add(new Group(name, weight, loaded, all.isEmpty() ? List.of() : List.of(new Build(name, weight, all)), List.of()));
      }
      String group = groups.get(groups.size() - 1).name();
      tree.forEach(t -> groupOf.put(t.name(), group));
      for (Table t : tree) {
        // NOT VALID is refused on partitioned tables (and their partitions' keys cascade): trees keep the plain form.
        // Tests that pass splitBytes 0 get every other key validated apart.
        boolean validateLater = tree.size() == 1 && !t.partitioned() && weight >= Math.min(splitBytes, VALIDATE_APART_BYTES);
        QualifiedName n = map.name(t.name());
        for (Constraint c : t.constraints()) {
          if (c.kind() != Constraint.Kind.FOREIGN_KEY) {
            continue;
          }
          String def = map.rewrite(c.definition());
          String add = "ALTER TABLE " + n.quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " ";
          String purpose = "foreign key " + c.name() + " on " + n;
          // A key referencing a partitioned table gets one constraint per referenced partition; VALIDATE on the
          // key leaves those NOT VALID, so it is added valid at once.
          boolean referencesTree = c.references() != null && partitioned.contains(c.references());
          if (validateLater && !referencesTree && c.validated() && !def.endsWith(NOT_VALID)) {
            fks.add(new Pending(new SqlStatement(add + def + NOT_VALID, purpose + " (not valid yet)"),
                new SqlStatement("ALTER TABLE " + n.quoted() + " VALIDATE CONSTRAINT " + Sql.ident(c.name()), "validate " + purpose),
                weight, group, n, c.references()));
          } else {
            fks.add(new Pending(new SqlStatement(add + def, purpose), null, weight, group, n, c.references()));
          }
        }
      }
    }
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (Pending f : fks) {
      String referenced = f.references() == null ? null : groupOf.get(f.references());
      foreignKeys.add(new ForeignKey(f.add(), f.validate(), f.weight(), f.weight() >= splitBytes,
          referenced == null ? null : new java.util.HashSet<>(List.of(f.group(), referenced)), f.table(),
          f.references() == null ? null : map.name(f.references())));
    }
    groups.sort(java.util.Comparator.comparingLong(Group::weight).reversed());
    foreignKeys.sort(java.util.Comparator.comparingLong(ForeignKey::weight).reversed());
    return new SealPlan(groups, foreignKeys, ddl.sealObjects(catalog));
  }

  private static Group single(DdlWriter ddl, SchemaMap map, Table table, long weight, Set<QualifiedName> loaded) {
    // A partition cloned without its parent: its keys and indexes have nothing to be attached to.
    Table t = new Table(table.name(), table.columns(), table.constraints().stream().map(c -> c.attachedTo() == null ? c
        : new Constraint(c.name(), c.kind(), c.definition(), c.columns(), c.references(), c.validated())).toList(),
        table.indexes().stream().map(i -> i.attachedTo() == null ? i : new Index(i.name(), i.definition(), i.unique())).toList(),
        table.unlogged(), table.partitioned(), table.partitionKey(), table.partitionBound(), table.parents(), table.estimatedRows(),
        table.estimatedBytes());
    QualifiedName n = map.name(t.name());
    List<Build> builds = new ArrayList<>();
    List<SqlStatement> finish = new ArrayList<>();
    for (Constraint c : t.constraints()) {
      if (c.kind() != Constraint.Kind.PRIMARY_KEY && c.kind() != Constraint.Kind.UNIQUE && c.kind() != Constraint.Kind.EXCLUSION) {
        continue;
      }
      Matcher m = PLAIN_KEY.matcher(c.definition());
      String kind = c.kind() == Constraint.Kind.PRIMARY_KEY ? "primary key" : c.kind() == Constraint.Kind.UNIQUE ? "unique" : "exclusion";
      if (m.matches()) {
        // The index gets the constraint's name, which ADD CONSTRAINT … USING INDEX would give it anyway.
        builds.add(new Build("index of " + kind + " " + c.name() + " on " + n, weight, List.of(new SqlStatement("CREATE UNIQUE INDEX "
            + Sql.ident(c.name()) + " ON " + n.quoted() + " USING btree (" + m.group(2) + ")", "index of " + kind + " " + c.name()
            + " on " + n))));
        finish.add(new SqlStatement("ALTER TABLE " + n.quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + m.group(1)
            + " USING INDEX " + Sql.ident(c.name()), kind + " " + c.name() + " on " + n));
      } else {
        finish.addAll(ddl.constraints(new Table(t.name(), t.columns(), List.of(c), List.of(), t.unlogged(), t.partitioned(),
            t.partitionKey(), t.partitionBound(), t.parents(), t.estimatedRows(), t.estimatedBytes()), Set.of(c.kind())));
      }
    }
    finish.addAll(ddl.constraints(t, Set.of(Constraint.Kind.CHECK)));
    for (SqlStatement index : ddl.indexes(t)) {
      // A GIN or GiST build costs several times a btree's on the same rows: start those first.
      String lower = index.sql().toLowerCase(Locale.ROOT);
      long w = lower.contains(" using gin ") || lower.contains(" using gist ") ? weight * 3 : weight;
      builds.add(new Build(index.purpose(), w, List.of(index)));
    }
    builds.sort(java.util.Comparator.comparingLong(Build::weight).reversed());
    return new Group(n.toString(), weight, loaded, builds, finish);
  }

  private static QualifiedName find(Map<QualifiedName, QualifiedName> joined, QualifiedName root) {
    QualifiedName r = root;
    while (joined.containsKey(r)) {
      r = joined.get(r);
    }
    for (QualifiedName n = root; !n.equals(r); ) { // path compression: later finds are one step
      QualifiedName next = joined.get(n);
      joined.put(n, r);
      n = next;
    }
    return r;
  }

  /** Tables grouped by partition/inheritance tree, parents first within a tree; trees in first-seen order. */
  private static Map<QualifiedName, List<Table>> trees(List<Table> parentsFirst) {
    Map<QualifiedName, QualifiedName> rootOf = new HashMap<>();
    Map<QualifiedName, List<Table>> out = new LinkedHashMap<>();
    Map<QualifiedName, Table> byName = new HashMap<>();
    parentsFirst.forEach(t -> byName.put(t.name(), t));
    for (Table t : parentsFirst) {
      QualifiedName root = t.name();
      for (QualifiedName p : t.parents()) {
        if (byName.containsKey(p)) {
          root = rootOf.getOrDefault(p, p);
          break;
        }
      }
      rootOf.put(t.name(), root);
    }
    // A child of two parents in different trees (multiple inheritance) joins the trees into one: union-find
    // over the roots (rewriting every table's root per merge was quadratic in the tables).
    Map<QualifiedName, QualifiedName> joined = new HashMap<>();
    for (Table t : parentsFirst) {
      for (QualifiedName p : t.parents()) {
        if (byName.containsKey(p)) {
          QualifiedName from = find(joined, rootOf.get(p));
          QualifiedName to = find(joined, rootOf.get(t.name()));
          if (!from.equals(to)) {
            joined.put(from, to);
          }
        }
      }
    }
    rootOf.replaceAll((k, v) -> find(joined, v));
    for (Table t : parentsFirst) {
      out.computeIfAbsent(rootOf.get(t.name()), k -> new ArrayList<>()).add(t);
    }
    return out;
  }
}
