package io.pgferry.loader;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a {@link ProgressListener} so that its failures are logged, never propagated into a copy. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private Listeners() {}

  static void planned(ProgressListener l, List<TableLoad> loads) {
    try {
      l.planned(loads);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed in planned()", e);
    }
  }

  static void started(ProgressListener l, TableLoad load) {
    try {
      l.started(load);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed in started() for {}", load.table().name(), e);
    }
  }

  static void progress(ProgressListener l, TableLoad load, long rows, long bytes) {
    try {
      l.progress(load, rows, bytes);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed in progress() for {}", load.table().name(), e);
    }
  }

  static void finished(ProgressListener l, TableResult result) {
    try {
      l.finished(result);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed in finished() for {}", result.source(), e);
    }
  }
}
