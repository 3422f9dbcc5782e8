package io.pgferry.orchestrator.pipeline;

/** Keys of a pipeline's {@code schema_sync:} section; docs/pipeline.md lists them (generated). */
public enum SchemaSyncKey implements ConfigKey {
  SOURCE_SCHEMA("source_schema", "string", "every user schema (or the one `schema_map` entry)",
      "Compare only this source schema."),
  TARGET_SCHEMA("target_schema", "string", "`source_schema`", "The target schema it is brought in line with."),
  PRESERVE("preserve", "backup, rename or none", "backup",
      "What happens to the data of dropped tables and columns (see docs/schema-sync.md)."),
  ALLOW_HAZARDS("allow_hazards", "list of hazard ids, or `all`", "`[]`",
      "Risky changes (e.g. `app.orders.total:type-change`) the run may make; others make it stop before changing anything."),
  LOCK_TIMEOUT("lock_timeout", "duration: `500ms`, `5s`, `1m`", "`5s`",
      "Give up and roll back when a lock is not granted within this time."),
  ONLINE("online", "boolean", "`false`", "Build indexes, keys, checks, foreign keys and NOT NULLs on existing tables without blocking"
      + " writes, each on its own after the plan's transaction (see docs/schema-sync.md).");

  private final Spec spec;

  SchemaSyncKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
