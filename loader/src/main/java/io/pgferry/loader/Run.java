package io.pgferry.loader;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call of {@link Loader#load}: the queue of pieces, the copies in flight and the first failure, which
 * cancels the rest.
 */
final class Run {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Run.class);
  private final AtomicReference<LoadException> failure = new AtomicReference<>();
  private final Set<TableCopy> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Piece> pieces;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final PieceRetry retry;

  Run(List<Piece> pieces, PieceRetry retry) {
    this.pieces = List.copyOf(pieces);
    this.retry = retry;
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

  /** The next piece in plan order, or null when all are taken or the run failed. */
  Piece next() {
    if (failed()) {
      return null;
    }
    int i = next.getAndIncrement();
    return i < pieces.size() ? pieces.get(i) : null;
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
    }
  }
}
