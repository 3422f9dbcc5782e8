package io.pgferry.orchestrator.pipeline;

/** Keys of a pipeline's {@code subset:} section; docs/pipeline.md lists them (generated). */
public enum SubsetKey implements ConfigKey {
  START("start", "mapping of `schema.table` to a condition string, or to {where, limit, percent, seed}", "required",
      "The rows the subset starts from. A table's `where` under `tables` starts it too."),
  CHILDREN("children", "boolean", "`true`",
      "Also keep the rows that reference kept start rows, transitively (never the children of rows kept only as parents)."),
  OTHERS("others", "all, none or schema only", "all",
      "What the tables the subset never reaches get: every row (none if they reference a subsetted table), no table, or an empty table."),
  VIRTUAL_FOREIGN_KEYS("virtual_foreign_keys", "list of {from: `schema.table(col, …)`, to: `schema.table(col, …)`}", "`[]`",
      "Relationships the database does not declare, followed like foreign keys."),
  SKIP("skip", "list of `schema.table(col, …)` or `schema.table.constraint`", "`[]`",
      "Foreign keys not followed towards children (parents are always kept)."),
  MEMORY("memory", "size (`512MB`, `2GB`, `0`)", "`512MB`",
      "Memory for the kept rows' addresses (at most 64 bytes a row); a larger subset keeps them in temporary tables on the target.");

  private final Spec spec;

  SubsetKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
