package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;

/**
 * Holds a table's copies back until its target table may be written, e.g. while the transaction that
 * creates it has not committed yet. A worker asks before each piece of a table, in the plan's order
 * (largest tables first), so tables that are ready early should be the large ones.
 */
@FunctionalInterface
public interface CopyGate {
  /** Every table may be written at once. */
  CopyGate OPEN = table -> { };

  /**
   * Returns when {@code table} (its source name) may be copied.
   *
   * @throws LoadException to end the load, e.g. when the table will never exist
   */
  void await(QualifiedName table);
}
