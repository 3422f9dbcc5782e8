package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.Index;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.Option;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SequenceOptions;
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

/**
 * Tables, columns, constraints and indexes: creates, preserving drops, and in-place alters. Both catalogs are
 * already in the target's names. Records what the object diff needs: tables whose columns change under views
 * or policies, and tables and columns that go away (their objects go with them).
 */
final class TableDiff {
  private final PlanBuilder plan;
  private final Catalog src;
  private final Catalog dst;
  private final DdlWriter ddl = new DdlWriter(SchemaMap.identity());
  /** Target tables whose columns are dropped or change type: views and policies on them are rebuilt. */
  final Set<QualifiedName> columnsChanged = new HashSet<>();
  final Set<QualifiedName> droppedTables = new HashSet<>();
  /** Tables this plan creates (new, or recreated in another shape). */
  final Set<QualifiedName> createdTables = new HashSet<>();
  final Map<QualifiedName, Set<String>> droppedColumns = new HashMap<>();
  /** Target tables whose primary key or unique constraints/indexes are dropped: foreign keys to them are re-added. */
  private final Set<QualifiedName> keysChanged = new HashSet<>();
  private final Set<String> droppedForeignKeys = new HashSet<>();
  private final Set<String> addedForeignKeys = new HashSet<>();
  private final TableLinks links;
  private final TableRebuild rebuild;
  /** Indexes (and keys, by name) of kept target tables that the plan drops: their partitions' parts go with them. */
  private final Set<QualifiedName> droppedIndexes = new HashSet<>();

  TableDiff(PlanBuilder plan, Catalog src, Catalog dst) {
    this.plan = plan;
    this.src = src;
    this.dst = dst;
    this.links = new TableLinks(plan, src, dst);
    this.rebuild = new TableRebuild(plan, src, dst, this, links);
  }

  void run() {
    List<Table> created = new ArrayList<>();
    for (Table s : DdlWriter.parentsFirst(src.tables())) {
      Table t = dst.table(s.name()).orElse(null);
      if (t != null && !sameShape(s, t)) {
        links.recreate(t);
        preserveTable(t, "table " + t.name() + " changes partitioning, which PostgreSQL cannot alter in place");
        t = null;
      }
      boolean rebuilt = t != null && rebuild.setAside(s, t);
      if (t == null || rebuilt) {
        Stage inherits = links.inheritsStage(s);
        plan.add(inherits == null ? Stage.TABLES : inherits, key(s.name()), (inherits == null ? ddl.createTable(s) : ddl.createChild(s)).sql(),
            (rebuilt ? "table " + s.name() + " in the source's column order" : "table " + s.name() + " is new in the source")
                + (inherits == Stage.ATTACH ? ", created once its parents' columns are as in the source" : ""));
        Stage after = inherits == Stage.ATTACH ? Stage.ATTACH : Stage.COLUMNS;
        if (inherits != null) {
          links.inheritedFixes(s, inherits).forEach(sql -> plan.add(after, sql, "table " + s.name() + " has its own default or NOT NULL"
              + " where its parent's differs, as in the source"));
        }
        created.add(s);
        createdTables.add(s.name());
        links.link(s, null);
        if (rebuilt) {
          rebuild.copy(s, inherits == Stage.ATTACH ? Stage.CONSTRAINTS : Stage.COLUMNS);
        }
      } else {
        links.link(s, t);
        alter(s, t);
      }
    }
    for (Table s : created) {
      for (Constraint c : s.constraints()) {
        if (!PartitionDiff.attached(c)) {
          addConstraint(s, c, "constraint " + c.name() + " of new table " + s.name());
        }
      }
      for (Index i : s.indexes()) {
        if (!PartitionDiff.attached(i)) {
          addIndex(s, i, "index " + i.name() + " of new table " + s.name());
        }
      }
    }
    List<Table> gone = new ArrayList<>(DdlWriter.parentsFirst(dst.tables()).stream().filter(t -> src.table(t.name()).isEmpty()).toList());
    java.util.Collections.reverse(gone);  // inheritance children before their parents
    Set<QualifiedName> goneNames = new HashSet<>();
    gone.forEach(t -> goneNames.add(t.name()));
    for (Table t : gone) {
      boolean partitionOfGone = t.partitionBound() != null && goneNames.containsAll(t.parents());
      if (partitionOfGone && plan.options.preserve() == DiffOptions.Preserve.NONE) {
        droppedTables.add(t.name());  // DROP TABLE of the partitioned parent drops it
        // but not its own foreign keys' hold on other tables, which may go first
        t.constraints().stream().filter(c -> c.kind() == Constraint.Kind.FOREIGN_KEY)
            .forEach(c -> dropConstraint(t, c, "foreign key " + c.name() + " goes before the tables, in any order, are dropped"));
        continue;
      }
      preserveTable(t, "table " + t.name() + " is not in the source");
    }
    reAddForeignKeys();
    new PartitionDiff(plan, src, dst).run(droppedIndexes, droppedTables, links.joining, links.detached);
  }

