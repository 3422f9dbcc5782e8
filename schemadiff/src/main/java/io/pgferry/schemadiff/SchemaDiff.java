package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.EnumType;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.Option;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.Sequence;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two catalogs and plans the DDL that makes the target's schema equal the source's, keeping the
 * data of dropped tables and columns (see {@link DiffOptions.Preserve}). Pure: reads nothing, writes
 * nothing; {@link SchemaPlan#statements()} is what an applier runs, {@link SchemaPlan#render} the script.
 *
 * <pre>{@code
 * Catalog source = CatalogReader.read(sourceConnection);
 * Catalog target = CatalogReader.read(targetConnection);
 * SchemaPlan plan = SchemaDiff.compare(source, target, DiffOptions.defaults());
 * }</pre>
 */
public final class SchemaDiff {
  private SchemaDiff() {}

  public static SchemaPlan compare(Catalog source, Catalog target, DiffOptions options) {
    SchemaMap map = options.map();
    List<String> sourceSchemas = options.schemas().isEmpty() ? source.schemas() : options.schemas();
    Set<String> scope = new LinkedHashSet<>();
    sourceSchemas.forEach(s -> scope.add(map.schema(s)));
    boolean globals = options.schemas().isEmpty();
    // Only a comparison of every schema can say a schema is gone; named schemas leave the others alone.
    Set<String> gone = new LinkedHashSet<>();
    if (globals) {
      target.schemas().stream().filter(s -> !scope.contains(s)).forEach(gone::add);
    }
    Set<String> targetScope = new LinkedHashSet<>(scope);
    targetScope.addAll(gone);
    Catalog src = DiffScope.narrowed(DiffScope.mapped(DiffScope.narrowed(source, new LinkedHashSet<>(sourceSchemas), globals), map),
        scope, globals);
    Catalog dst = DiffScope.withoutSchemaAspects(DiffScope.narrowed(target, targetScope, globals), gone);
    if (!map.isIdentity()) {
      // The mapped source prints its qualifiers quoted; the target's must be printed the same way to compare.
      java.util.Map<String, String> same = new java.util.LinkedHashMap<>();
      targetScope.forEach(s -> same.put(s, s));
      dst = DiffScope.mapped(dst, SchemaMap.of(same));
    }
    PlanBuilder plan = new PlanBuilder(options);
    for (String s : scope) {
      if (!target.schemas().contains(s)) {
        plan.add(Stage.SCHEMAS, "CREATE SCHEMA " + Sql.ident(s), "schema " + s + " is new in the source");
      }
    }
    TableDiff tables = new TableDiff(plan, src, dst);
    tables.run();
    enums(plan, src, dst, tables);
    sequences(plan, src, dst, tables);
    new ObjectDiff(plan, src, dst, tables).run();
    dropEnums(plan, src, dst);
    dropSchemas(plan, target, gone);
    // New objects across kinds in the source's creation order, drops in the reverse of the target's.
    plan.orderByDependencies(Stage.TABLES, ObjectDiff.deps(src), false);
    plan.orderByDependencies(Stage.CLEANUP, ObjectDiff.deps(dst), true);
    // last: whether the plan creates anything decides whether unchanged default privileges are set aside
    plan.commitUsedEnumValues();
    DefaultPrivilegeDiff.run(plan, src, dst, globals ? List.of()
        : target.objects().stream().filter(o -> DefaultPrivilegeDiff.isDefaultAcl(o.key()) && DiffScope.schemaOf(o.key()) == null).toList());
    return plan.build();
  }

  /**
   * Schemas the source does not have, once their contents are dropped. One that keeps backups or renamed
   * tables and sequences (every mode but {@code NONE}) stays: the kept data lives in it.
   */
  private static void dropSchemas(PlanBuilder plan, Catalog target, Set<String> gone) {
    for (String s : gone) {
      boolean holdsData = target.tables().stream().anyMatch(t -> t.name().schema().equals(s))
          || target.sequences().stream().anyMatch(q -> q.name().schema().equals(s));
      String sql = "DROP SCHEMA " + Sql.ident(s);
      String why = "schema " + s + " is not in the source";
      switch (plan.options.preserve()) {
        case NONE -> plan.add(Stage.DROP_SCHEMAS, sql, why, holdsData
            ? Hazard.of(Hazard.Kind.DATA_LOSS, s + ":drop-schema", "its tables and their rows are dropped (" + Option.PRESERVE.mention("NONE") + ")")
            : Hazard.of(Hazard.Kind.MAY_FAIL, s + ":drop-schema", "fails if something the diff does not compare is still in it"));
        case BACKUP, RENAME -> {
          if (holdsData) {
            if (plan.options.preserve() == DiffOptions.Preserve.RENAME) {
              plan.note(sql + " CASCADE", "after verifying, drop schema " + s + " with the tables renamed in it");
            }
          } else {
            plan.add(Stage.DROP_SCHEMAS, sql, why,
                Hazard.of(Hazard.Kind.MAY_FAIL, s + ":drop-schema", "fails if something the diff does not compare is still in it"));
          }
        }
      }
    }
  }

  private static void enums(PlanBuilder plan, Catalog src, Catalog dst, TableDiff tables) {
    for (EnumType s : src.enums()) {
      Optional<EnumType> t = dst.enums().stream().filter(e -> e.name().equals(s.name())).findFirst();
      String create = "CREATE TYPE " + s.name().quoted() + " AS ENUM (" + String.join(", ", s.labels().stream().map(Sql::literal).toList()) + ")";
      if (t.isEmpty()) {
        plan.add(Stage.TYPES, create, "enum " + s.name() + " is new in the source");
      } else if (!t.get().labels().equals(s.labels())) {
        if (isSubsequence(t.get().labels(), s.labels())) {
          addValues(plan, s, t.get());
        } else {
          rebuild(plan, s, t.get(), create, dst, tables);
        }
      }
    }
  }

  /** After the object diff: types and routines that use a removed enum are dropped before it. */
  private static void dropEnums(PlanBuilder plan, Catalog src, Catalog dst) {
    for (EnumType t : dst.enums()) {
      if (src.enums().stream().noneMatch(e -> e.name().equals(t.name()))) {
        plan.add(Stage.CLEANUP, "DROP TYPE " + t.name().quoted(), "enum " + t.name() + " is not in the source",
            Hazard.of(Hazard.Kind.MAY_FAIL, t.name() + ":drop", "fails if something not in this plan still uses it"));
      }
    }
  }

  private static boolean isSubsequence(List<String> part, List<String> whole) {
    int i = 0;
    for (String w : whole) {
      if (i < part.size() && part.get(i).equals(w)) {
        i++;
      }
    }
    return i == part.size();
  }

  private static void addValues(PlanBuilder plan, EnumType s, EnumType t) {
    List<String> have = new ArrayList<>(t.labels());
    for (int i = 0; i < s.labels().size(); i++) {
      String label = s.labels().get(i);
      if (have.contains(label)) {
        continue;
      }
      String where = i > 0 ? " AFTER " + Sql.literal(s.labels().get(i - 1)) : " BEFORE " + Sql.literal(have.get(0));
      plan.addEnumValue(s.name().toString(), Sql.literal(label), "ALTER TYPE " + s.name().quoted() + " ADD VALUE " + Sql.literal(label) + where,
          "enum " + s.name() + " has value " + label + " in the source",
          Hazard.of(Hazard.Kind.MAY_FAIL, s.name() + ":enum-add-value", "the new value cannot be used before the transaction commits"));
      have.add(i, label);
    }
  }

  /**
   * Removed or reordered labels: PostgreSQL cannot do that in place. The old type is renamed, the new one
   * created, every column converted through text, and the old type dropped at the end.
   */
  private static void rebuild(PlanBuilder plan, EnumType s, EnumType t, String create, Catalog dst, TableDiff tables) {
    String old = plan.oldName(t.name().name());
    List<String> removed = t.labels().stream().filter(l -> !s.labels().contains(l)).toList();
    String id = t.name() + ":enum-rebuild";
    Hazard hz = removed.isEmpty() ? Hazard.of(Hazard.Kind.TABLE_REWRITE, id, "columns of the type are rewritten")
        : Hazard.consent(Hazard.Kind.MAY_FAIL, id, "values " + removed + " are removed; rows holding them make the conversion fail");
    plan.add(Stage.TYPES, "ALTER TYPE " + t.name().quoted() + " RENAME TO " + Sql.ident(old),
        "enum " + t.name() + " loses or reorders values; the old type steps aside", hz);
    plan.add(Stage.TYPES, create, "enum " + s.name() + " as the source has it");
    for (Table table : dst.tables()) {
      for (Column c : table.columns()) {
        if (c.inherited()) {
          continue;
        }
        ObjectKey typeKey = new ObjectKey("type", List.of(c.type()), List.of());
        List<String> n = typeKey.names();
        boolean array = n.size() == 2 && n.get(1).equals(t.name().name() + "[]");
        if (n.size() != 2 || !n.get(0).equals(t.name().schema()) || !(n.get(1).equals(t.name().name()) || array)) {
          continue;
        }
        boolean kept = !tables.droppedTables.contains(table.name());
        String newType = kept ? s.name().quoted() + (array ? "[]" : "") : "text" + (array ? "[]" : "");
        String col = "ALTER TABLE " + table.name().quoted() + " ALTER COLUMN " + Sql.ident(c.name()) + " ";
        if (c.defaultExpr() != null) {
          plan.add(Stage.TYPES, col + "DROP DEFAULT", "the default of " + table.name() + "." + c.name() + " names the old enum");
        }
        plan.add(Stage.TYPES, col + "TYPE " + newType + " USING " + Sql.ident(c.name()) + "::text" + (array ? "[]" : "") + "::" + newType,
            "column " + table.name() + "." + c.name() + (kept ? " moves to the rebuilt enum" : " is kept as text in the preserved table"), hz);
        tables.columnsChanged.add(table.name());
        if (kept && c.defaultExpr() != null) {
          String def = c.defaultExpr().replace(old, t.name().name());
          plan.add(Stage.TYPES, col + "SET DEFAULT " + def, "the default of " + table.name() + "." + c.name() + " again");
        }
      }
    }
    plan.add(Stage.CLEANUP, "DROP TYPE " + Sql.qualified(t.name().schema(), old), "the old enum " + t.name() + " is no longer used");
  }

  private static void sequences(PlanBuilder plan, Catalog src, Catalog dst, TableDiff tables) {
    for (Sequence s : src.sequences()) {
      Sequence t = dst.sequences().stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
      if (t == null) {
        plan.add(Stage.SEQUENCES, "CREATE SEQUENCE " + s.name().quoted() + " " + s.options().clause(), "sequence " + s.name() + " is new in the source");
      } else if (!t.options().equals(s.options())) {
        plan.add(Stage.SEQUENCES, "ALTER SEQUENCE " + s.name().quoted() + " " + s.options().clause(), "sequence " + s.name() + " parameters as in the source");
      }
      boolean ownerDiffers = t == null ? s.ownedByTable() != null
          : !java.util.Objects.equals(t.ownedByTable(), s.ownedByTable()) || !java.util.Objects.equals(t.ownedByColumn(), s.ownedByColumn());
      // also when the owner is recreated under the same name: dropping it would drop the sequence
      boolean ownerGoes = t != null && t.ownedByTable() != null && (tables.droppedTables.contains(t.ownedByTable())
          || tables.droppedColumns.getOrDefault(t.ownedByTable(), Set.of()).contains(t.ownedByColumn()));
      if (ownerGoes) {
        // before the table or column is dropped, which would drop the sequence with it
        plan.add(Stage.SEQUENCES, "ALTER SEQUENCE " + s.name().quoted() + " OWNED BY NONE",
            "sequence " + s.name() + " stays while its owner " + t.ownedByTable() + "." + t.ownedByColumn() + " goes");
      }
      if ((ownerDiffers || ownerGoes) && !(ownerGoes && s.ownedByTable() == null)) {
        String owner = s.ownedByTable() == null ? "NONE" : s.ownedByTable().quoted() + "." + Sql.ident(s.ownedByColumn());
        plan.add(Stage.CONSTRAINTS, "ALTER SEQUENCE " + s.name().quoted() + " OWNED BY " + owner, "sequence " + s.name() + " ownership as in the source");
      }
    }
    for (Sequence t : dst.sequences()) {
      if (src.sequences().stream().anyMatch(x -> x.name().equals(t.name()))) {
        continue;
      }
      if (t.ownedByTable() != null && (tables.droppedTables.contains(t.ownedByTable())
          || tables.droppedColumns.getOrDefault(t.ownedByTable(), Set.of()).contains(t.ownedByColumn())
          && plan.options.preserve() != DiffOptions.Preserve.RENAME)) {
        // an owned sequence goes with its table or column
        continue;
      }
      if (t.ownedByTable() != null && DiffScope.leftover(t.ownedByTable().name())) {
        continue;  // it belongs to a table an earlier sync kept under a backup or renamed name
      }
      // Renamed early (references are by OID, so nothing breaks): a new identity may want the same name.
      switch (plan.options.preserve()) {
        case NONE -> {
          String old = plan.oldName(t.name().name());
          plan.add(Stage.SEQUENCES, "ALTER SEQUENCE " + t.name().quoted() + " RENAME TO " + Sql.ident(old),
              "sequence " + t.name() + " is not in the source; it steps aside until it is dropped");
          plan.add(Stage.CLEANUP, "DROP SEQUENCE " + Sql.qualified(t.name().schema(), old), "sequence " + t.name() + " is not in the source",
              Hazard.of(Hazard.Kind.DATA_LOSS, t.name() + ":drop-sequence", "its position is lost (" + Option.PRESERVE.mention("NONE") + ")"));
        }
        case BACKUP -> plan.add(Stage.SEQUENCES, "ALTER SEQUENCE " + t.name().quoted() + " RENAME TO " + Sql.ident(plan.backupName(t.name().name())),
            "sequence " + t.name() + " is not in the source; kept under a backup name");
        case RENAME -> {
          String kept = plan.droppedName(t.name().name());
          plan.add(Stage.SEQUENCES, "ALTER SEQUENCE " + t.name().quoted() + " RENAME TO " + Sql.ident(kept),
              "sequence " + t.name() + " is not in the source; renamed, drop it after verification");
          plan.note("DROP SEQUENCE " + Sql.qualified(t.name().schema(), kept), "after verifying, drop the old sequence " + t.name());
        }
      }
    }
  }
}
