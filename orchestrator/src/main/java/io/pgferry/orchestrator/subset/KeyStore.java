package io.pgferry.orchestrator.subset;

import io.pgferry.loader.RowAddresses;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where a closure keeps the rows it has kept and the rows whose neighbours are still to be looked up: in memory
 * ({@link MemoryKeys}), or in temporary tables on the target ({@link SpilledKeys}) when that would take more
 * memory than allowed. Rows are named by table oid and address ({@link TidSet#encode}).
 *
 * <p>A closure runs in two stages: rounds of children (each round's new rows are the next round's work), then
 * rounds of parents, whose first round is every row kept in the first stage.
 */
interface KeyStore extends AutoCloseable {
  /** Rows handed to a round's work, at most {@link Closure#BATCH} at once. */
  interface Batches {
    void batch(long oid, int via, long[] tids, int n) throws SQLException;
  }

  /**
   * Keeps rows found as start rows or as children through edge {@code via} (-1 for start rows); the new ones are
   * the next children round's work and the parents stage's. Returns how many were new.
   */
  long addDown(long oid, int via, long[] tids, int n) throws SQLException;

  /** Keeps rows found as parents; the new ones are the next parents round's work. Returns how many were new. */
  long addUp(long oid, long[] tids, int n) throws SQLException;

  /** Hands out the work of the next children round, grouped by table; false when there is none. */
  boolean downRound(Batches work) throws SQLException;

  /** Hands out the work of the next parents round, grouped by table and edge; false when there is none. */
  boolean upRound(Batches work) throws SQLException;

  /** The closure is complete: no more rows are added, and no work is handed out. */
  void complete() throws SQLException;

  /** Kept rows per table oid (tables with none are absent). */
  Map<Long, Long> counts() throws SQLException;

  /** The kept rows of one table, ascending (for checks: the load reads {@link #rows}). */
  long[] tids(long oid) throws SQLException;

  /** The kept rows of one table, for the load; valid until {@link #close}. */
  RowAddresses rows(long oid) throws SQLException;

  @Override
  void close();
}
