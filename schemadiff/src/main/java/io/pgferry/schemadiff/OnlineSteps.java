package io.pgferry.schemadiff;

import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an online plan ({@link DiffOptions#online()}) adds keys and constraints to tables that already exist: indexes
 * and the indexes of primary keys and unique constraints built CONCURRENTLY, checks and foreign keys added NOT VALID
 * and validated on their own, all after the plan's transaction ({@link SchemaPlan#ONLINE}), where a long lock would
 * block the application. Tables the plan creates are empty and get theirs in the transaction as usual.
 */
final class OnlineSteps {
  /** A key whose definition is a plain column list, which CREATE UNIQUE INDEX takes as it is. */
  private static final Pattern SIMPLE_KEY = Pattern.compile("(PRIMARY KEY|UNIQUE) (\\([^()]*\\))");

  private OnlineSteps() {}

  /** Partitioned tables and partitions build their indexes through the parent, which cannot be CONCURRENTLY. */
  static boolean applies(PlanBuilder plan, Table s, Set<QualifiedName> created) {
    return plan.options.online() && !created.contains(s.name()) && !s.partitioned() && s.partitionBound() == null;
  }

  static String concurrently(String indexDefinition) {
    return indexDefinition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
  }

  /**
   * Plans {@code c} online and returns true, or returns false to leave it to the transaction. Foreign keys go online
   * whenever their table or the table they reference exists already: the key they need may be built online.
   */
  static boolean add(PlanBuilder plan, Table s, Constraint c, String sql, String why, String id, Set<QualifiedName> created,
      Set<String> addedForeignKeys) {
    boolean existing = applies(plan, s, created);
    String at = "ALTER TABLE " + s.name().quoted() + " ";
    switch (c.kind()) {
      case FOREIGN_KEY -> {
        boolean partitioned = s.partitioned() || s.partitionBound() != null;
        if (partitioned || created.contains(s.name()) && created.contains(c.references())) {
          return false;
        }
        if (!addedForeignKeys.add(s.name() + "/" + c.name())) {
          return true;
        }
        addNotValid(plan, at, c, sql, why, id, Stage.ONLINE_VALIDATE, "existing rows are checked against the referenced table");
        return true;
      }
      case CHECK -> {
        if (!existing) {
          return false;
        }
        addNotValid(plan, at, c, sql, why, id, Stage.CONSTRAINTS, "existing rows are checked; a violating row makes it fail");
        return true;
      }
      case PRIMARY_KEY, UNIQUE -> {
        Matcher m = SIMPLE_KEY.matcher(c.definition());
        if (!existing || !m.matches()) {
          return false;
        }
        String index = Sql.qualified(s.name().schema(), c.name());
        plan.add(Stage.ONLINE_INDEXES, "CREATE UNIQUE INDEX CONCURRENTLY " + Sql.ident(c.name()) + " ON " + s.name().quoted() + " " + m.group(2),
            why + ": its index, built without blocking writes", Hazard.of(Hazard.Kind.INDEX_BUILD, id, "builds an index while writes go on"),
            Hazard.of(Hazard.Kind.MAY_FAIL, id, "duplicate values make it fail; the invalid index is dropped"));
        plan.add(Stage.ONLINE_INDEXES, at + "ADD CONSTRAINT " + Sql.ident(c.name()) + " " + m.group(1) + " USING INDEX " + Sql.ident(c.name()),
            why + ": on the index just built" + (c.kind() == Constraint.Kind.PRIMARY_KEY ? " (SET NOT NULL scans if a column allows NULL)" : ""),
            Hazard.of(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, id, "a brief lock to attach the index " + index));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** ADD … NOT VALID where it fits (the plan's transaction, or a step of its own), then VALIDATE as a step. */
  private static void addNotValid(PlanBuilder plan, String at, Constraint c, String sql, String why, String id, Stage addStage, String risk) {
    plan.add(addStage, c.validated() ? sql + " NOT VALID" : sql, why + (c.validated() ? "; existing rows are validated on their own after" : ""));
    if (c.validated()) {
      plan.add(Stage.ONLINE_VALIDATE, at + "VALIDATE CONSTRAINT " + Sql.ident(c.name()), "existing rows checked for " + c.name()
          + " without blocking writes", Hazard.of(Hazard.Kind.MAY_FAIL, id, risk));
    }
  }
}
