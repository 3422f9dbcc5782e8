package io.pgferry.orchestrator.pipeline;

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

  private final Spec spec;

  ConnectionKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
