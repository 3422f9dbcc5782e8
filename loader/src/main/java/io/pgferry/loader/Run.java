package io.pgferry.loader;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** One call of {@link Loader#load}: the copies in flight and the first failure, which cancels the rest. */
final class Run {
  private final AtomicReference<LoadException> failure = new AtomicReference<>();
  private final Set<TableCopy> inFlight = ConcurrentHashMap.newKeySet();

  boolean failed() {
    return failure.get() != null;
  }

  LoadException failure() {
    return failure.get();
  }

  /** Runs one copy; returns null when it was skipped because another table had already failed. */
  TableResult execute(TableCopy copy, Semaphore slots) {
    try {
      if (failed()) {
        return null;
      }
      inFlight.add(copy);
      if (failed()) {
        copy.cancel(); // fail() may have walked inFlight just before the add
      }
      return copy.run();
    } catch (LoadException e) {
      fail(e);
      throw e;
    } catch (RuntimeException | Error e) {
      fail(new LoadException(LoadException.Code.INTERNAL, copy.load().table().name(),
          "unexpected failure copying " + copy.load().table().name() + ": " + e, e));
      throw e;
    } finally {
      inFlight.remove(copy);
      slots.release();
    }
  }

  /** Records the first failure and cancels every copy in flight; later failures are their consequences. */
  void fail(LoadException e) {
    if (failure.compareAndSet(null, e)) {
      for (TableCopy c : inFlight) {
        c.cancel();
      }
    }
  }
}
