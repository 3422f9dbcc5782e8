package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Incremental sync: brings target tables up to date with their source tables, at most {@code jobs} tables
 * at a time, each in bounded batches that commit on their own (see {@link SyncMode}). All tables read one
 * exported source snapshot; a table that fails is reported and the others go on.
 *
 * <p>Resume: every batch commits its rows together with the table's counters and high-water mark in the
 * target's {@code pgferry} schema ({@link SyncState}); the next run starts at that mark with {@code >=}, so
 * rows sharing the boundary timestamp are read again (and found equal) rather than skipped.
 */
public final class Syncer {
  private static final Logger LOG = LoggerFactory.getLogger(Syncer.class);
  static final int MIN_BATCH = 16;

  /** Where timestamp mode finds the mark it starts from. */
  public enum MarkSource {
    /** pgferry's state table; the target's largest timestamp when it has none for the table. */
    STATE,
    /** Always the target's largest timestamp (e.g. after the target was reloaded by other means). */
    TARGET
  }

  record Settings(
      ConnectionSource source, ConnectionSource target, String snapshot, InFlight inFlight, int batchSize, MarkSource markFrom,
      Clock clock, SyncListener listener, SyncDiff.Limits diffLimits) {}

  private final Builder b;

  private Syncer(Builder b) {
    this.b = b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every table and records the run in the target's state tables.
   *
   * @param sourceLabel how the source is named in the state table (never a password)
   * @param decided tables the caller already failed or skipped; recorded in the run as they are
   * @throws LoadException TARGET_WRITE when the state tables cannot be written, SOURCE_READ when no
   *     snapshot can be taken; a table's own failure is never thrown but reported in its result
   */
  public SyncRun sync(String sourceLabel, List<TableSync> tables, List<SyncResult> decided) {
    Instant start = b.clock.instant();
    long t0 = System.nanoTime();
    // the source's snapshot is taken while the target records the run: two servers, one wait
    FutureTask<Snapshot> snapshotTask = new FutureTask<>(() -> Snapshot.take(b.source));
    Thread.ofVirtual().name("pgferry-sync-snapshot").start(snapshotTask);
    try (Snapshot snapshot = new Snapshot(snapshotTask);
        Connection state = open(b.target, LoadException.Reason.TARGET_WRITE, "opening the target")) {
      long run = startRun(state, sourceLabel, start, decided);
      Snapshot taken;
      try {
        taken = snapshot.taken();
      } catch (RuntimeException e) {
        // the run was recorded while the snapshot was taken: it must not stay "running"
        try {
          int decidedFailed = (int) decided.stream().filter(r -> r.status() == SyncResult.Status.FAILED).count();
          SyncState.finishRun(state, run, b.clock.instant(), decided.size() - decidedFailed, tables.size() + decidedFailed);
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      Settings settings = new Settings(b.source, b.target, taken.id, taken.inFlight, b.batchSize, b.markFrom, b.clock, b.listener,
          b.diffLimits);
      LOG.debug("sync: state recorded and source snapshot taken in {} ms", SyncTable.ms(t0));
      List<SyncResult> results = new ArrayList<>(decided);
      results.addAll(runAll(tables, settings, run));
      int failed = (int) results.stream().filter(r -> r.status() == SyncResult.Status.FAILED).count();
      finishRun(state, run, results.size() - failed, failed);
      List<String> warnings = new ArrayList<>();
      if (tables.stream().anyMatch(t -> t.mode() == SyncMode.TIMESTAMP) && taken.inFlight.warning() != null) {
        warnings.add(taken.inFlight.warning());
      }
      return new SyncRun(run, results, warnings, Duration.between(start, b.clock.instant()));
    } catch (SQLException e) {
      throw LoadException.of(LoadException.Reason.INTERNAL, null, "closing sync connections", e);
    }
  }

  private long startRun(Connection state, String sourceLabel, Instant start, List<SyncResult> decided) {
    try {
      SyncState.ensure(state);
      long run = SyncState.startRun(state, sourceLabel, start);
      for (SyncResult r : decided) {
        SyncState.startTable(state, run, r, null, null, start);
      }
      return run;
    } catch (SQLException e) {
      throw LoadException.of(LoadException.Reason.TARGET_WRITE, null, "creating pgferry's sync state tables in the target", e);
    }
  }

  /** Largest tables first, so the longest sync does not start last; every task ends before this returns. */
  private List<SyncResult> runAll(List<TableSync> tables, Settings settings, long run) {
    List<TableSync> order = new ArrayList<>(tables);
    order.sort(Comparator.comparingLong((TableSync t) -> t.table().estimatedBytes()).reversed());
    Semaphore slots = new Semaphore(b.jobs);
    List<Future<SyncResult>> futures = new ArrayList<>();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (TableSync t : order) {
        futures.add(exec.submit(() -> {
          slots.acquire();
          try {
            return syncRetrying(t, settings, run);
          } finally {
            slots.release();
          }
        }));
      }
      List<SyncResult> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        out.add(await(futures.get(i), order.get(i)));
      }
      return out;
    }
  }

  /**
   * One table, tried again on new connections after a transient failure (bounded, jittered waits): its batches
   * committed before the failure stay, and the next try goes on from their mark.
   */
  private SyncResult syncRetrying(TableSync t, Settings settings, long run) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      SyncTable table = new SyncTable(t, settings, run, attempt, attempt >= b.retry.attempts());
      SyncResult r = table.run();
      if (!table.retryable()) {
        return r;
      }
      long wait = b.retry.waitMillis(attempt);
      LOG.warn("sync of {} failed with a transient error ({}); trying again in {} ms (attempt {} of {})", t.target(), r.error(),
          wait, attempt + 1, b.retry.attempts());
      b.retry.sleeper().sleep(wait);
    }
  }

  private static SyncResult await(Future<SyncResult> f, TableSync t) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SyncResult.notRun(t.table().name(), t.target(), t.mode(), SyncResult.Status.FAILED, "interrupted");
    } catch (ExecutionException e) {
      return SyncResult.notRun(t.table().name(), t.target(), t.mode(), SyncResult.Status.FAILED, String.valueOf(e.getCause()));
    }
  }

  /**
   * One instant for every table: the tables' rows stay consistent with each other, foreign keys included.
   * Taken on a virtual thread; {@link #id()} waits for it, and closing waits too, so the connection is never leaked.
   */
  private static final class Snapshot implements AutoCloseable {
    private final FutureTask<Snapshot> task;
    private final Connection connection;
    private final String id;
    private final InFlight inFlight;

    Snapshot(FutureTask<Snapshot> task) {
      this.task = task;
      this.connection = null;
      this.id = null;
      this.inFlight = null;
    }

    private Snapshot(Connection connection, InFlight inFlight, String id) {
      this.task = null;
      this.connection = connection;
      this.inFlight = inFlight;
      this.id = id;
    }

    static Snapshot take(ConnectionSource source) {
      Connection c = open(source, LoadException.Reason.SOURCE_READ, "opening the source");
      try {
        c.setAutoCommit(true);
        InFlight inFlight = InFlight.read(c); // before the snapshot: see InFlight
        return new Snapshot(c, inFlight, Snapshots.export(c));
      } catch (SQLException | RuntimeException e) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e instanceof SQLException s ? LoadException.of(LoadException.Reason.SOURCE_READ, null, "taking a snapshot of the source", s)
            : (RuntimeException) e;
      }
    }

    /** The taken snapshot (waits for it). */
    Snapshot taken() {
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoadException(LoadException.Reason.SOURCE_READ, null, "interrupted while taking a snapshot of the source");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r
            : LoadException.of(LoadException.Reason.SOURCE_READ, null, "taking a snapshot of the source", e.getCause());
      }
    }

    @Override
    public void close() throws SQLException {
      Snapshot s;
      try {
        s = taken();
      } catch (RuntimeException e) {
        return; // it failed: there is no connection to close, and the failure was (or will be) reported by id()
      }
      s.connection.close();
    }
  }

  /**
   * Records the end of the run; the state connection sat idle while the tables synced, so a target restart in
   * between lost it: then on a new connection, within the retry policy.
   */
  private void finishRun(Connection state, long run, int ok, int failed) {
    SQLException last = null;
    for (int attempt = 1; attempt <= b.retry.attempts(); attempt++) {
      try {
        if (attempt == 1) {
          SyncState.finishRun(state, run, b.clock.instant(), ok, failed);
        } else {
          try (Connection again = b.target.open()) {
            SyncState.finishRun(again, run, b.clock.instant(), ok, failed);
          }
        }
        return;
      } catch (SQLException e) {
        last = e;
        if (!PieceRetry.isTransient(e.getSQLState()) || attempt == b.retry.attempts()) {
          break;
        }
        try {
          b.retry.sleeper().sleep(b.retry.waitMillis(attempt));
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw LoadException.of(LoadException.Reason.TARGET_WRITE, null, "recording the end of sync run " + run, last);
  }

  private static Connection open(ConnectionSource s, LoadException.Reason code, String what) {
    try {
      return s.open();
    } catch (SQLException e) {
      throw LoadException.of(code, null, what, e);
    }
  }

  /** Configures a {@link Syncer}; source and target are required. */
  public static final class Builder {
    private ConnectionSource source;
    private ConnectionSource target;
    private int jobs = 4;
    private int batchSize = 10_000;
    private MarkSource markFrom = MarkSource.STATE;
    private Clock clock = Clock.systemUTC();
    private SyncListener listener = SyncListener.NONE;
    private SyncDiff.Limits diffLimits = SyncDiff.Limits.DEFAULT;
    private PieceRetry retry = PieceRetry.DEFAULT;

    private Builder() {}

    /** How a table that failed with a transient error is tried again; default {@link PieceRetry#DEFAULT}. */
    public Builder retry(PieceRetry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
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

    /**
     * Tables synced at once; default 4. Each holds one source and one target connection, two of each in
     * timestamp mode with delete (the key comparison runs beside the upserts).
     */
    public Builder jobs(int jobs) {
      if (jobs < 1) {
        throw config("jobs must be at least 1, got " + jobs);
      }
      this.jobs = jobs;
      return this;
    }

    /**
     * Rows per target transaction (upserts, copied rows, deletes); default 10,000.
     * Smaller batches hold locks and WAL for less time; larger ones have less overhead.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < MIN_BATCH) {
        throw config("batch size must be at least " + MIN_BATCH + ", got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    public Builder markFrom(MarkSource markFrom) {
      this.markFrom = Objects.requireNonNull(markFrom, "markFrom");
      return this;
    }

    /** The clock for the state table's times and elapsed times (tests inject a fixed one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(SyncListener listener) {
      this.listener = listener == null ? SyncListener.NONE : listener;
      return this;
    }

    /** Memory limits of the key comparison; tests make them tiny to exercise its chunking. */
    Builder diffLimits(SyncDiff.Limits diffLimits) {
      this.diffLimits = Objects.requireNonNull(diffLimits, "diffLimits");
      return this;
    }

    public Syncer build() {
      if (source == null || target == null) {
        throw config("a syncer needs both a source and a target");
      }
      return new Syncer(this);
    }

    private static LoadException config(String message) {
      return new LoadException(LoadException.Reason.CONFIG, null, message);
    }
  }
}
