package io.pgferry.orchestrator.sync;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.Endpoint;

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
    return builder(source, target).build();
  }

  /** Options built step by step; everything but the two endpoints has a default (see {@link Builder}). */
  public static Builder builder(Endpoint source, Endpoint target) {
    return new Builder(source, target);
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder(source, target).include(include).exclude(exclude).mode(mode).jobs(jobs).batchSize(batchSize).timestampColumn(timestampColumn).delete(delete).targetSchema(targetSchema).excludeGenerated(excludeGenerated).keyless(keyless).markFrom(markFrom).tables(tables);
  }

  /**
   * Builds {@link SyncOptions}. Defaults: every table, each table's mode chosen by what it has,
   * {@link CloneOptions#defaultJobs()} jobs, {@link #DEFAULT_BATCH_SIZE} rows a batch, the
   * {@link #DEFAULT_TIMESTAMP_COLUMN} column, no deletes, each table into its own schema, generated columns
   * copied, keyless tables reloaded in full, the mark read from the target's state, no per-table settings.
   */
  public static final class Builder {
    private Endpoint source;
    private Endpoint target;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private SyncMode mode;
    private int jobs = CloneOptions.defaultJobs();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private String timestampColumn;
    private boolean delete;
    private String targetSchema;
    private boolean excludeGenerated;
    private Keyless keyless = Keyless.FULL;
    private Syncer.MarkSource markFrom = Syncer.MarkSource.STATE;
    private List<TableOverride> tables = List.of();

    private Builder(Endpoint source, Endpoint target) {
      this.source = source;
      this.target = target;
    }

    public Builder source(Endpoint source) {
      this.source = source;
      return this;
    }

    public Builder target(Endpoint target) {
      this.target = target;
      return this;
    }

    /** Table patterns to sync; empty: all. */
    public Builder include(List<String> include) {
      this.include = include;
      return this;
    }

    /** Table patterns to leave out. */
    public Builder exclude(List<String> exclude) {
      this.exclude = exclude;
      return this;
    }

    /** The sync mode of every table; null: each table's chosen by what it has (key, timestamp column). */
    public Builder mode(SyncMode mode) {
      this.mode = mode;
      return this;
    }

    /** Tables synced at once; at least 1. */
    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    /** Rows per batch; at least 16. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** The column that tells newer rows; null: {@link #DEFAULT_TIMESTAMP_COLUMN}. */
    public Builder timestampColumn(String timestampColumn) {
      this.timestampColumn = timestampColumn;
      return this;
    }

    /** Also delete target rows whose key is gone from the source. */
    public Builder delete(boolean delete) {
      this.delete = delete;
      return this;
    }

    /** Sync every table into this schema; null: each table's own. */
    public Builder targetSchema(String targetSchema) {
      this.targetSchema = targetSchema;
      return this;
    }

    /** Leave out columns filled by the target (serial, identity, sequence or uuid defaults). */
    public Builder excludeGenerated(boolean excludeGenerated) {
      this.excludeGenerated = excludeGenerated;
      return this;
    }

    /** What to do with tables without a primary key. */
    public Builder keyless(Keyless keyless) {
      this.keyless = keyless;
      return this;
    }

    /** Where the last run's timestamp mark is read from. */
    public Builder markFrom(Syncer.MarkSource markFrom) {
      this.markFrom = markFrom;
      return this;
    }

    /** Settings for the tables a pattern matches. */
    public Builder tables(List<TableOverride> tables) {
      this.tables = tables;
      return this;
    }

    public SyncOptions build() {
      return new SyncOptions(source, target, include, exclude, mode, jobs, batchSize, timestampColumn, delete, targetSchema, excludeGenerated, keyless, markFrom, tables);
    }
  }

  @Override
  public String toString() {
    return "SyncOptions[source=" + source.display() + ", target=" + target.display() + ", include=" + include + ", exclude=" + exclude
        + ", mode=" + mode + ", jobs=" + jobs + ", batchSize=" + batchSize + ", delete=" + delete + "]";
  }
}
