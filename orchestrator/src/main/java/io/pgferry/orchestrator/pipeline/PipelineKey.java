package io.pgferry.orchestrator.pipeline;

/** The top-level keys of a pipeline file. */
public enum PipelineKey implements ConfigKey {
  SOURCE("source", "connection (URL string or mapping)", "required",
      "The database to copy from. Only read, never written."),
  TARGET("target", "connection (URL string or mapping)", "required",
      "The database to copy into. Must not be the source database."),
  INCLUDE("include", "list of patterns, or one comma-separated string", "`[\"*\"]` (every table)",
      "Tables to copy, as shell wildcards on `schema.table` or bare `table`."),
  EXCLUDE("exclude", "list of patterns, or one comma-separated string", "`[]`",
      "Tables to leave out even when `include` matches them. Exclusion wins."),
  SCHEMA_MAP("schema_map", "mapping of source schema to target schema", "`{}` (keep names)",
      "Renames schemas on the way; unmapped schemas keep their name. Two sources may not share a target."),
  JOBS("jobs", "integer " + PipelineKey.MIN_JOBS + ".." + PipelineKey.MAX_JOBS, "number of CPUs",
      "How many tables are loaded in parallel."),
  PHASES("phases", "list of `base`, `load`, `seal`, or one comma-separated string", "`[base, load, seal]`",
      "Which phases to run; any subset, written in that order."),
  SALT("salt", "string", "none",
      "Secret mixed into every `hash` transform so hashes cannot be looked up; required when a `hash` transform is "
          + "used. Never printed or logged; use `${PGFERRY_SALT}` rather than writing it in the file."),
  TABLES("tables", "mapping of table name to table options", "`{}`",
      "Per-table options, keyed by `schema.table` or bare `table` (see [Table options](#table-options))."),
  TRANSFORMS("transforms", "mapping of `[schema.]table.column` to transformer", "`{}`",
      "Column transforms applied while loading (see [Transforms](#transforms) and docs/anonymization.md)."),
  STRICT("strict", "boolean", "`false`",
      "Fail closed: every column of every copied table must have a transform (or `keep`); the run lists the missing "
          + "ones and stops before touching the target."),
  STEPS("steps", "list of `schema-sync`, `clone`, `sync`, or one comma-separated string", "`[clone]`",
      "What the pipeline does, in order, with the same source and target (see [Steps](#steps))."),
  SYNC("sync", "mapping of sync settings", "`{}` (sync defaults)",
      "Settings of the `sync` step: the keys of a sync config file except `source`, `target`, `include`, `exclude` "
          + "and `jobs`, which come from the pipeline (see [docs/sync.md](sync.md#config-file---config-file))."),
  SUBSET("subset", "mapping of subset settings", "none (every row)",
      "Copy a referentially complete slice: start rows, what belongs to them, and every row they reference "
          + "(see [Subset](#subset) and [docs/subset.md](subset.md))."),
  SCHEMA_SYNC("schema_sync", "mapping of schema-sync settings", "`{}` (every schema, backups, 5 s lock timeout)",
      "Settings of the `schema-sync` step (see [Schema-sync step](#schema-sync-step))."),
  ENGINE("engine", "`local` or `flink`", "`local`",
      "What runs the clone's load phase: this process (`local`), or a Flink job (`flink`: a mini cluster inside pgferry, "
          + "or the session cluster of `flink_address`; see [docs/scale-out.md](scale-out.md))."),
  FLINK_ADDRESS("flink_address", "`host:port`", "none (a mini cluster inside pgferry)",
      "The REST endpoint of the Flink session cluster that runs the load (`engine: flink`); its task managers need "
          + "network access to both databases.");

  static final int MIN_JOBS = 1;
  // More than this would exhaust max_connections on a default server long before it speeds anything up.
  static final int MAX_JOBS = 256;

  private final Spec spec;

  PipelineKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
