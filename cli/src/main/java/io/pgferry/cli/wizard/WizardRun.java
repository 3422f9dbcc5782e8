package io.pgferry.cli.wizard;

import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.SyncListener;
import io.pgferry.loader.SyncResult;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TableResult;
import io.pgferry.loader.TableSync;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.CloneTuning;
import io.pgferry.orchestrator.sync.SyncReport;
import io.pgferry.orchestrator.sync.SyncRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A run the wizard started, on its own thread, through the same runners as {@code pgferry clone} and
 * {@code pgferry sync}, and what the screens show of it: the phase, each table's rows and bytes, warnings, the
 * outcome. Listeners are called from worker threads; readers take a {@link #view} under the lock.
 */
final class WizardRun implements RunListener, ProgressListener, SyncListener {
  /** One table's progress. */
  record TableProgress(String name, long estimatedRows, long rows, long bytes, boolean done) {}

  /** A consistent copy of the run's state for one redraw. */
  record View(String phase, List<TableProgress> tables, List<String> log, long rows, long bytes, long estimatedRows, long elapsedNanos,
      boolean finished, Outcome outcome) {}

  /** How the run ended: one of the reports, or the failure (the first error), or cancelled. */
  record Outcome(CloneReport copy, SyncReport sync, io.pgferry.orchestrator.schemasync.SchemaSyncReport schema, PgferryException failure,
      boolean cancelled) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final long started = System.nanoTime();
  private final Map<String, TableProgress> tables = new LinkedHashMap<>();
  private final List<String> log = new ArrayList<>();
  private String phase = "starting";
  private Outcome outcome;
  private long endNanos;
  private volatile boolean cancelRequested;
  private Thread thread;

  /** Starts the plan's run on a new thread. */
  static WizardRun start(WizardPlan plan) {
    WizardRun run = new WizardRun();
    run.thread = new Thread(() -> run.execute(plan), "pgferry-wizard-run");
    run.thread.start();
    return run;
  }

  private void execute(WizardPlan plan) {
    Outcome o;
    try {
      o = switch (plan.mode) {
        case FULL_COPY, SUBSET -> new Outcome(new CloneRunner(this, CloneTuning.defaults()).run(plan.cloneOptions()), null, null, null, false);
        case SCHEMA_SYNC -> new Outcome(null, null, new io.pgferry.orchestrator.schemasync.SchemaSyncRunner(this).run(plan.schemaSyncOptions(false)),
            null, false);
        case INCREMENTAL_SYNC, TABLE_OPERATIONS -> {
          SyncReport r = new SyncRunner(this, this, Clock.systemUTC()).run(plan.syncOptions());
          yield new Outcome(null, r, null, r.failure(), false);
        }
      };
    } catch (PgferryException e) {
      o = new Outcome(null, null, null, e, cancelRequested);
    } catch (RuntimeException e) {
      o = new Outcome(null, null, null, new PgferryException(PgferryException.Code.INTERNAL, "unexpected error: " + e, e), cancelRequested);
    }
    lock.lock();
    try {
      outcome = o;
      endNanos = System.nanoTime();
      phase = o.cancelled() ? "cancelled" : o.failure() != null ? "failed" : "done";
    } finally {
      lock.unlock();
    }
  }

  /**
   * Cancels the run as a failure would stop it: the load's copies are cancelled and what the run created is
   * removed again (the clone's usual cleanup), so the target is as it was found.
   */
  void cancel() {
    cancelRequested = true;
    thread.interrupt();
  }

  boolean finished() {
    return !thread.isAlive();
  }

  void await() throws InterruptedException {
    thread.join();
  }

  View view() {
    lock.lock();
    try {
      long rows = 0;
      long bytes = 0;
      long estimated = 0;
      for (TableProgress t : tables.values()) {
        rows += t.rows();
        bytes += t.bytes();
        estimated += Math.max(t.estimatedRows(), t.rows());
      }
      return new View(phase, List.copyOf(tables.values()), List.copyOf(log), rows, bytes, estimated,
          (outcome == null ? System.nanoTime() : endNanos) - started, outcome != null, outcome);
    } finally {
      lock.unlock();
    }
  }

  private void locked(Runnable r) {
    lock.lock();
    try {
      r.run();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void phaseStarted(String p, String detail) {
    locked(() -> {
      phase = p;
      log.add(p + (detail == null || detail.isBlank() ? "" : ": " + detail));
    });
  }

  @Override
  public void warning(String message) {
    locked(() -> log.add("warning: " + message));
  }

  @Override
  public ProgressListener loadProgress() {
    return this;
  }

  @Override
  public void planned(List<TableLoad> loads) {
    locked(() -> {
      for (TableLoad l : loads) {
        tables.putIfAbsent(l.table().name().toString(),
            new TableProgress(l.table().name().toString(), Math.max(0, l.table().estimatedRows()), 0, 0, false));
      }
    });
  }

  @Override
  public void progress(TableLoad load, long rows, long bytes) {
    locked(() -> tables.compute(load.table().name().toString(), (k, t) -> new TableProgress(k,
        t == null ? Math.max(0, load.table().estimatedRows()) : t.estimatedRows(), rows, bytes, t != null && t.done())));
  }

  @Override
  public void finished(TableResult result) {
    locked(() -> tables.compute(result.source().toString(), (k, t) -> new TableProgress(k, t == null ? result.rows() : t.estimatedRows(),
        result.rows(), result.bytes(), true)));
  }

  @Override
  public void tableStarted(TableSync table) {
    locked(() -> {
      phase = "sync";
      tables.putIfAbsent(table.table().name().toString(), new TableProgress(table.table().name().toString(), 0, 0, 0, false));
    });
  }

  @Override
  public void batchCommitted(TableSync table, long batch, long rows) {
    locked(() -> tables.compute(table.table().name().toString(), (k, t) -> new TableProgress(k, 0, (t == null ? 0 : t.rows()) + rows,
        0, false)));
  }

  @Override
  public void tableFinished(SyncResult r) {
    locked(() -> {
      tables.compute(r.source().toString(), (k, t) -> new TableProgress(k, 0, r.inserted() + r.updated() + r.deleted(), 0, true));
      if (r.error() != null) {
        log.add(r.source() + ": " + r.error());
      }
    });
  }
}
