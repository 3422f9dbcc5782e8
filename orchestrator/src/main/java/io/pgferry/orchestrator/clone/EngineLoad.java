package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.LoadReport;
import io.pgferry.loader.Loader;
import io.pgferry.loader.PieceSpec;
import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TableResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The load phase of a clone on another engine: planned here (the same pieces the local loader would copy, recorded
 * in the clone's record), copied by the engine's workers, and reported here table by table as their last piece
 * commits, so that progress, the parallel seal and the report see what they see of a local load.
 */
final class EngineLoad {
  private EngineLoad() {}

  /** A line on the pieces committed at most this often (a job of many pieces would fill a log otherwise). */
  static final long PIECES_LINE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  static LoadReport run(CloneOptions o, Loader loader, List<TableLoad> loads, String snapshotId, String runId, ProgressListener progress,
      io.pgferry.orchestrator.RunListener listener) {
    long t0 = System.nanoTime();
    if (runId == null) {
      throw new PgferryException(PgferryException.Code.CONFIG, "the " + o.engine() + " engine runs the load of a full clone (all three"
          + " phases, not a dry run): the clone's record in the target is what makes each piece exactly once");
    }
    LoadEngine engine = find(o.engine());
    Loader.Planned planned = loader.plan(loads);
    Map<QualifiedName, TableLoad> byName = new HashMap<>();
    loads.forEach(l -> byName.put(l.table().name(), l));
    progress.planned(loads.stream().filter(l -> l.table().holdsRows()).toList());
    List<TableResult> results = new ArrayList<>(planned.resumed());
    planned.resumed().forEach(progress::finished);
    Map<QualifiedName, long[]> tables = new HashMap<>(); // pieces left, rows, bytes, start
    for (PieceSpec p : planned.pieces()) {
      tables.computeIfAbsent(p.table(), k -> new long[] {0, 0, 0, 0})[0]++;
    }
    // the engine says when a piece has committed, not when it began: every table with pieces counts as started
    // with the job, so that rates and estimates run over the job's time
    long submitted = System.nanoTime();
    tables.forEach((name, t) -> {
      t[3] = submitted;
      if (byName.containsKey(name)) {
        progress.started(byName.get(name));
      }
    });
    int pieces = planned.pieces().size();
    listener.phaseStarted("load", pieces + " pieces on " + o.engine() + (o.engineAddress() == null ? " (in this process)"
        : " at " + o.engineAddress()));
    long[] lastLine = {System.nanoTime()};
    Set<String> seen = new HashSet<>();
    ReentrantLock lock = new ReentrantLock();
    LoadJob job = new LoadJob(o.toBuilder().snapshot(snapshotId).build(), runId, planned.pieces(), o.jobs(), o.engineAddress());
    engine.run(job, r -> {
      lock.lock();
      try {
        if (!seen.add(r.piece().table() + "#" + r.piece().index())) {
          return; // reported again after a failover
        }
        long[] t = tables.get(r.piece().table());
        TableLoad load = byName.get(r.piece().table());
        if (t == null || load == null) {
          return;
        }
        if (System.nanoTime() - lastLine[0] >= PIECES_LINE_NANOS) {
          lastLine[0] = System.nanoTime();
          listener.phaseStarted("load", seen.size() + "/" + pieces + " pieces committed");
        }
        t[1] += r.rows();
        t[2] += r.bytes();
        progress.progress(load, t[1], t[2]);
        if (--t[0] == 0) {
          TableResult done = new TableResult(load.table().name(), load.target(), t[1], t[2], Duration.ofNanos(System.nanoTime() - t[3]),
              load.transformed());
          results.add(done);
          progress.finished(done);
        }
      } finally {
        lock.unlock();
      }
    });
    List<String> missing = new ArrayList<>();
    tables.forEach((name, t) -> {
      if (t[0] > 0) {
        missing.add(name.toString());
      }
    });
    if (!missing.isEmpty()) {
      throw new PgferryException(PgferryException.Code.LOAD, "the " + o.engine() + " engine ended without reporting every piece of "
          + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? ", …" : ""));
    }
    return new LoadReport(results, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** The engine of that name on the class path, or one installed beside pgferry ({@link EngineHome}). */
  static LoadEngine find(String name) {
    List<String> found = new ArrayList<>();
    for (ClassLoader loader : EngineHome.loaders()) {
      for (LoadEngine e : ServiceLoader.load(LoadEngine.class, loader)) {
        if (e.name().equals(name)) {
          return e;
        }
        found.add(e.name());
      }
    }
    throw new PgferryException(PgferryException.Code.CONFIG, "no load engine named " + name + " is installed"
        + (found.isEmpty() ? "" : " (found: local, " + String.join(", ", found) + ")") + ": " + EngineHome.howToInstall(name));
  }
}
