package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Predicate;
import java.sql.Connection;
import java.sql.SQLException;
import io.pgferry.extractor.QualifiedName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The load phase: copies tables from source to target on {@code jobs} workers, largest first so the longest
 * copy does not start last. Each worker keeps one source and one target connection for all the tables it
 * copies, so many small tables do not each pay for two new connections. Tables larger than
 * {@link Builder#chunkBytes} are split into page ranges copied by several workers at once.
 *
 * <p>Transactions: each table (or chunk) is copied and committed in its own target transaction, except small tables
 * copied whole, which a worker copies several to a transaction ({@link PieceGroup}). When a table fails,
 * the tables still in flight are cancelled and rolled back, tables not yet started are never started, and
 * {@link #load} throws the first failure; tables that had already committed stay committed (the caller
 * re-runs the load phase on emptied tables, which it must be able to do anyway after a crash).
 *
 * <p>The source is only read: every source connection runs a READ ONLY REPEATABLE READ transaction, on the
 * exported snapshot when one is given, so all tables show the same instant.
 */
public final class Loader {
  /** {@code pg_export_snapshot()} output, e.g. {@code 00000003-0000001B-1}. */
  private static final Pattern SNAPSHOT_ID =
      Pattern.compile("^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$", Pattern.CASE_INSENSITIVE);
  static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
  static final int MIN_BUFFER_SIZE = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Loader.class);
  private final TableCopy.Settings settings;
  private final int jobs;
  private final Executor executor;
  private final long chunkBytes;
  private final boolean freeze;
  private final Predicate<String> binaryTypes;
  private final PieceJournal journal;
  private final PieceRetry retry;

  private Loader(Builder b) {
    this.settings = new TableCopy.Settings(b.source, b.target, b.snapshot, b.bufferSize, b.progress, b.nanoTime, b.journal);
    this.journal = b.journal;
    this.retry = b.retry;
    this.jobs = b.jobs;
    this.executor = b.executor;
    this.chunkBytes = b.chunkBytes;
    this.freeze = b.freeze;
    this.binaryTypes = b.binaryTypes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Copies the tables; partitioned parents are skipped (their partitions carry the rows and are listed on
   * their own). Returns only when every copy has ended, including after a failure.
   *
   * @throws LoadException CONFIG for a load that names columns the table does not copy, otherwise the
   *     first table failure (INTERRUPTED if the calling thread is interrupted)
   */
  public LoadReport load(List<TableLoad> loads) {
    long start = settings.nanoTime().getAsLong();
    List<TableLoad> plan = ordered(loads);
    if (Thread.currentThread().isInterrupted()) {
      throw new LoadException(LoadException.Reason.INTERRUPTED, null, "load interrupted");
    }
    List<TableResult> resumed = new ArrayList<>();
    List<Piece> pieces = piecesRetrying(plan, resumed);
    Listeners.planned(settings.listener(), plan);
    for (TableResult r : resumed) {
      Listeners.finished(settings.listener(), r);
    }
    Run run = new Run(pieces, retry);
    ExecutorService owned = executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
    Executor exec = owned != null ? owned : executor;
    List<FutureTask<List<TableResult>>> tasks = new ArrayList<>();
    for (int w = 0; w < Math.min(jobs, pieces.size()); w++) {
      FutureTask<List<TableResult>> task = new FutureTask<>(() -> run.work(settings));
      tasks.add(task);
      try {
        exec.execute(task);
      } catch (RejectedExecutionException e) {
        tasks.remove(task);
        if (tasks.isEmpty()) {
          run.fail(new LoadException(LoadException.Reason.INTERNAL, null, "executor refused the load's workers", e));
        }
        break; // the workers already running take the remaining pieces
      }
    }
    List<TableResult> results = awaitAll(tasks, run);
    results.addAll(resumed);
    if (owned != null) {
      owned.close();
    }
    if (run.failure() != null) {
      throw run.failure();
    }
    Map<QualifiedName, Integer> order = new HashMap<>();
    for (int i = 0; i < plan.size(); i++) {
      order.put(plan.get(i).table().name(), i);
    }
    results.sort(Comparator.comparingInt(r -> order.getOrDefault(r.source(), Integer.MAX_VALUE)));
    return new LoadReport(results, Duration.ofNanos(settings.nanoTime().getAsLong() - start));
  }

  /** The pieces of a load, planned for workers elsewhere, and the tables an earlier run completed. */
  public record Planned(List<PieceSpec> pieces, List<TableResult> resumed) {}

  /**
   * Plans the load as {@link #load} would, for another engine to run: the pieces in plan order (largest tables
   * first, a table's chunks together), recorded in the journal when there is one. Each piece is then copied by
   * {@link Worker#copy} on a worker that holds the same loads.
   */
  public Planned plan(List<TableLoad> loads) {
    List<TableResult> resumed = new ArrayList<>();
    List<Piece> pieces = piecesRetrying(ordered(loads), resumed);
    return new Planned(pieces.stream().map(PieceSpec::of).toList(), List.copyOf(resumed));
  }

  /** A worker for pieces planned by {@link #plan}; it keeps one source and one target connection between pieces. */
  public Worker worker(List<TableLoad> loads) {
    return new Worker(ordered(loads));
  }

  /**
   * Copies pieces one at a time, each in its own target transaction with its mark in the journal. A piece the journal
   * marks done (an earlier attempt committed it) is not copied again: handed out twice, a piece is still copied once.
   * Used by one thread; {@link #cancel} may be called from another.
   */
  public final class Worker implements AutoCloseable {
    private final Map<QualifiedName, TableLoad> loads = new HashMap<>();
    private final Lane lane = new Lane(settings);
    private volatile TableCopy current;

    private Worker(List<TableLoad> plan) {
      plan.forEach(l -> loads.put(l.table().name(), l));
    }

    public PieceResult copy(PieceSpec spec) {
      TableLoad load = loads.get(spec.table());
      if (load == null) {
        throw new LoadException(LoadException.Reason.CONFIG, spec.table(), "a piece of " + spec.table() + ", which this worker's plan"
            + " of the load does not hold (the plans differ: was the source's schema changed?)");
      }
      Piece piece = new Piece(load, new TableState(load, 1), spec.range(), spec.index(), spec.count(), spec.freeze(), spec.binary());
      TableCopy copy = new TableCopy(piece, settings);
      current = copy;
      try {
        TableResult[] done = new TableResult[1];
        if (copy.committedBefore(lane, done)) {
          return new PieceResult(spec, done[0].rows(), done[0].bytes(), 0, true);
        }
        TableResult r = copy.run(lane);
        return new PieceResult(spec, r.rows(), r.bytes(), r.elapsed().toNanos(), false);
      } catch (LoadException e) {
        lane.discard();
        if ("40001".equals(e.sqlState())) {
          // another attempt at this piece committed first (the journal refused this one's mark): it counts as copied
          TableResult[] done = new TableResult[1];
          Piece fresh = new Piece(load, new TableState(load, 1), spec.range(), spec.index(), spec.count(), spec.freeze(), spec.binary());
          if (new TableCopy(fresh, settings).committedBefore(lane, done)) {
            return new PieceResult(spec, done[0].rows(), done[0].bytes(), 0, true);
          }
        }
        throw e;
      } catch (RuntimeException e) {
        lane.discard();
        throw e;
      } finally {
        current = null;
      }
    }

    /** Stops the piece being copied (from another thread); its transaction rolls back. */
    public void cancel() {
      TableCopy c = current;
      if (c != null) {
        c.cancel();
      }
    }

    @Override
    public void close() {
      lane.close();
    }
  }

  /**
   * Every table as one piece, or, when it is larger than the chunk size, as page ranges (on a server that
   * can scan them); the chunks of a table follow each other, so its index builds can start early.
   */
  private List<Piece> pieces(List<TableLoad> plan, List<TableResult> resumed) {
    List<Piece> out = new ArrayList<>();
    List<PieceJournal.Planned> planned = new ArrayList<>();
    Connection probe = null;
    try {
      for (TableLoad load : plan) {
        boolean binary = binaryTypes != null && !load.transformed()
            && load.table().copiedColumns().stream().allMatch(c -> binaryTypes.test(c.type()));
        PieceJournal.Layout layout = journal == null ? null : journal.layout(load.table().name());
        if (layout != null) {
          resume(load, layout, binary, out, resumed);
          continue;
        }
        // A shuffle permutes values across the rows one query reads; split into page ranges, it would only
        // permute within each range, so such a table is copied whole.
        boolean shuffled = load.transformers().values().stream().anyMatch(t -> t instanceof SourceSide.Shuffle);
        if (load.rows() != null) {
          subsetPieces(load, shuffled, binary, out, planned);
          continue;
        }
        int n = shuffled ? 1 : Chunks.count(load.table().estimatedBytes(), chunkBytes, jobs);
        List<String> ranges = null;
        if (n > 1) {
          if (probe == null) {
            probe = settings.source().open();
            Sessions.prepareSource(probe, settings.snapshot());
          }
          long pages = Chunks.pages(probe, load.table().name().quoted());
          if (pages > 0) {
            ranges = Chunks.ranges(pages, n);
          }
        }
        if (ranges == null) {
          out.add(new Piece(load, new TableState(load, 1), null, 0, 1, freeze, binary));
          planned.add(new PieceJournal.Planned(load.table().name(), load.target(), 0, 1, null));
        } else {
          TableState state = new TableState(load, ranges.size());
          for (int i = 0; i < ranges.size(); i++) {
            out.add(new Piece(load, state, ranges.get(i), i, ranges.size(), false, binary));
            planned.add(new PieceJournal.Planned(load.table().name(), load.target(), i, ranges.size(), ranges.get(i)));
          }
        }
      }
    } catch (SQLException e) {
      throw LoadException.of(LoadException.Reason.SOURCE_READ, null, "sizing the tables to split on the source", e);
    } finally {
      if (probe != null) {
        try {
          probe.rollback();
          probe.close();
        } catch (SQLException e) {
          LOG.debug("closing the sizing connection failed", e);
        }
      }
    }
    if (journal != null && !planned.isEmpty()) {
      try {
        journal.planned(planned);
      } catch (SQLException e) {
        throw LoadException.of(LoadException.Reason.TARGET_WRITE, null, "recording the load's pieces in the target", e);
      }
    }
    return out;
  }

  /**
   * A subset's table: its rows' addresses in pieces of {@link RowAddresses#PIECE_ROWS} (one piece when shuffled).
   * A piece's address list is made when it is copied, not here: held for every piece at once it would cost more
   * than the addresses themselves. The record names each piece by its place, not by the addresses, which only the
   * run's snapshot knows.
   */
  private static void subsetPieces(TableLoad load, boolean shuffled, boolean binary, List<Piece> out,
      List<PieceJournal.Planned> planned) {
    int count = shuffled ? 1 : load.rows().pieces();
    TableState state = new TableState(load, count);
    for (int i = 0; i < count; i++) {
      long from = count == 1 ? 0 : (long) i * RowAddresses.PIECE_ROWS;
      long to = count == 1 ? load.rows().size() : Math.min(load.rows().size(), from + RowAddresses.PIECE_ROWS);
      out.add(new Piece(load, state, null, i, count, false, binary));
      planned.add(new PieceJournal.Planned(load.table().name(), load.target(), i, count, "subset rows " + from + "-" + to));
    }
  }

  /** {@link #pieces}, again after a transient error (nothing is copied or recorded before it succeeds). */
  private List<Piece> piecesRetrying(List<TableLoad> plan, List<TableResult> resumed) {
    for (int attempt = 1; ; attempt++) {
      try {
        resumed.clear();
        return pieces(plan, resumed);
      } catch (LoadException e) {
        if (attempt >= retry.attempts() || !PieceRetry.isTransient(e.sqlState())) {
          throw e;
        }
        long wait = retry.waitMillis(attempt);
        LOG.warn("planning the load failed with a transient error ({}); trying again in {} ms (attempt {} of {})", e.getMessage(),
            wait, attempt + 1, retry.attempts());
        try {
          retry.sleeper().sleep(wait);
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          throw new LoadException(LoadException.Reason.INTERRUPTED, null, "load interrupted", x);
        }
      }
    }
  }

  /** The pieces an earlier run left, on its ranges; a table it completed is reported done at once. */
  private void resume(TableLoad load, PieceJournal.Layout layout, boolean binary, List<Piece> out, List<TableResult> resumed) {
    int count = layout.ranges().size();
    int left = count - layout.done().size();
    if (left <= 0) {
      resumed.add(new TableResult(load.table().name(), load.target(), layout.doneRows(), layout.doneBytes(), Duration.ZERO,
          load.transformed()));
      return;
    }
    TableState state = new TableState(load, left);
    state.resumed(layout.doneRows(), layout.doneBytes());
    for (int i = 0; i < count; i++) {
      if (!layout.done().contains(i)) {
        // a table copied whole is truncated first (FREEZE) only when it was copied whole in the first run too
        out.add(new Piece(load, state, layout.ranges().get(i), i, count, freeze && count == 1, binary));
      }
    }
  }

  /** Every copy must end (and close its connections) before load returns, so waiting ignores interrupts. */
  private static List<TableResult> awaitAll(List<FutureTask<List<TableResult>>> tasks, Run run) {
    List<TableResult> results = new ArrayList<>();
    boolean interrupted = false;
    for (FutureTask<List<TableResult>> task : tasks) {
      while (true) {
        try {
          results.addAll(task.get());
          break;
        } catch (InterruptedException e) {
          if (!interrupted) {
            interrupted = true;
            run.fail(new LoadException(LoadException.Reason.INTERRUPTED, null, "load interrupted", e));
          }
        } catch (ExecutionException e) {
          break; // already recorded by Run.execute
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  private static List<TableLoad> ordered(List<TableLoad> loads) {
    List<TableLoad> plan = new ArrayList<>();
    for (TableLoad load : loads) {
      Table t = load.table();
      if (!t.holdsRows()) {
        continue;
      }
      Set<String> copied = t.copiedColumns().stream().map(Column::name).collect(Collectors.toSet());
      for (String column : load.transformers().keySet()) {
        if (!copied.contains(column)) {
          throw new LoadException(LoadException.Reason.CONFIG, t.name(), "table " + t.name() + " has no copied column \""
              + column + "\" to transform" + (t.column(column).isPresent() ? " (it is a generated column)" : ""));
        }
      }
      plan.add(load);
    }
    // stable: equal sizes keep the caller's order
    plan.sort(Comparator.comparingLong((TableLoad l) -> l.table().estimatedBytes()).reversed());
    return List.copyOf(plan);
  }

  /** Configures a {@link Loader}; source and target are required. */
  public static final class Builder {
    private ConnectionSource source;
    private ConnectionSource target;
    private int jobs = 4;
    private String snapshot;
    private ProgressListener progress = ProgressListener.NONE;
    private int bufferSize = DEFAULT_BUFFER_SIZE;
    private Executor executor;
    private LongSupplier nanoTime = System::nanoTime;
    private long chunkBytes;
    private boolean freeze;
    private Predicate<String> binaryTypes;
    private PieceJournal journal;
    private PieceRetry retry = PieceRetry.DEFAULT;

    private Builder() {}

    /** Records each committed piece and skips those an earlier run committed (default: none). */
    public Builder journal(PieceJournal journal) {
      this.journal = journal;
      return this;
    }

    /** How a piece that lost a connection is tried again (default {@link PieceRetry#DEFAULT}). */
    public Builder retry(PieceRetry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Tables estimated larger than this are copied as several page ranges at once (each its own transaction,
     * all on the snapshot), so one big table keeps every job busy; 0 (the default) never splits. Needs
     * PostgreSQL 14 or later on the source (TID range scans); older sources copy tables whole.
     */
    public Builder chunkBytes(long chunkBytes) {
      if (chunkBytes < 0) {
        throw config("chunkBytes cannot be negative, got " + chunkBytes);
      }
      this.chunkBytes = chunkBytes;
      return this;
    }

    /**
     * Copies each unsplit table as {@code TRUNCATE ONLY} + {@code COPY … FREEZE} in one transaction: rows
     * arrive frozen, so the target never rewrites them for hint bits or freezing. Only for targets whose
     * tables this run created and that hold nothing else: the TRUNCATE empties them. Default off.
     */
    public Builder freeze(boolean freeze) {
      this.freeze = freeze;
      return this;
    }

    /**
     * Copies a table in binary format when every copied column's type (as {@code format_type} prints it)
     * passes {@code typeSupportsBinary} and no column is transformed (transformers work on text); other
     * tables use text. Only types whose binary form is the same on both sides may pass (see
     * {@link BinaryTypes}). Default null: text for every table.
     */
    public Builder binary(Predicate<String> typeSupportsBinary) {
      this.binaryTypes = typeSupportsBinary;
      return this;
    }

    public Builder source(ConnectionSource source) {
      this.source = source;
      return this;
    }

    public Builder target(ConnectionSource target) {
      this.target = target;
      return this;
    }

    /** Tables copied at the same time (each uses one source and one target connection); default 4. */
    public Builder jobs(int jobs) {
      if (jobs < 1) {
        throw config("jobs must be at least 1, got " + jobs);
      }
      this.jobs = jobs;
      return this;
    }

    /** A snapshot id from {@code pg_export_snapshot()} on a transaction the caller keeps open, or null. */
    public Builder snapshot(String exportedSnapshotId) {
      if (exportedSnapshotId != null && !SNAPSHOT_ID.matcher(exportedSnapshotId).matches()) {
        throw config("not a snapshot id from pg_export_snapshot(): '" + exportedSnapshotId + "'");
      }
      this.snapshot = exportedSnapshotId;
      return this;
    }

    public Builder progress(ProgressListener progress) {
      this.progress = progress == null ? ProgressListener.NONE : progress;
      return this;
    }

    /** Bytes gathered before each write to the target; default 256 KiB. */
    public Builder bufferSize(int bufferSize) {
      if (bufferSize < MIN_BUFFER_SIZE) {
        throw config("bufferSize must be at least " + MIN_BUFFER_SIZE + " bytes, got " + bufferSize);
      }
      this.bufferSize = bufferSize;
      return this;
    }

    /**
     * Runs each table copy; default a new virtual thread per table. Concurrency is limited by {@link #jobs}
     * whatever the executor.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The clock for elapsed times and progress throttling (tests inject a fake). */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    public Loader build() {
      if (source == null || target == null) {
        throw config("a loader needs both a source and a target");
      }
      return new Loader(this);
    }

    private static LoadException config(String message) {
      return new LoadException(LoadException.Reason.CONFIG, null, message);
    }
  }
}
