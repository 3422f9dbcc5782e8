package io.pgferry.orchestrator;

import java.util.Locale;

/** The three phases of a run, declared in the only order they can run in. */
public enum Phase {
  /** Tables, types and sequences without indexes, constraints or triggers. */
  BASE,
  /** Parallel COPY of the selected rows, with transforms applied. */
  LOAD,
  /** Indexes, constraints, triggers and sequence values, once the data is in. */
  SEAL;

  /** The name used in pipeline files and on the command line. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
