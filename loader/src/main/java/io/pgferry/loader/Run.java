package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One call of {@link Loader#load}: the queue of pieces, the copies in flight and the first failure, which
 * cancels the rest. Pieces are handed out in plan order among those whose table has arrived ({@link Arrivals});
 * without arrivals every table is there from the start.
 */
final class Run {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Run.class);
  private final AtomicReference<LoadException> failure = new AtomicReference<>();
  private final Set<TableCopy> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Piece> pieces;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** Indexes into {@link #pieces} that may be copied, lowest (plan order) first. */
  private final PriorityQueue<Integer> ready = new PriorityQueue<>();
  /** Pieces whose target table has not arrived, by that table. */
  private final Map<QualifiedName, List<Integer>> waiting = new HashMap<>();
  /** Every table has arrived: nothing waits. */
  private boolean open = true;
  private final AtomicInteger retries = new AtomicInteger();
  private final PieceRetry retry;

  Run(List<Piece> pieces, PieceRetry retry) {
    this.pieces = List.copyOf(pieces);
    this.retry = retry;
    for (int i = 0; i < this.pieces.size(); i++) {
      ready.add(i);
    }
  }

  /** Before any worker starts: no piece may be copied until its target table arrives. */
  void expectArrivals() {
    lock.lock();
    try {
      open = false;
      ready.clear();
      for (int i = 0; i < pieces.size(); i++) {
        waiting.computeIfAbsent(pieces.get(i).load().target(), k -> new ArrayList<>()).add(i);
      }
    } finally {
      lock.unlock();
    }
  }

  void arrive(Collection<QualifiedName> targetTables) {
    lock.lock();
    try {
      for (QualifiedName t : targetTables) {
        List<Integer> now = waiting.remove(t);
        if (now != null) {
          ready.addAll(now);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void arriveAll() {
    lock.lock();
    try {
      open = true;
      waiting.values().forEach(ready::addAll);
      waiting.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Pieces copied again after a transient error. */
  int retries() {
    return retries.get();
  }

  boolean failed() {
    return failure.get() != null;
  }

  LoadException failure() {
    return failure.get();
  }

  /**
   * The next piece in plan order among those that may be copied, waiting for a table to arrive when none may; null when
   * all are taken or the run failed.
   */
  Piece next() {
    lock.lock();
    try {
      while (true) {
        if (failed()) {
          return null;
        }
        Integer i = ready.poll();
        if (i != null) {
          return pieces.get(i);
        }
        if (open || waiting.isEmpty()) {
          return null;
        }
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail(new LoadException(LoadException.Reason.INTERRUPTED, null, "load interrupted", e));
          return null;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * One worker: copies pieces on its own lane until none is left; returns the tables it completed (their
   * last piece was its).
   */
  List<TableResult> work(TableCopy.Settings settings) {
    List<TableResult> done = new java.util.ArrayList<>();
    try (Lane lane = new Lane(settings)) {
      Piece piece;
      while ((piece = next()) != null) {
        TableResult r = execute(piece, settings, lane);
        if (r != null) {
          done.add(r);
        }
      }
    }
    return done;
  }

  /**
   * Runs one piece, again on new connections after a transient error ({@link PieceRetry}); returns the table's
   * result when it was the table's last piece, else null.
   */
  private TableResult execute(Piece piece, TableCopy.Settings settings, Lane lane) {
    for (int attempt = 1; ; attempt++) {
      TableCopy copy = new TableCopy(piece, settings);
      try {
        inFlight.add(copy);
        if (failed()) {
          copy.cancel(); // fail() may have walked inFlight just before the add
        }
        TableResult[] done = new TableResult[1];
        if (attempt > 1 && copy.committedBefore(lane, done)) {
          return done[0];
        }
        return copy.run(lane);
      } catch (LoadException e) {
        lane.discard();
        if (!failed() && attempt < retry.attempts() && PieceRetry.isTransient(e.sqlState())) {
          long wait = retry.waitMillis(attempt);
          LOG.warn("{} failed with a transient error ({}); copying it again on new connections in {} ms (attempt {} of {})",
              piece.label(), e.getMessage(), wait, attempt + 1, retry.attempts());
          retries.incrementAndGet();
          if (pause(wait)) {
            continue;
          }
        }
        fail(e);
        throw e;
      } catch (RuntimeException | Error e) {
        lane.discard();
        fail(new LoadException(LoadException.Reason.INTERNAL, copy.load().table().name(),
            "unexpected failure copying " + copy.load().table().name() + ": " + e, e));
        throw e;
      } finally {
        inFlight.remove(copy);
      }
    }
  }

  private boolean pause(long millis) {
    try {
      retry.sleeper().sleep(millis);
      return !failed();
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Records the first failure and cancels every copy in flight; later failures are their consequences. */
  void fail(LoadException e) {
    if (failure.compareAndSet(null, e)) {
      for (TableCopy c : inFlight) {
        c.cancel();
      }
      lock.lock();
      try {
        changed.signalAll(); // workers waiting for arrivals end
      } finally {
        lock.unlock();
      }
    }
  }
}
