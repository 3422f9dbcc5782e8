package io.pgferry.orchestrator.sync;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.TargetGuard;
import io.pgferry.orchestrator.connect.Endpoint;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.Table;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.SyncListener;
import io.pgferry.loader.SyncResult;
import io.pgferry.loader.SyncRun;
import io.pgferry.loader.Syncer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sync: reads both catalogs, creates target tables that are missing (base DDL and seal of that table,
 * foreign keys left out because their parents may not be there), plans each table's mode, then lets
 * {@link Syncer} run the tables in parallel. Table problems end up in the report; only problems with the
 * whole run (connections, the state tables) are thrown.
 */
public final class SyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
  private final RunListener listener;
  private final SyncListener tables;
  private final Clock clock;

  public SyncRunner(RunListener listener) {
    this(listener, SyncListener.NONE, Clock.systemUTC());
  }

  /** With a per-batch listener (tests use it to inject a crash) and the clock for the state table. */
  public SyncRunner(RunListener listener, SyncListener tables, Clock clock) {
    this.listener = listener;
    this.tables = tables;
    this.clock = clock;
  }

  public SyncReport run(SyncOptions o) {
    long t0 = System.nanoTime();
    Catalog source;
    Catalog target;
    List<String> created = new ArrayList<>();
    List<SyncResult> notCreated = new ArrayList<>();
    // Both servers work at once: the target is opened and its catalog read on a virtual thread while the
    // source's is read here. Reading the target before the same-database check below is harmless (read only).
    listener.phaseStarted("extract", o.source().display());
    FutureTask<Side> targetSide = new FutureTask<>(() -> Side.read(o.target(), false));
    Thread.ofVirtual().name("pgferry-sync-target-catalog").start(targetSide);
    try (Side s = Side.readOrDiscard(o.source(), targetSide); Side d = Side.await(targetSide)) {
      LOG.debug("sync: both catalogs read in {} ms", (System.nanoTime() - t0) / 1_000_000);
      Connection dst = d.connection();
      source = s.catalog();
      if (s.identity().equals(d.identity()) && o.targetSchema() == null) {
        throw new PgferryException(PgferryException.Code.SAME_DATABASE, "source and target are the same database ("
            + o.target().display() + "); refusing to sync a database onto itself. Use " + io.pgferry.extractor.Option.TARGET_SCHEMA.mention() + " to sync into another schema");
      }
      target = d.catalog();
      MissingTables missing = null;
      for (Table t : SyncPlanner.selected(source, o)) {
        QualifiedName name = SyncPlanner.targetName(t.name(), o);
        if (target.table(name).isEmpty() && !SyncPlanner.skippedForNoKey(t, o)) {
          // creating tables needs the types, domains and other objects the tables-only read leaves out: both
          // catalogs are read in full, only on this (rare) path
          missing = missing != null ? missing : new MissingTables(readFull(s.connection(), true), readFull(dst, false), o);
          String problem = missing.create(dst, t);
          if (problem == null) {
            created.add(name.toString());
          } else {
            notCreated.add(SyncResult.notRun(t.name(), name, null, SyncResult.Status.FAILED, problem));
          }
        }
      }
      if (!created.isEmpty()) {
        listener.warning("created " + created.size() + " missing target table(s): " + String.join(", ", created));
        target = read(dst, false);
      }
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "lost the connection: " + Applier.describe(e), e);
    }
    SyncPlanner.Plan plan = SyncPlanner.plan(source, target, o);
    plan.warnings().forEach(listener::warning);
    List<SyncResult> decided = new ArrayList<>(notCreated);
    plan.decided().stream().filter(d -> notCreated.stream().noneMatch(n -> n.source().equals(d.source()))).forEach(decided::add);
    listener.phaseStarted("sync", plan.runs().size() + " tables, " + o.jobs() + " jobs, batches of " + o.batchSize());
    SyncRun run;
    try {
      run = Syncer.builder()
          .source(o.source().source("pgferry sync"))
          .target(o.target().source("pgferry sync"))
          .jobs(o.jobs())
          .batchSize(o.batchSize())
          .markFrom(o.markFrom())
          .clock(clock)
          .listener(tables)
          .build()
          .sync(o.source().display(), plan.runs(), decided);
    } catch (LoadException e) {
      if (e.getCause() instanceof PgferryException p) {
        throw p;
      }
      throw new PgferryException(PgferryException.Code.LOAD, "sync failed: " + e.getMessage(), e);
    }
    try {
      SequenceCatchUp.run(source, run.tables(), o);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "could not catch up the target's sequences: "
          + Applier.describe(e), e);
    }
    run.warnings().forEach(listener::warning);
    List<String> warnings = new ArrayList<>(plan.warnings());
    warnings.addAll(run.warnings());
    return new SyncReport(o.source().display(), o.target().display(), run.id(), run.tables(), created, warnings,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** One side's connection, identity and catalog. */
  private record Side(Connection connection, TargetGuard.DatabaseIdentity identity, Catalog catalog) implements AutoCloseable {
    static Side read(Endpoint spec, boolean source) throws SQLException {
      Connection c = spec.open("pgferry sync");
      try {
        return new Side(c, TargetGuard.identify(c), SyncRunner.read(c, source));
      } catch (SQLException | RuntimeException e) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    /** Reads the source; when that fails, the target's side is waited for and closed, never leaked. */
    static Side readOrDiscard(Endpoint source, FutureTask<Side> other) throws SQLException {
      try {
        return read(source, true);
      } catch (SQLException | RuntimeException e) {
        try {
          await(other).close();
        } catch (SQLException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    /** The other side's result; its failure is thrown as it is (a PgferryException keeps its code). */
    static Side await(FutureTask<Side> task) throws SQLException {
      try {
        return task.get();
      } catch (InterruptedException e) {
        // the target's side is still opening or reading: whatever it opens is closed when it is done
        Thread.ofVirtual().name("pgferry-sync-discard").start(() -> discard(task));
        Thread.currentThread().interrupt();
        throw new PgferryException(PgferryException.Code.CONNECTION, "interrupted while reading the target's catalog", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException q) {
          throw q;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    /** Waits for a side nobody will use and closes its connection; its failure no longer matters. */
    private static void discard(FutureTask<Side> task) {
      try {
        task.get().close();
      } catch (InterruptedException | ExecutionException | SQLException | RuntimeException ignored) {
        // the run has failed already; a side that failed to open has nothing to close
      }
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /** The tables-only catalog (what planning and syncing rows need); see {@link #readFull}. */
  private static Catalog read(Connection c, boolean readOnly) throws SQLException {
    return read(c, readOnly, false);
  }

  /** Every object kind: creating a missing table needs its types, domains and sequences. */
  private static Catalog readFull(Connection c, boolean readOnly) throws SQLException {
    return read(c, readOnly, true);
  }

  /** The source catalog is read in a read-only transaction: sync never writes to the source. */
  private static Catalog read(Connection c, boolean readOnly, boolean full) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (readOnly) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      return full ? CatalogReader.read(c) : CatalogReader.readTables(c);
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
