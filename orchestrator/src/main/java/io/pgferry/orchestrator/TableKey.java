package io.pgferry.orchestrator;

/** The keys of one entry of the {@code tables} section. */
enum TableKey implements ConfigKey {
  WHERE("where", "SQL condition (string)", "none (all rows)",
      "Copies only the rows matching this condition, written as after `WHERE` in PostgreSQL; "
          + "checked for syntax before anything connects.");

  private final String key;
  private final String type;
  private final String defaultValue;
  private final String description;

  TableKey(String key, String type, String defaultValue, String description) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String defaultValue() {
    return defaultValue;
  }

  @Override
  public String description() {
    return description;
  }
}
