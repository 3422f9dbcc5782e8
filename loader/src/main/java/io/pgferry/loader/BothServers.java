package io.pgferry.loader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query on the source and the target at once, the target's on a virtual thread: each server works while
 * the other does (the key comparison's queries, {@link SyncDiff}).
 */
final class BothServers {
  private static final Logger LOG = LoggerFactory.getLogger(BothServers.class);

  /** The same query for either side; {@code onTarget} tells which. */
  interface Query<T> {
    T run(Connection c, boolean onTarget) throws SQLException;
  }

  private final Connection src;
  private final Connection dst;
  private final String label;
  private long queries;

  /** {@code label} names the work in debug lines ("key comparison of public.t"). */
  BothServers(Connection src, Connection dst, String label) {
    this.src = src;
    this.dst = dst;
    this.label = label;
  }

  /** Queries sent so far, on each side. */
  long queries() {
    return queries;
  }

  /** The source's answer, then the target's; both connections are idle again when this returns or throws. */
  <T> List<T> run(Query<T> q) throws SQLException {
    long t0 = System.nanoTime();
    try {
      return timed(q);
    } finally {
      LOG.debug("{}, query {}: {} ms until both sides answered", label, queries, SyncTable.ms(t0));
    }
  }

  private <T> List<T> timed(Query<T> q) throws SQLException {
    queries++;
    FutureTask<T> onTarget = new FutureTask<>(() -> q.run(dst, true));
    Thread.ofVirtual().name("pgferry-sync-target").start(onTarget);
    T source;
    try {
      source = q.run(src, false);
    } catch (SQLException | RuntimeException e) {
      try {
        await(onTarget, "comparing keys"); // the target connection must be idle before the caller rolls it back
      } catch (SQLException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return List.of(source, await(onTarget, "comparing keys"));
  }

  /** Waits for a task of another thread of this sync; its SQLException or RuntimeException is rethrown as it is. */
  static <T> T await(Future<T> task, String doing) throws SQLException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new SQLException("interrupted while " + doing, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException s) {
        throw s;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
