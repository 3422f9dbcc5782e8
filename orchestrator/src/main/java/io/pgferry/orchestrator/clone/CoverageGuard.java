package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.Index;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaObject;
import io.pgferry.extractor.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Never silent: every object of the source ({@link SourceInventory}) must be one the clone knows how to
 * create. What pgferry reads is its model of the source ({@link Catalog}: tables with their columns,
 * defaults, constraints and indexes; sequences, enums, views; every other kind as a {@link SchemaObject}
 * keyed by pg_identify_object_as_address), so an object is covered when the model holds it, whatever the
 * include/exclude filters then choose; an object of a kind no reader knows is named, and the clone stops
 * unless the user accepts to go without it.
 */
final class CoverageGuard {
  private CoverageGuard() {}

  /** Objects named in the error before "… and N more". */
  static final int LISTED = 20;

  /** The source's objects the model does not hold, as "kind identity". */
  static List<String> uncovered(List<SourceInventory.Item> inventory, Catalog model, boolean privileges) {
    return uncovered(inventory, model, privileges, Set.of());
  }

  /** As above; {@code alsoCreated}: keys of what the run creates outside the catalog model (large objects). */
  static List<String> uncovered(List<SourceInventory.Item> inventory, Catalog model, boolean privileges, Set<ObjectKey> alsoCreated) {
    Model m = new Model(model);
    m.objects.addAll(alsoCreated);
    List<String> out = new ArrayList<>();
    for (SourceInventory.Item item : inventory) {
      if (!m.covers(item, privileges)) {
        out.add(item.describe());
      }
    }
    return out;
  }

  /** Stops the run, or, when the user allows it, turns each uncovered object into a warning. */
  static List<String> check(List<String> uncovered, boolean allowUncovered) {
    if (uncovered.isEmpty()) {
      return List.of();
    }
    if (allowUncovered) {
      return uncovered.stream().map(u -> "not cloned (pgferry cannot create it yet): " + u).toList();
    }
    String listed = String.join(", ", uncovered.subList(0, Math.min(LISTED, uncovered.size())))
        + (uncovered.size() > LISTED ? ", … and " + (uncovered.size() - LISTED) + " more" : "");
    throw new PgferryException(PgferryException.Code.SCHEMA, "the source has " + uncovered.size() + " object(s) this clone would not"
        + " create: " + listed + ". Pass " + io.pgferry.extractor.Option.ALLOW_UNCOVERED.mention("true") + " to clone without them (each is then listed as a warning). Nothing was"
        + " changed");
  }

  /** Inventory kinds that are state of a relation, listed under the relation's catalog but not covered by it. */
  private static final Set<String> STATE_KINDS = Set.of("replica identity", "cluster mark");

  /** The model, indexed for lookups by the inventory's names. */
  private static final class Model {
    private final Map<QualifiedName, Table> tables = new HashMap<>();
    private final Set<QualifiedName> views = new HashSet<>();
    private final Set<QualifiedName> sequences = new HashSet<>();
    private final Set<QualifiedName> enums = new HashSet<>();
    private final Set<String> schemas;
    private final Set<ObjectKey> objects = new HashSet<>();
    private final Map<ObjectKey, SchemaObject> byKey = new HashMap<>();
    private final Set<QualifiedName> objectIndexes = new HashSet<>();
    private final Set<QualifiedName> identitySequences = new HashSet<>();
    /** Foreign tables are SchemaObjects whose DDL carries their defaults and checks. */
    private final Set<QualifiedName> foreignTables = new HashSet<>();

