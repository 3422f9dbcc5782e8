package io.pgferry.loader;

/**
 * What a sync reports while it works; called from the tables' worker threads. It is also the crash hook:
 * an exception thrown from {@link #batchCommitted} abandons the table right after a committed batch, which is
 * exactly the state a {@code kill -9} at that moment would leave.
 */
public interface SyncListener {
  default void tableStarted(TableSync table) {}

  /** After batch {@code batch} (1-based) of a table committed, with the rows it wrote. */
  default void batchCommitted(TableSync table, long batch, long rows) {}

  /** After a table's key comparison, with what it cost (round trips are what a large table's comparison waits on). */
  default void keysCompared(TableSync table, KeyComparison comparison) {}

  default void tableFinished(SyncResult result) {}

  SyncListener NONE = new SyncListener() {};
}
