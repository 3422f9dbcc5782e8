package io.pgferry.orchestrator;

/** The three phases of a clone, in the order they run. */
public enum Phase {
  /** Schemas, types, sequences and bare tables. */
  BASE,
  /** Parallel COPY of the rows. */
  LOAD,
  /** Constraints, indexes, foreign keys and views, in one transaction. */
  SEAL
}
