package io.pgferry.loader;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A table's progress over its pieces: started once, rows and bytes summed, finished when the last piece
 * has committed (only then is the whole table in the target).
 */
final class TableState {
  private final TableLoad load;
  private final AtomicInteger remaining;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong acceptedRows = new AtomicLong();
  private volatile long startNanos;

  TableState(TableLoad load, int pieces) {
    this.load = load;
    this.remaining = new AtomicInteger(pieces);
  }

  TableLoad load() {
    return load;
  }

  /** Rows and bytes an earlier run committed for this table's other pieces. */
  void resumed(long doneRows, long doneBytes) {
    acceptedRows.addAndGet(doneRows);
    bytes.addAndGet(doneBytes);
    rows.addAndGet(doneRows);
  }

  /** True for the first piece to start. */
  boolean start(long now) {
    if (started.compareAndSet(false, true)) {
      startNanos = now;
      return true;
    }
    return false;
  }

  /** Adds a piece's new rows and bytes; returns the table's totals {rows, bytes}. */
  long[] add(long deltaRows, long deltaBytes) {
    return new long[] {rows.addAndGet(deltaRows), bytes.addAndGet(deltaBytes)};
  }

  /** A piece committed with {@code accepted} rows; returns the table's result when it was the last piece. */
  TableResult committed(long accepted, LongSupplier nanoTime) {
    acceptedRows.addAndGet(accepted);
    if (remaining.decrementAndGet() > 0) {
      return null;
    }
    return new TableResult(load.table().name(), load.target(), acceptedRows.get(), bytes.get(),
        Duration.ofNanos(nanoTime.getAsLong() - startNanos), load.transformed());
  }
}
