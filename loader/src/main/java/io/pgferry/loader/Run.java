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
   * last piece was its). Small tables go several to a target transaction ({@link PieceGroup}).
   */
  List<TableResult> work(TableCopy.Settings settings) {
    List<TableResult> done = new java.util.ArrayList<>();
    try (Lane lane = new Lane(settings)) {
      Piece piece = next();
      while (piece != null) {
        if (!PieceGroup.fits(piece)) {
          done.addAll(execute(List.of(piece), settings, lane));
          piece = next();
          continue;
        }
        List<Piece> group = new java.util.ArrayList<>();
        group.add(piece);
        piece = next();
        while (piece != null && PieceGroup.fits(piece) && group.size() < PieceGroup.MAX_PIECES) {
          group.add(piece);
          piece = next();
        }
        done.addAll(execute(group, settings, lane));
      }
    }
    return done;
  }

  /**
   * Runs pieces in one target transaction, all again on new connections after a transient error ({@link PieceRetry});
   * returns the results of the tables whose last piece was among them. A group whose copied bytes pass
   * {@link PieceGroup#MAX_BYTES} commits early and goes on in a new transaction, so a table larger than its heap
   * size said (its values kept in TOAST) never holds the others' tables long.
   */
  private List<TableResult> execute(List<Piece> pieces, TableCopy.Settings settings, Lane lane) {
    List<TableResult> results = new java.util.ArrayList<>();
    int from = 0;
    for (int attempt = 1; from < pieces.size(); ) {
      List<TableCopy> copies = new java.util.ArrayList<>();
      List<TableCopy> pending = new java.util.ArrayList<>(); // copied, not yet committed
      List<Long> accepted = new java.util.ArrayList<>(); // rows of each pending copy
      TableCopy current = null;
      try {
        long bytes = 0;
        // After a lost connection the pieces from the first not committed on are not committed either (they were in
        // that transaction or a later one): looking further would also roll back what this attempt has copied.
        boolean checking = attempt > 1;
        int i = from;
        for (; i < pieces.size(); i++) {
          current = new TableCopy(pieces.get(i), settings);
          copies.add(current);
          inFlight.add(current);
          if (failed()) {
            current.cancel(); // fail() may have walked inFlight just before the add
          }
          TableResult[] before = new TableResult[1];
          if (checking && current.committedBefore(lane, before)) {
            if (before[0] != null) {
              results.add(before[0]);
            }
            continue;
          }
          checking = false;
          accepted.add(current.copyInto(lane));
          pending.add(current);
          bytes += current.bytes();
          if (bytes >= PieceGroup.MAX_BYTES) {
            i++;
            break;
          }
        }
        current = null;
        if (!pending.isEmpty()) {
          commit(lane, pending);
        }
        for (int k = 0; k < pending.size(); k++) {
          TableResult r = pending.get(k).finish(accepted.get(k));
          if (r != null) {
            results.add(r);
          }
        }
        from = i;
        attempt = 1;
      } catch (LoadException e) {
        pending.forEach(TableCopy::uncount);
        lane.discard();
        if (!failed() && attempt < retry.attempts() && PieceRetry.isTransient(e.sqlState())) {
          long wait = retry.waitMillis(attempt);
          LOG.warn("{} failed with a transient error ({}); copying {} again on new connections in {} ms (attempt {} of {})",
              label(current, pending), e.getMessage(), again(pieces.size() - from), wait, attempt + 1, retry.attempts());
          retries.incrementAndGet();
          if (pause(wait)) {
            attempt++;
            continue;
          }
        }
        fail(e);
        throw e;
      } catch (RuntimeException | Error e) {
        pending.forEach(TableCopy::uncount);
        lane.discard();
        TableCopy c = current != null ? current : copies.get(copies.size() - 1);
        fail(new LoadException(LoadException.Reason.INTERNAL, c.load().table().name(),
            "unexpected failure copying " + c.load().table().name() + ": " + e, e));
        throw e;
      } finally {
        copies.forEach(inFlight::remove);
      }
    }
    return results;
  }

  private static String label(TableCopy current, List<TableCopy> pending) {
    TableCopy c = current != null ? current : pending.get(pending.size() - 1);
    return c.load().table().name().toString();
  }

  private static String again(int pieces) {
    return pieces == 1 ? "it" : "the " + pieces + " tables of its transaction";
  }

  /** Commits the lane's target transaction that holds {@code pending}. */
  private static void commit(Lane lane, List<TableCopy> pending) {
    try {
      lane.target().commit();
    } catch (java.sql.SQLException e) {
      TableCopy last = pending.get(pending.size() - 1);
      String what = pending.size() == 1 ? "" : " (with " + (pending.size() - 1) + " other tables copied in the same transaction)";
      throw LoadException.of(LoadException.Reason.TARGET_WRITE, last.load().table().name(),
          "committing the copy" + what + " of", e);
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
