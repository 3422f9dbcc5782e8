package io.pgferry.orchestrator.pipeline;

/**
 * One key of one section of a pipeline file. Each section is an enum implementing this, and that enum is
 * the single place that names the key, its type, its default and its description: the parser takes the
 * key names from it and docs/pipeline.md's key tables are generated from it (a test keeps them equal).
 */
public interface ConfigKey {
  /**
   * What each section enum stores per key.
   *
   * @param key the YAML key
   * @param type the accepted YAML shape, in words, e.g. "integer 1..1024"
   * @param defaultValue the default in words, or "required" / "none"
   * @param description one or two sentences for the documentation
   */
  record Spec(String key, String type, String defaultValue, String description) {}

  Spec spec();

  default String key() {
    return spec().key();
  }

  default String type() {
    return spec().type();
  }

  default String defaultValue() {
    return spec().defaultValue();
  }

  default String description() {
    return spec().description();
  }
}
