package io.pgferry.loader;

import java.util.List;

/**
 * Receives progress from the load. Called from worker threads, concurrently for different tables, so
 * implementations must be thread-safe and quick. An exception thrown here is logged and ignored: a broken
 * progress display must not abort a copy.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** The tables that will be copied, in the order they will be started (largest first). */
  default void planned(List<TableLoad> loads) {}

  default void started(TableLoad load) {}

  /**
   * Rows and bytes (COPY text written to the target) so far; at most about every 100 ms per table, plus
   * once at the start and once at the end.
   */
  default void progress(TableLoad load, long rows, long bytes) {}

  default void finished(TableResult result) {}
}
