package io.pgferry.schemadiff;

import io.pgferry.extractor.SchemaMap;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How {@link SchemaDiff} compares and what it does with objects the source no longer has.
 *
 * @param map source schema → target schema; names in the plan follow it
 * @param schemas the source schemas compared (empty: every user schema of the source, and database-wide
 *     objects such as extensions)
 * @param preserve what happens to the data of dropped tables and columns
 * @param clock stamps the names of backups and renamed objects
 */
public record DiffOptions(SchemaMap map, List<String> schemas, Preserve preserve, Clock clock) {
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
  }

  public static DiffOptions defaults() {
    return new DiffOptions(SchemaMap.identity(), List.of(), Preserve.BACKUP, Clock.systemUTC());
  }
}
