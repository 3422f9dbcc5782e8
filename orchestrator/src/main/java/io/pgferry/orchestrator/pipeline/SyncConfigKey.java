package io.pgferry.orchestrator.pipeline;

/** Keys of a sync config file ({@code pgferry sync --config FILE}); docs/sync.md lists them. */
public enum SyncConfigKey implements ConfigKey {
  SOURCE("source", "connection (URL string or mapping)", "required unless the caller gives it", "The database to read from; only ever read."),
  TARGET("target", "connection (URL string or mapping)", "required unless the caller gives it", "The database to bring up to date."),
  INCLUDE("include", "list of patterns, or one comma-separated string", "every table", "Tables to sync (shell wildcards)."),
  EXCLUDE("exclude", "list of patterns, or one comma-separated string", "[]", "Tables left out; exclusion wins."),
  MODE("mode", "timestamp, append or full", "chosen per table", "The mode of every table without its own."),
  JOBS("jobs", "integer 1..256", "number of CPUs", "Tables synced at once (each on one source and one target connection, two of each in timestamp mode with `delete`)."),
  BATCH_SIZE("batch_size", "integer 16..10000000", "10000", "Rows (or keys) per target transaction: upserts, copied rows, deletes."),
  TIMESTAMP_COLUMN("timestamp_column", "string", "updated_at", "The high-water-mark column of timestamp mode."),
  DELETE("delete", "boolean", "false", "Remove target rows whose key is gone from the source."),
  TARGET_SCHEMA("target_schema", "string", "none", "Sync every table into this target schema."),
  EXCLUDE_GENERATED("exclude_generated", "boolean", "false", "Leave identity and sequence-defaulted columns to the target."),
  KEYLESS("keyless", "full or skip", "full", "What a table without a primary key gets."),
  MARK_FROM("mark_from", "state or target", "state", "Where timestamp mode reads the mark it starts from."),
  TABLES("tables", "mapping of table pattern to table options", "{}", "Per-table mode, timestamp_column, delete, skip.");

  private final Spec spec;

  SyncConfigKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }

  /** Keys of one entry under {@code tables}. */
  public enum Table implements ConfigKey {
    MODE("mode", "timestamp, append or full", "the run's", "This table's mode."),
    TIMESTAMP_COLUMN("timestamp_column", "string", "the run's", "This table's mark column."),
    DELETE("delete", "boolean", "the run's", "Whether rows gone from the source are removed."),
    SKIP("skip", "boolean", "false", "Leave the table out.");

    private final Spec spec;

    Table(String key, String type, String defaultValue, String description) {
      this.spec = new Spec(key, type, defaultValue, description);
    }

    @Override
    public Spec spec() {
      return spec;
    }
  }
}
