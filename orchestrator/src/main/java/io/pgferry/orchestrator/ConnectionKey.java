package io.pgferry.orchestrator;

/** The keys of a connection written as a mapping ({@code source:} / {@code target:}). */
enum ConnectionKey implements ConfigKey {
  URL("url", "string", "none",
      "A `postgresql://` URL or keyword string (`host=... dbname=...`); the keys below override its parts."),
  HOST("host", "string", "none", "Server host name or address."),
  PORT("port", "integer 1..65535", "5432", "Server port."),
  DATABASE("database", "string", "none", "Database name."),
  USER("user", "string", "none", "Role to log in as."),
  PASSWORD("password", "string", "none",
      "Password; never printed. Prefer `${VAR}` over writing it in the file."),
  SCHEMA("schema", "string", "none", "Schema the connection works in by default (its current schema).");

  private final String key;
  private final String type;
  private final String defaultValue;
  private final String description;

  ConnectionKey(String key, String type, String defaultValue, String description) {
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
