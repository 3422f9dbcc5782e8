package io.pgferry.schemadiff;

import io.pgferry.extractor.SchemaMap;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link SchemaDiff} compares and what it does with objects the source no longer has.
 *
 * @param map source schema → target schema; names in the plan follow it
 * @param schemas the source schemas compared (empty: every user schema of the source, and database-wide
 *     objects such as extensions)
 * @param preserve what happens to the data of dropped tables and columns
 * @param clock stamps the names of backups and renamed objects
 * @param allowHazards hazard ids (or {@code all}) the user accepts; the few changes that are planned only with consent
 *     (a table rebuilt for its column order) are planned when named here, and otherwise left out with a remark
 * @param online indexes, keys, checks, foreign keys and NOT NULLs on tables that already exist are built without
 *     blocking writes, each in its own transaction after the plan's ({@link SchemaPlan#ONLINE})
 */
public record DiffOptions(SchemaMap map, List<String> schemas, Preserve preserve, Clock clock, Set<String> allowHazards, boolean online) {
  /** Data preservation for dropped tables and columns. */
  public enum Preserve {
    /** Dropped tables renamed {@code bak_<name>_<ts>}; dropped columns' values copied to {@code bak_<table>_<column>_<ts>}. */
    BACKUP,
    /** Tables and columns renamed {@code <name>_dropped_<ts>}; commented cleanup statements at the end. */
    RENAME,
    /** Plain drops. */
    NONE
  }

  public DiffOptions {
    Objects.requireNonNull(map, "map");
    schemas = List.copyOf(schemas);
    Objects.requireNonNull(preserve, "preserve");
    Objects.requireNonNull(clock, "clock");
    allowHazards = allowHazards == null ? Set.of() : Set.copyOf(allowHazards);
  }

  public DiffOptions(SchemaMap map, List<String> schemas, Preserve preserve, Clock clock) {
    this(map, schemas, preserve, clock, Set.of(), false);
  }

  public DiffOptions(SchemaMap map, List<String> schemas, Preserve preserve, Clock clock, Set<String> allowHazards) {
    this(map, schemas, preserve, clock, allowHazards, false);
  }

  /** Whether the user accepts the hazard {@code id}. */
  public boolean allows(String id) {
    return allowHazards.contains("all") || allowHazards.contains(id);
  }

  public static DiffOptions defaults() {
    return new DiffOptions(SchemaMap.identity(), List.of(), Preserve.BACKUP, Clock.systemUTC());
  }
}
