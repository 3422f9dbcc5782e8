package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOperation;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table or one chunk of it ({@link Piece}): COPY TO STDOUT on a source connection streamed into
 * COPY FROM STDIN on a target connection, through one reusable buffer, and commits the target. Used by one thread; {@link #cancel} may
 * be called from any other.
 *
 * <p>Memory per table is the buffer plus one row: pgjdbc hands each source row over as a fresh array (the
 * server sends exactly one row per CopyData message), which is copied into the buffer and never kept.
 *
 * <p>Known limit: pgjdbc does not look for server messages while a COPY FROM is being written, so an error
 * the target raises mid-table (a CHECK violation, say) surfaces at {@code endCopy}, after the rest of the
 * source table has been streamed (the target discards it without inserting). Errors on the source side,
 * transformer failures and cancellation stop the copy at once.
 */
final class TableCopy {
  private static final Logger LOG = LoggerFactory.getLogger(TableCopy.class);
  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What a copy needs besides its table; shared by all tables of a load. */
  record Settings(
      ConnectionSource source,
      ConnectionSource target,
      String snapshot,
      int bufferSize,
      ProgressListener listener,
      LongSupplier nanoTime,
      PieceJournal journal) {}

  private final Piece piece;
  private final TableLoad load;
  private final Settings settings;
  private final QualifiedName name;
  private volatile boolean cancelled;
  private volatile PGConnection sourcePg;
  private volatile PGConnection targetPg;
  private long rows;
  private long bytes;
  private long reportedRows;
  private long reportedBytes;

  TableCopy(Piece piece, Settings settings) {
    this.piece = piece;
    this.load = piece.load();
    this.settings = settings;
    this.name = load.table().name();
  }

  TableLoad load() {
    return load;
  }

  /**
   * Stops the copy from another thread: the flag ends the loop at the next row, and a cancel request makes
   * the servers abort a COPY the worker may be blocked in.
   */
  void cancel() {
    cancelled = true;
    for (PGConnection pg : new PGConnection[] {sourcePg, targetPg}) {
      if (pg != null) {
        try {
          pg.cancelQuery();
        } catch (SQLException | RuntimeException e) {
          LOG.debug("cancel request for {} failed", name, e);
        }
      }
    }
  }

  /**
   * Before a piece is copied again after a transient error: when the journal marks it done, its commit went through
   * and only the acknowledgement was lost, so it counts as copied (its rows, once) instead of being copied twice.
   * Returns true then, with the table's result in {@code out[0]} when it was the last piece.
   */
  boolean committedBefore(Lane lane, TableResult[] out) {
    if (settings.journal() == null) {
      return false;
    }
    long[] done;
    try {
      Connection dst = lane.target();
      done = settings.journal().committed(dst, name, piece.index());
      dst.rollback();
    } catch (SQLException e) {
      throw LoadException.of(LoadException.Reason.TARGET_WRITE, name, "cannot read the record of the pieces of", e);
    }
    if (done == null) {
      return false;
    }
    LOG.info("{} was committed before its connection was lost; not copied again", piece.label());
    piece.table().add(0, done[1]); // its bytes count once, as its rows do
    out[0] = piece.table().committed(done[0], settings.nanoTime());
    if (out[0] != null) {
      Listeners.finished(settings.listener(), out[0]);
    }
    return true;
  }

  /**
   * Copies the piece on the lane's connections and commits the target. Returns the table's result when this
   * was its last piece, else null. On failure the lane's connections must be discarded.
   */
  TableResult run(Lane lane) {
    long accepted = copyInto(lane);
    try {
      lane.target().commit();
    } catch (SQLException e) {
      uncount();
      throw targetFailure(e);
    }
    return finish(accepted);
  }

  /**
   * Copies the piece into the lane's open target transaction (marked in the journal when there is one) without
   * committing it: the caller commits, then calls {@link #finish}, or {@link #uncount} when the transaction is lost.
   * On failure the target transaction is rolled back (with whatever else it held) and the lane must be discarded.
   * Returns the rows the target accepted.
   */
  long copyInto(Lane lane) {
    long start = settings.nanoTime().getAsLong();
    Connection dst = null;
    CopyIn in = null;
    CopyOut out = null;
    boolean copied = false;
    Throwable failure = null;
    try {
      checkCancelled();
      if (piece.table().start(start)) {
        Listeners.started(settings.listener(), load);
      }
      try {
        dst = lane.target();
        targetPg = Lane.pg(dst);
        checkCancelled();
        if (piece.freeze()) {
          try (Statement s = dst.createStatement()) {
            s.execute(Sessions.truncate(load));
          }
        }
        in = targetPg.getCopyAPI().copyIn(Sessions.copyIn(load, piece.freeze(), piece.binary()));
      } catch (SQLException e) {
        throw LoadException.of(LoadException.Reason.TARGET_WRITE, name, "cannot start writing target table "
            + load.target() + " for", e);
      }
      String range = piece.range();
      if (load.rows() != null) {
        try {
          range = load.rows().condition(piece.index(), piece.count());
        } catch (SQLException e) {
          throw LoadException.of(LoadException.Reason.TARGET_WRITE, name, "cannot read the subset's row addresses kept in the target for", e);
        }
      }
      try {
        Connection src = lane.source();
        sourcePg = Lane.pg(src);
        checkCancelled();
        out = sourcePg.getCopyAPI().copyOut(Sessions.copyOut(load, range, piece.binary()));
      } catch (SQLException e) {
        throw LoadException.of(LoadException.Reason.SOURCE_READ, name, "cannot start reading source table", e);
      }
      pump(out, in, start);
      long accepted;
      try {
        accepted = in.endCopy();
        if (settings.journal() != null) {
          settings.journal().committing(dst, name, piece.index(), accepted, bytes);
        }
      } catch (SQLException e) {
        throw targetFailure(e);
      }
      report();
      copied = true;
      LOG.debug("copied {} rows ({} bytes) of {} in {}", accepted, bytes, piece.label(),
          Duration.ofNanos(settings.nanoTime().getAsLong() - start));
      return accepted;
    } catch (LoadException e) {
      failure = e;
      throw e;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      // order matters: end the COPYs before rollback, or the connections refuse the rollback
      cancelQuietly(out, failure);
      cancelQuietly(in, failure);
      if (!copied) {
        if (dst != null) {
          quietly(dst::rollback, failure);
        }
        uncount();
      }
      sourcePg = null;
      targetPg = null;
    }
  }

  /** The bytes this piece has sent so far. */
  long bytes() {
    return bytes;
  }

  /** After the target committed the piece: counts it, and reports the table finished when it was the last piece. */
  TableResult finish(long accepted) {
    TableResult result = piece.table().committed(accepted, settings.nanoTime());
    if (result != null) {
      Listeners.finished(settings.listener(), result);
    }
    return result;
  }

  /** The piece's rows are not in the target (its transaction rolled back): a retry counts them again from zero. */
  void uncount() {
    if (reportedRows != 0 || reportedBytes != 0) {
      piece.table().add(-reportedRows, -reportedBytes);
      reportedRows = 0;
      reportedBytes = 0;
    }
  }

  /** Adds this piece's rows and bytes since the last report to the table's totals and reports those. */
  private void report() {
    long[] totals = piece.table().add(rows - reportedRows, bytes - reportedBytes);
    reportedRows = rows;
    reportedBytes = bytes;
    Listeners.progress(settings.listener(), load, totals[0], totals[1]);
  }

  /** The first buffer of a table: most tables of a big schema are small. */
  static final int START_BUFFER = 8 * 1024;

  private void pump(CopyOut out, CopyIn in, long start) {
    // Grown as rows come, up to the buffer size: a fresh 256 kB buffer per table was most of the client's
    // CPU in a load of 10,000 three-row tables (allocating and zeroing 2.5 GB).
    byte[] buffer = new byte[Math.min(settings.bufferSize(), START_BUFFER)];
    int filled = 0;
    RowRewriter rewriter = load.rewritesRows()
        ? new RowRewriter(Sessions.streamed(load).stream().map(Column::name).toList(), load.transformers(),
            Sessions.conditions(load))
        : null;
    long lastReport = start;
    report();
    while (true) {
      checkCancelled();
      byte[] row;
      try {
        row = out.readFromCopy();
      } catch (SQLException e) {
        throw sourceFailure(e);
      }
      if (row == null) {
        break;
      }
      byte[] data = row;
      int length = row.length;
      if (rewriter != null) {
        ByteSink rewritten = rewrite(rewriter, row);
        data = rewritten.array();
        length = rewritten.length();
      }
      if (filled + length > buffer.length && buffer.length < settings.bufferSize()) {
        buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(settings.bufferSize(),
            Math.max(2L * buffer.length, (long) filled + length)));
      }
      if (filled + length > buffer.length) {
        write(in, buffer, filled);
        filled = 0;
      }
      if (length >= buffer.length) {
        write(in, data, length); // a row bigger than the buffer goes out on its own
      } else {
        System.arraycopy(data, 0, buffer, filled, length);
        filled += length;
      }
      if (!(piece.binary() && length == 2 && row[0] == (byte) 0xFF && row[1] == (byte) 0xFF)) {
        rows++; // a binary COPY ends with a message of its own (a field count of -1), which is no row
      }
      bytes += length;
      if (settings.listener() != ProgressListener.NONE) {
        long now = settings.nanoTime().getAsLong();
        if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
          lastReport = now;
          report();
        }
      }
    }
    if (filled > 0) {
      write(in, buffer, filled);
    }
  }

  private ByteSink rewrite(RowRewriter rewriter, byte[] row) {
    try {
      return rewriter.rewrite(row, row.length);
    } catch (RowRewriter.TransformFailure e) {
      Throwable cause = e.getCause();
      throw new LoadException(LoadException.Reason.TRANSFORM, name, "transforming column \"" + e.column
          + "\" of " + name + " failed at row " + (rows + 1) + ": " + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    } catch (RowRewriter.MalformedRow e) {
      throw new LoadException(LoadException.Reason.INTERNAL, name,
          "unexpected COPY row from " + name + " at row " + (rows + 1) + ": " + e.getMessage(), e);
    }
  }

  private void write(CopyIn in, byte[] data, int length) {
    try {
      in.writeToCopy(data, 0, length);
    } catch (SQLException e) {
      throw targetFailure(e);
    }
  }

  private void checkCancelled() {
    if (cancelled) {
      throw new LoadException(LoadException.Reason.INTERRUPTED, name, "copy of " + name + " cancelled");
    }
  }

  private LoadException sourceFailure(SQLException e) {
    return cancelled || Thread.currentThread().isInterrupted()
        ? new LoadException(LoadException.Reason.INTERRUPTED, name, "copy of " + name + " cancelled", e)
        : LoadException.of(LoadException.Reason.SOURCE_READ, name, "reading source table", e);
  }

  private LoadException targetFailure(SQLException e) {
    return cancelled || Thread.currentThread().isInterrupted()
        ? new LoadException(LoadException.Reason.INTERRUPTED, name, "copy of " + name + " cancelled", e)
        : LoadException.of(LoadException.Reason.TARGET_WRITE, name, "writing " + load.target() + " from source table", e);
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private void quietly(SqlAction action, Throwable failure) {
    try {
      action.run();
    } catch (SQLException | RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        LOG.debug("cleanup after copying {} failed", name, e);
      }
    }
  }

  private void cancelQuietly(CopyOperation op, Throwable failure) {
    if (op != null && op.isActive()) {
      quietly(op::cancelCopy, failure);
    }
  }

}
