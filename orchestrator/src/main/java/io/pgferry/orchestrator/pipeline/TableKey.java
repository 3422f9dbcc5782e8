package io.pgferry.orchestrator.pipeline;

/** The keys of one entry of the {@code tables} section. */
enum TableKey implements ConfigKey {
  WHERE("where", "SQL condition (string)", "none (all rows)",
      "Copies only the rows matching this condition, written as after `WHERE` in PostgreSQL; "
          + "checked for syntax before anything connects.");

  private final Spec spec;

  TableKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
