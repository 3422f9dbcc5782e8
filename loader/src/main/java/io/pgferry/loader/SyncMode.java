package io.pgferry.loader;

/** How {@link Syncer} brings one target table up to date with its source table. */
public enum SyncMode {
  /**
   * Rows whose timestamp column is at or after the table's high-water mark are upserted by primary key, in
   * batches ordered by (timestamp, key), all read from one source snapshot.
   */
  TIMESTAMP,
  /** Rows whose primary key the target lacks are inserted; found by comparing key-range checksums. */
  APPEND,
  /** The target table is emptied and reloaded in one transaction (small tables without a usable key). */
  FULL;

  /** Lower-case name, as written on the command line and stored in the state table. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
