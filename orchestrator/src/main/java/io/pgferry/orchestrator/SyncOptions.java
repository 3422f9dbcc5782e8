package io.pgferry.orchestrator;

import io.pgferry.loader.SyncMode;
import io.pgferry.loader.Syncer;
import java.util.List;
import java.util.Objects;

/**
 * Everything one sync needs, from flags, a sync config file or Java code.
 *
 * @param mode the mode for every table, or null to choose per table (timestamp when the table has the
 *     timestamp column and a key, append with a key, full without)
 * @param timestampColumn the high-water-mark column name looked for in every table
 * @param delete remove target rows whose key is gone from the source
 * @param targetSchema put every table in this target schema (a "migrated"-style copy), or null to keep names
 * @param excludeGenerated leave identity and sequence-defaulted columns (other than key columns) to the target
 * @param keyless what a table without a primary key gets: a full reload (with a warning) or nothing
 * @param tables per-table overrides, first match wins
 */
public record SyncOptions(
    Endpoint source,
    Endpoint target,
    List<String> include,
    List<String> exclude,
    SyncMode mode,
    int jobs,
    int batchSize,
    String timestampColumn,
    boolean delete,
    String targetSchema,
    boolean excludeGenerated,
    Keyless keyless,
    Syncer.MarkSource markFrom,
    List<TableOverride> tables) {

  public static final String DEFAULT_TIMESTAMP_COLUMN = "updated_at";
  public static final int DEFAULT_BATCH_SIZE = 10_000;

  public enum Keyless {
    FULL,
    SKIP
  }

  /**
   * Settings for the tables a pattern matches; null fields keep the run's setting.
   *
   * @param table {@code schema.table} or bare {@code table}, wildcards allowed
   * @param skip leave these tables out of the sync
   * @param origin where it was written ({@code sync.yaml:7:3}), for messages
   */
  public record TableOverride(String table, SyncMode mode, String timestampColumn, Boolean delete, boolean skip, String origin) {}

  public SyncOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    tables = List.copyOf(tables);
    timestampColumn = timestampColumn == null ? DEFAULT_TIMESTAMP_COLUMN : timestampColumn;
    keyless = keyless == null ? Keyless.FULL : keyless;
    markFrom = markFrom == null ? Syncer.MarkSource.STATE : markFrom;
    if (jobs < 1) {
      throw new PgferryException(PgferryException.Code.CONFIG, "jobs must be at least 1, got " + jobs);
    }
    if (batchSize < 16) {
      throw new PgferryException(PgferryException.Code.CONFIG, "batch size must be at least 16, got " + batchSize);
    }
  }

  /** Every table, chosen modes, default settings. */
  public static SyncOptions of(Endpoint source, Endpoint target) {
    return new SyncOptions(source, target, List.of(), List.of(), null, CloneOptions.defaultJobs(), DEFAULT_BATCH_SIZE, null, false,
        null, false, Keyless.FULL, Syncer.MarkSource.STATE, List.of());
  }

  @Override
  public String toString() {
    return "SyncOptions[source=" + source.display() + ", target=" + target.display() + ", include=" + include + ", exclude=" + exclude
        + ", mode=" + mode + ", jobs=" + jobs + ", batchSize=" + batchSize + ", delete=" + delete + "]";
  }
}
