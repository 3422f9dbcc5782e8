package io.pgferry.orchestrator.pipeline;

import java.util.Locale;

/** What a pipeline does with its source and target; a pipeline runs its steps in the order written. */
public enum Step {
  /** Brings the target's schema in line with the source's, in one transaction ({@code schema_sync:}, docs/schema-sync.md). */
  SCHEMA_SYNC,
  /** The three-phase clone (base, load, seal) into a target that does not hold the tables yet. */
  CLONE,
  /** Brings the target's rows up to date with the source ({@code sync:} section, docs/sync.md). */
  SYNC;

  /** The name used in pipeline files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