    Model(Catalog c) {
      c.tables().forEach(t -> tables.put(t.name(), t));
      c.views().forEach(v -> views.add(v.name()));
      c.sequences().forEach(s -> sequences.add(s.name()));
      c.enums().forEach(e -> enums.add(e.name()));
      schemas = new HashSet<>(c.schemas());
      for (SchemaObject o : c.objects()) {
        objects.add(o.key());
        byKey.put(o.key(), o);
        if (o.key().type().equals("foreign table") && o.key().names().size() == 2) {
          foreignTables.add(new QualifiedName(o.key().names().get(0), o.key().names().get(1)));
        }
        if (o.key().type().equals("index") && o.key().names().size() == 2) {
          objectIndexes.add(new QualifiedName(o.key().names().get(0), o.key().names().get(1)));
        }
      }
      c.tables().forEach(t -> t.columns().stream().filter(col -> col.identity() != null)
          .forEach(col -> identitySequences.add(col.identity().sequence())));
    }

    boolean covers(SourceInventory.Item i, boolean privileges) {
      if (objects.contains(i.address()) || i.partOf() != null && objects.contains(i.partOf())) {
        return true;
      }
      if (STATE_KINDS.contains(i.kind())) {
        return false; // state of a relation, not the relation: only a reader that writes it (same key) covers it
      }
      QualifiedName rel = i.schema() == null || i.name() == null ? null : new QualifiedName(i.schema(), i.name());
      if (rel != null && foreignTables.contains(rel) && (i.catalog().equals("pg_attrdef") || i.catalog().equals("pg_constraint"))) {
        return true;
      }
      return switch (i.catalog()) {
        case "pg_namespace" -> schemas.contains(i.address().names().isEmpty() ? "" : i.address().names().get(0));
        case "pg_class" -> relation(i, rel);
        case "pg_type" -> rel != null && (enums.contains(rel) || tables.containsKey(rel) || views.contains(rel));
        case "pg_constraint" -> constraint(i, rel);
        case "pg_attrdef" -> {
          Table t = rel == null ? null : tables.get(rel);
          yield t != null && t.column(i.part()).map(col -> col.defaultExpr() != null || col.generated()).orElse(false);
        }
        // the privileges themselves are only copied on request (--privileges)
        case "pg_default_acl" -> !privileges;
        case "pg_attribute" -> attribute(i);
        default -> false;
      };
    }

    private boolean relation(SourceInventory.Item i, QualifiedName rel) {
      if (rel == null) {
        return false;
      }
      return switch (i.detail()) {
        case "r", "p" -> tables.containsKey(rel);
        case "v", "m" -> views.contains(rel);
        case "S" -> sequences.contains(rel) || identitySequences.contains(rel);
        case "i", "I" -> {
          Table t = tables.get(rel);
          yield t != null && (t.indexes().stream().map(Index::name).anyMatch(i.part()::equals)
              || t.constraints().stream().map(Constraint::name).anyMatch(i.part()::equals))
              || objectIndexes.contains(new QualifiedName(i.schema(), i.part()));
        }
        default -> false;
      };
    }

    private boolean constraint(SourceInventory.Item i, QualifiedName rel) {
      if (rel == null) {
        return false;
      }
      Table t = tables.get(rel);
      if (t == null) {
        // a domain's constraints come with its CREATE DOMAIN, and the domain is an item of its own
        return i.kind().equals("domain constraint");
      }
      if ("n".equals(i.detail())) {
        return true; // NOT NULL (PostgreSQL 18) comes with the column
      }
      return t.constraints().stream().map(Constraint::name).anyMatch(i.part()::equals);
    }

    /**
     * Column state kept in pg_attribute. Statistics targets, storage and compression of table columns are
     * "column settings" objects; options (n_distinct …) and index column statistics need a reader that
     * writes them: their keys are looked up here, so a reader that creates them covers them.
     */
    private boolean attribute(SourceInventory.Item i) {
      ObjectKey settings = new ObjectKey("column settings", i.address().names(), List.of());
      SchemaObject o = byKey.get(settings);
      if (i.kind().equals("column options")) {
        return o != null && o.statements().stream().anyMatch(s -> s.contains(" SET ("));
      }
      return false;
    }
  }
}