  /** The key the plan orders a table's statements by (partitioned tables are "table" too in pg_identify_object_as_address). */
  static ObjectKey key(QualifiedName name) {
    return ObjectKey.of("table", name);
  }

  /** Parents and bounds can change in place ({@link TableLinks}); being partitioned or the partition key cannot. */
  private static boolean sameShape(Table s, Table t) {
    return s.partitioned() == t.partitioned() && Objects.equals(s.partitionKey(), t.partitionKey());
  }

  private void preserveTable(Table t, String why) {
    setAside(t);
    String id = t.name() + ":drop-table";
    switch (plan.options.preserve()) {
      case BACKUP -> {
        String bak = plan.backupName(t.name().name());
        plan.add(Stage.TABLES, key(t.name()), "ALTER TABLE " + t.name().quoted() + " RENAME TO " + Sql.ident(bak), why + "; its rows are kept in " + bak,
            Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "renaming locks the table briefly"));
        renameIndexes(t, bak);
      }
      case RENAME -> {
        String kept = plan.droppedName(t.name().name());
        plan.add(Stage.TABLES, key(t.name()), "ALTER TABLE " + t.name().quoted() + " RENAME TO " + Sql.ident(kept), why + "; renamed, drop it after verification",
            Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "renaming locks the table briefly"));
        renameIndexes(t, kept);
        plan.note("DROP TABLE " + Sql.qualified(t.name().schema(), kept), "after verifying, drop the old table " + t.name());
      }
      case NONE -> plan.add(Stage.TABLES, key(t.name()), "DROP TABLE " + t.name().quoted(), why,
          Hazard.of(Hazard.Kind.DATA_LOSS, id, "the table and its rows are dropped (" + Option.PRESERVE.mention("NONE") + ")"));
    }
  }

  /**
   * The target's table makes way for the source's: what refers to it is recreated, foreign keys to it re-added.
   * A kept copy must not hold other tables hostage: its foreign keys would block their changes.
   */
  void setAside(Table t) {
    droppedTables.add(t.name());
    keysChanged.add(t.name());
    for (Constraint c : t.constraints()) {
      if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
        dropConstraint(t, c, plan.options.preserve() == DiffOptions.Preserve.NONE
            ? "foreign key " + c.name() + " goes before the tables, in any order, are dropped"
            : "the kept copy of " + t.name() + " needs no foreign key " + c.name());
      }
    }
  }

  /** Index and key names are schema-wide: the kept copy gives them up for a new table of the same name. */
  void renameIndexes(Table t, String keptTable) {
    List<String> names = new ArrayList<>();
    t.constraints().stream().filter(c -> c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE
        || c.kind() == Constraint.Kind.EXCLUSION).forEach(c -> names.add(c.name()));
    t.indexes().forEach(i -> names.add(i.name()));
    for (String n : names) {
      String renamed = PlanBuilder.fit("", keptTable + "_" + n, "");
      plan.add(Stage.TABLES, key(t.name()), "ALTER INDEX " + Sql.qualified(t.name().schema(), n) + " RENAME TO " + Sql.ident(renamed),
          "index " + n + " moves with the kept copy of " + t.name());
    }
  }

  private void alter(Table s, Table t) {
    QualifiedName n = t.name();
    if (s.unlogged() != t.unlogged()) {
      plan.add(Stage.TABLES, "ALTER TABLE " + n.quoted() + (s.unlogged() ? " SET UNLOGGED" : " SET LOGGED"),
          "table " + n + " is " + (s.unlogged() ? "unlogged" : "logged") + " in the source",
          Hazard.of(Hazard.Kind.TABLE_REWRITE, n + ":persistence", "the table is rewritten"),
          Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, n + ":persistence", "the table is locked during the rewrite"));
    }
    for (Constraint c : t.constraints()) {
      Constraint sc = find(s.constraints(), c.name());
      if (PartitionDiff.attached(c)) {
        continue;
      }
      if (sc == null || !same(sc, c) || PartitionDiff.attached(sc)) {
        dropConstraint(t, c, sc == null ? "constraint " + c.name() + " on " + n + " is not in the source"
            : "constraint " + c.name() + " on " + n + " differs from the source (re-added below)");
      }
    }
    for (Index i : t.indexes()) {
      Index si = s.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst().orElse(null);
      if (PartitionDiff.attached(i)) {
        continue;
      }
      if (si == null || !si.definition().equals(i.definition()) || PartitionDiff.attached(si)) {
        if (i.unique()) {
          keysChanged.add(n);
        }
        droppedIndexes.add(new QualifiedName(n.schema(), i.name()));
        plan.add(Stage.DROP_INDEXES, "DROP INDEX " + Sql.qualified(n.schema(), i.name()),
            "index " + i.name() + " on " + n + (si == null ? " is not in the source" : " differs from the source (re-created below)"));
      }
    }
    alterColumns(s, t);
    for (Constraint c : s.constraints()) {
      Constraint tc = find(t.constraints(), c.name());
      if (PartitionDiff.attached(c)) {
        continue;
      }
      if (tc == null || !same(c, tc) || PartitionDiff.attached(tc)) {
        addConstraint(s, c, tc == null ? "constraint " + c.name() + " on " + n + " is new in the source"
            : "constraint " + c.name() + " on " + n + " as the source has it");
      }
    }
    for (Index i : s.indexes()) {
      Index ti = t.indexes().stream().filter(x -> x.name().equals(i.name())).findFirst().orElse(null);
      if (PartitionDiff.attached(i)) {
        continue;
      }
      if (ti == null || !ti.definition().equals(i.definition()) || PartitionDiff.attached(ti)) {
        addIndex(s, i, ti == null ? "index " + i.name() + " on " + n + " is new in the source"
            : "index " + i.name() + " on " + n + " as the source has it");
      }
    }
  }

  private void alterColumns(Table s, Table t) {
    QualifiedName n = t.name();
    String at = "ALTER TABLE " + n.quoted() + " ";
    // A partition's columns are its parent's: added, dropped and retyped there, which cascades.
    boolean partition = s.partitionBound() != null && t.partitionBound() != null && s.parents().equals(t.parents()) && !links.detached.contains(n);
    for (Column c : t.columns()) {
      Column sc = s.column(c.name()).orElse(null);
      if (c.inherited() || partition) {
        continue;
      }
      if (sc == null || sc.generated() != c.generated() || sc.generated() && !sc.generatedExpr().equals(c.generatedExpr())) {
        dropColumn(t, c, sc == null ? "column " + n + "." + c.name() + " is not in the source"
            : "generated column " + n + "." + c.name() + " changes its expression, which needs drop and add");
      }
    }
    for (Column sc : s.columns()) {
      Column c = t.column(sc.name()).orElse(null);
      String col = at + "ALTER COLUMN " + Sql.ident(sc.name()) + " ";
      String id = n + "." + sc.name();
      if (sc.inherited() || partition) {
        if (c != null) {
          defaults(sc, c, n, id);  // each table has its own, which the parent's changes would not set right
          if (sc.notNull() != c.notNull()) {  // after the parent's, which cascades
            plan.add(Stage.COLUMNS, col + (sc.notNull() ? "SET NOT NULL" : "DROP NOT NULL"), "column " + id + " is "
                + (sc.notNull() ? "NOT NULL" : "nullable") + " in the source");
          }
        }
        continue;
      }
      if (c == null || c.generated() != sc.generated() || sc.generated() && !sc.generatedExpr().equals(c.generatedExpr())) {
        List<Hazard> hz = new ArrayList<>();
        if (sc.notNull() && sc.defaultExpr() == null && sc.identity() == null && !sc.generated()) {
          hz.add(Hazard.of(Hazard.Kind.MAY_FAIL, id + ":add-column", "NOT NULL without a default fails when the table has rows"));
        }
        if (sc.generated() || sc.identity() != null) {
          hz.add(Hazard.of(Hazard.Kind.TABLE_REWRITE, id + ":add-column", "every row gets a computed value"));
        }
        plan.add(Stage.COLUMNS, at + "ADD COLUMN " + ddl.columnDefinition(sc), "column " + id + " is new in the source", hz);
        continue;
      }
      boolean typeChanges = !c.type().equals(sc.type()) || !Objects.equals(c.collation(), sc.collation());
      // A type change keeps the identity (PostgreSQL changes its sequence's type too), and so its position.
      boolean identityGoes = c.identity() != null && sc.identity() == null;
      if (identityGoes) {
        plan.add(Stage.COLUMNS, col + "DROP IDENTITY", "column " + id + " is not an identity in the source");
      }
      if (typeChanges) {
        columnsChanged.add(n);
        String type = sc.type() + (sc.collation() == null ? "" : " COLLATE " + sc.collation());
        String using = cast(Sql.ident(sc.name()), c.type(), sc.type());
        plan.add(Stage.COLUMNS, col + "TYPE " + type + " USING " + using,
            "column " + id + " is " + type + " in the source (was " + c.type() + ")", TypeChange.hazards(id + ":type-change", c.type(), sc.type()));
      }
      defaults(sc, c, n, id);
      if (sc.notNull() && !c.notNull() && online(s) && sc.identity() == null) {
        onlineNotNull(n, sc.name(), id);
      } else if (sc.notNull() != c.notNull()) {  // before ADD GENERATED, which needs NOT NULL
        plan.add(Stage.COLUMNS, col + (sc.notNull() ? "SET NOT NULL" : "DROP NOT NULL"), "column " + id + " is "
            + (sc.notNull() ? "NOT NULL" : "nullable") + " in the source", sc.notNull()
            ? new Hazard[] {Hazard.of(Hazard.Kind.MAY_FAIL, id + ":set-not-null", "fails if a row holds NULL; scans the table under lock")}
            : new Hazard[0]);
      }
      identity(sc, c, identityGoes, col, id, n);
    }
  }

  /**
   * The table's own default, with ONLY: a parent's would cascade to its partitions and children, which keep their
   * own. Dropped before any column changes type (its stage comes first), since a type change cascades too and a
   * child's default may not cast; set again after.
   */
  private void defaults(Column sc, Column c, QualifiedName n, String id) {
    boolean typeChanges = !c.type().equals(sc.type()) || !Objects.equals(c.collation(), sc.collation());
    boolean differs = !Objects.equals(c.defaultExpr(), sc.defaultExpr());
    String col = "ALTER TABLE ONLY " + n.quoted() + " ALTER COLUMN " + Sql.ident(sc.name()) + " ";
    if (c.defaultExpr() != null && (differs || typeChanges) && c.identity() == null && !c.generated()) {
      plan.add(Stage.DROP_DEFAULTS, col + "DROP DEFAULT", "column " + id + (typeChanges ? " changes type; the default is set again after"
          : " has " + (sc.defaultExpr() == null ? "no default" : "another default") + " in the source"));
    }
    if (sc.defaultExpr() != null && (differs || typeChanges) && sc.identity() == null && !sc.generated()) {
      plan.add(Stage.COLUMNS, col + "SET DEFAULT " + sc.defaultExpr(), "column " + id + " has this default in the source");
    }
  }

  private void identity(Column sc, Column c, boolean targetLost, String col, String id, QualifiedName table) {
    Column.Identity si = sc.identity();
    if (si == null) {
      return;
    }
    Column.Identity ti = targetLost ? null : c.identity();
    if (ti == null) {
      plan.add(Stage.COLUMNS, col + "ADD GENERATED " + (si.always() ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (SEQUENCE NAME "
          + si.sequence().quoted() + " " + si.options().identityClause() + ")", "column " + id + " is an identity column in the source");
      // The rows already there hold values the new sequence would hand out again.
      plan.add(Stage.COLUMNS, "SELECT setval(" + Sql.literal(si.sequence().quoted()) + "::regclass, greatest(max(" + Sql.ident(sc.name()) + "), " + si.options().min() + ")) FROM "
          + table.quoted() + " HAVING max(" + Sql.ident(sc.name()) + ") IS NOT NULL",
          "the identity of " + id + " continues after the existing values");
      return;
    }
    if (si.always() != ti.always()) {
      plan.add(Stage.COLUMNS, col + "SET GENERATED " + (si.always() ? "ALWAYS" : "BY DEFAULT"), "identity of " + id + " as in the source");
    }
    SequenceOptions a = si.options();
    SequenceOptions b = ti.options();
    if (a.increment() != b.increment() || a.min() != b.min() || a.max() != b.max() || a.start() != b.start() || a.cache() != b.cache()
        || a.cycle() != b.cycle()) {
      plan.add(Stage.COLUMNS, col + "SET INCREMENT BY " + a.increment() + " SET MINVALUE " + a.min() + " SET MAXVALUE " + a.max()
          + " SET START WITH " + a.start() + " SET CACHE " + a.cache() + (a.cycle() ? " SET CYCLE" : " SET NO CYCLE"),
          "identity parameters of " + id + " as in the source");
    }
  }

  private void dropColumn(Table t, Column c, String why) {
    QualifiedName n = t.name();
    String id = n + "." + c.name() + ":drop-column";
    columnsChanged.add(n);
    droppedColumns.computeIfAbsent(n, k -> new HashSet<>()).add(c.name());
    String at = "ALTER TABLE " + n.quoted() + " ";
    switch (plan.options.preserve()) {
      case BACKUP -> {
        if (c.generated()) {
          break;
        }
        String bak = plan.backupName(n.name() + "_" + c.name());
        List<String> key = t.primaryKey().map(Constraint::columns).orElse(List.of());
        String select = key.isEmpty() || key.contains(c.name()) ? "*"
            : String.join(", ", key.stream().map(Sql::ident).toList()) + ", " + Sql.ident(c.name());
        plan.add(Stage.COLUMNS, "CREATE TABLE " + Sql.qualified(n.schema(), bak) + " AS SELECT " + select + " FROM ONLY " + n.quoted(),
            "keep the values of " + n + "." + c.name() + (select.equals("*") ? " (whole rows: no primary key)" : " with the primary key")
                + " before the column is dropped");
      }
      case RENAME -> {
        if (c.generated()) {
          break;
        }
        String kept = plan.droppedName(c.name());
        String col = at + "ALTER COLUMN " + Sql.ident(kept) + " ";
        plan.add(Stage.COLUMNS, at + "RENAME COLUMN " + Sql.ident(c.name()) + " TO " + Sql.ident(kept), why + "; renamed, drop it after verification");
        if (c.identity() != null) {
          plan.add(Stage.COLUMNS, col + "DROP IDENTITY", "the kept column " + kept + " must not generate values");
        } else if (c.defaultExpr() != null) {
          plan.add(Stage.COLUMNS, col + "DROP DEFAULT", "the kept column " + kept + " needs no default");
        }
        if (c.notNull()) {
          plan.add(Stage.COLUMNS, col + "DROP NOT NULL", "new rows leave the kept column " + kept + " empty");
        }
        plan.note(at + "DROP COLUMN " + Sql.ident(kept), "after verifying, drop the old column " + n + "." + c.name());
        return;
      }
      case NONE -> {
        plan.add(Stage.COLUMNS, at + "DROP COLUMN " + Sql.ident(c.name()), why,
            Hazard.of(Hazard.Kind.DATA_LOSS, id, "the column's values are dropped (" + Option.PRESERVE.mention("NONE") + ")"));
        return;
      }
    }
    plan.add(Stage.COLUMNS, at + "DROP COLUMN " + Sql.ident(c.name()), why,
        Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "dropping a column locks the table briefly"));
  }

  private void dropConstraint(Table t, Constraint c, String why) {
    if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
      if (!droppedForeignKeys.add(t.name() + "/" + c.name())) {
        return;
      }
    } else if (c.kind() != Constraint.Kind.CHECK) {
      keysChanged.add(t.name());
      droppedIndexes.add(new QualifiedName(t.name().schema(), c.name()));
    }
    plan.add(c.kind() == Constraint.Kind.FOREIGN_KEY ? Stage.DROP_FOREIGN_KEYS : Stage.DROP_CONSTRAINTS,
        "ALTER TABLE " + t.name().quoted() + " DROP CONSTRAINT " + Sql.ident(c.name()), why);
  }

  private void addConstraint(Table s, Constraint c, String why) {
    String id = s.name() + "." + c.name() + ":add-constraint";
    String sql = "ALTER TABLE " + s.name().quoted() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition();
    if (plan.options.online() && OnlineSteps.add(plan, s, c, sql, why, id, createdTables, addedForeignKeys)) {
      return;
    }
    switch (c.kind()) {
      case FOREIGN_KEY -> {
        if (addedForeignKeys.add(s.name() + "/" + c.name())) {
          plan.add(Stage.FOREIGN_KEYS, sql, why, c.validated() ? new Hazard[] {Hazard.of(Hazard.Kind.MAY_FAIL, id,
              "existing rows are checked against the referenced table")} : new Hazard[0]);
        }
      }
      case CHECK -> plan.add(Stage.CONSTRAINTS, sql, why, c.validated() ? new Hazard[] {Hazard.of(Hazard.Kind.MAY_FAIL, id,
          "existing rows are checked; a violating row makes it fail")} : new Hazard[0]);
      default -> plan.add(Stage.CONSTRAINTS, sql, why, Hazard.of(Hazard.Kind.INDEX_BUILD, id, "builds an index"),
          Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "the table is locked while the index builds"),
          Hazard.of(Hazard.Kind.MAY_FAIL, id, "duplicate or NULL values make it fail"));
    }
  }

  private void addIndex(Table s, Index i, String why) {
    if (online(s)) {
      plan.add(Stage.ONLINE_INDEXES, OnlineSteps.concurrently(i.definition()), why + "; built without blocking writes",
          Hazard.of(Hazard.Kind.INDEX_BUILD, s.name() + "." + i.name() + ":index", "builds an index while writes go on (two table scans)"));
      return;
    }
    String def = s.partitioned() ? DdlWriter.cascading(i.definition()) : i.definition();
    plan.add(Stage.INDEXES, def, why, Hazard.of(Hazard.Kind.INDEX_BUILD, s.name() + "." + i.name() + ":index",
        "builds an index; writes to the table wait until it is done"));
  }

  /** A table that exists before the plan and can be changed online (partitioned tables and partitions cannot). */
  private boolean online(Table s) {
    return OnlineSteps.applies(plan, s, createdTables);
  }

  /**
   * NOT NULL without a long lock: a NOT VALID check in the plan, validated on its own (a weaker lock), after which
   * SET NOT NULL uses it instead of scanning; then the check goes. Before the table's keys are built online: a primary
   * key attached to its index would otherwise scan for NULLs under its lock.
   */
  private void onlineNotNull(QualifiedName n, String column, String id) {
    String check = PlanBuilder.fit("", n.name() + "_" + column, "_not_null");
    String at = "ALTER TABLE " + n.quoted() + " ";
    plan.add(Stage.COLUMNS, at + "ADD CONSTRAINT " + Sql.ident(check) + " CHECK (" + Sql.ident(column) + " IS NOT NULL) NOT VALID",
        "column " + id + " is NOT NULL in the source: a check for new rows first");
    plan.add(Stage.ONLINE_INDEXES, at + "VALIDATE CONSTRAINT " + Sql.ident(check), "existing rows of " + id + " checked without blocking writes",
        Hazard.of(Hazard.Kind.MAY_FAIL, id + ":set-not-null", "fails if a row holds NULL"));
    plan.add(Stage.ONLINE_INDEXES, at + "ALTER COLUMN " + Sql.ident(column) + " SET NOT NULL", "column " + id
        + " is NOT NULL in the source (the validated check spares the scan)");
    plan.add(Stage.ONLINE_INDEXES, at + "DROP CONSTRAINT " + Sql.ident(check), "the helper check of " + id + " is no longer needed");
  }

  /** Foreign keys that point at a table whose keys were dropped must go first and come back after. */
  private void reAddForeignKeys() {
    for (Table t : dst.tables()) {
      if (droppedTables.contains(t.name())) {
        continue;
      }
      for (Constraint c : t.constraints()) {
        if (c.kind() == Constraint.Kind.FOREIGN_KEY && keysChanged.contains(c.references())) {
          dropConstraint(t, c, "foreign key " + c.name() + " on " + t.name() + " refers to keys of " + c.references() + " that are replaced");
          src.table(t.name()).ifPresent(s -> {
            Constraint sc = find(s.constraints(), c.name());
            if (sc != null) {
              addConstraint(s, sc, "foreign key " + c.name() + " on " + t.name() + " as the source has it");
            }
          });
        }
      }
    }
  }

  /** {@code expr} of the target's type {@code from} as the source's {@code to}. */
  String cast(String expr, String from, String to) {
    // PostgreSQL has no cast between two enum types (one moved to another schema, say): through text
    boolean enums = isEnum(dst, from) && isEnum(src, to);
    return expr + (enums ? "::text" + (to.endsWith("[]") ? "[]" : "") : "") + "::" + to;
  }

  /** The column type (or its array) names an enum of the catalog; types are printed schema-qualified. */
  static boolean isEnum(Catalog c, String type) {
    // quoting varies (a mapped schema is quoted, the name only when it must be): compared without quotes
    String base = (type.endsWith("[]") ? type.substring(0, type.length() - 2) : type).replace("\"", "");
    return c.enums().stream().anyMatch(e -> (e.name().schema() + "." + e.name().name()).replace("\"", "").equals(base));
  }

  static Constraint find(List<Constraint> list, String name) {
    return list.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  static boolean same(Constraint a, Constraint b) {
    return a.kind() == b.kind() && a.definition().equals(b.definition());
  }
}
