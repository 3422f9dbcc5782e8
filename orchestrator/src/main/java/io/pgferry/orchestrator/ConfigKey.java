package io.pgferry.orchestrator;

/**
 * One key of one section of a pipeline file. Each section is an enum implementing this, and that enum is
 * the single place that names the key, its type, its default and its description: the parser takes the
 * key names from it and docs/pipeline.md's key tables are generated from it (a test keeps them equal).
 */
interface ConfigKey {
  /** The YAML key. */
  String key();

  /** The accepted YAML shape, in words, e.g. "integer 1..1024". */
  String type();

  /** The default in words, or "required" / "none". */
  String defaultValue();

  /** One or two sentences for the documentation. */
  String description();
}
