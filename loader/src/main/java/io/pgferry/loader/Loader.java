package io.pgferry.loader;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The load phase: copies tables from source to target with at most {@code jobs} tables in flight, largest
 * first so the longest copy does not start last.
 *
 * <p>Transactions: each table is copied and committed in its own target transaction. When a table fails,
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

  private final TableCopy.Settings settings;
  private final int jobs;
  private final Executor executor;

  private Loader(Builder b) {
    this.settings = new TableCopy.Settings(b.source, b.target, b.snapshot, b.bufferSize, b.progress, b.nanoTime);
    this.jobs = b.jobs;
    this.executor = b.executor;
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
    List<TableLoad> plan = plan(loads);
    Listeners.planned(settings.listener(), plan);
    Run run = new Run();
    ExecutorService owned = executor == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
    Executor exec = owned != null ? owned : executor;
    Semaphore slots = new Semaphore(jobs);
    List<FutureTask<TableResult>> tasks = new ArrayList<>();
    try {
      for (TableLoad load : plan) {
        slots.acquire();
        if (run.failed()) {
          slots.release();
          break;
        }
        TableCopy copy = new TableCopy(load, settings);
        FutureTask<TableResult> task = new FutureTask<>(() -> run.execute(copy, slots));
        tasks.add(task);
        try {
          exec.execute(task);
        } catch (RejectedExecutionException e) {
          slots.release();
          tasks.remove(task);
          run.fail(new LoadException(LoadException.Code.INTERNAL, load.table().name(), "executor refused the copy of "
              + load.table().name(), e));
          break;
        }
      }
    } catch (InterruptedException e) {
      run.fail(new LoadException(LoadException.Code.INTERRUPTED, null, "load interrupted", e));
      Thread.currentThread().interrupt();
    }
    List<TableResult> results = awaitAll(tasks, run);
    if (owned != null) {
      owned.close();
    }
    if (run.failure() != null) {
      throw run.failure();
    }
    return new LoadReport(results, Duration.ofNanos(settings.nanoTime().getAsLong() - start));
  }

  /** Every copy must end (and close its connections) before load returns, so waiting ignores interrupts. */
  private static List<TableResult> awaitAll(List<FutureTask<TableResult>> tasks, Run run) {
    List<TableResult> results = new ArrayList<>();
    boolean interrupted = false;
    for (FutureTask<TableResult> task : tasks) {
      while (true) {
        try {
          TableResult r = task.get();
          if (r != null) {
            results.add(r);
          }
          break;
        } catch (InterruptedException e) {
          if (!interrupted) {
            interrupted = true;
            run.fail(new LoadException(LoadException.Code.INTERRUPTED, null, "load interrupted", e));
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

  private static List<TableLoad> plan(List<TableLoad> loads) {
    List<TableLoad> plan = new ArrayList<>();
    for (TableLoad load : loads) {
      Table t = load.table();
      if (!t.holdsRows()) {
        continue;
      }
      Set<String> copied = t.copiedColumns().stream().map(Column::name).collect(Collectors.toSet());
      for (String column : load.transformers().keySet()) {
        if (!copied.contains(column)) {
          throw new LoadException(LoadException.Code.CONFIG, t.name(), "table " + t.name() + " has no copied column \""
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

    private Builder() {}

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
      return new LoadException(LoadException.Code.CONFIG, null, message);
    }
  }
}
