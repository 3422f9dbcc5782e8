package io.pgferry.orchestrator.pipeline;

/** Keys of one start table of a pipeline's {@code subset:} section, when given as a mapping. */
public enum SubsetStartKey implements ConfigKey {
  WHERE("where", "SQL condition (string)", "none (every row)", "The start rows, written as after `WHERE`."),
  LIMIT("limit", "integer", "none", "At most this many start rows, in primary key order."),
  PERCENT("percent", "number in (0, 100]", "none", "A random sample of this share of the rows (`TABLESAMPLE BERNOULLI`)."),
  SEED("seed", "integer", "`0`", "The sample's seed: the same seed picks the same rows of the same data.");

  private final Spec spec;

  SubsetStartKey(String key, String type, String defaultValue, String description) {
    this.spec = new Spec(key, type, defaultValue, description);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
