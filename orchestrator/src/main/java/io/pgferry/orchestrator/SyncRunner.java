package io.pgferry.orchestrator;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.ExtractException;
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

/**
 * Runs a sync: reads both catalogs, creates target tables that are missing (base DDL and seal of that table,
 * foreign keys left out because their parents may not be there), plans each table's mode, then lets
 * {@link Syncer} run the tables in parallel. Table problems end up in the report; only problems with the
 * whole run (connections, the state tables) are thrown.
 */
public final class SyncRunner {
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
    try (Connection src = o.source().open("pgferry sync"); Connection dst = o.target().open("pgferry sync")) {
      listener.phaseStarted("extract", o.source().display());
      source = read(src, true);
      TargetGuard.DatabaseIdentity a = TargetGuard.identify(src);
      TargetGuard.DatabaseIdentity b = TargetGuard.identify(dst);
      if (a.equals(b) && o.targetSchema() == null) {
        throw new PgferryException(PgferryException.Code.SAME_DATABASE, "source and target are the same database ("
            + o.target().display() + "); refusing to sync a database onto itself. Use --target-schema to sync into another schema");
      }
      target = read(dst, false);
      MissingTables missing = null;
      for (Table t : SyncPlanner.selected(source, o)) {
        QualifiedName name = SyncPlanner.targetName(t.name(), o);
        if (target.table(name).isEmpty() && !SyncPlanner.skippedForNoKey(t, o)) {
          missing = missing != null ? missing : new MissingTables(source, target, o);
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
          .source(() -> o.source().open("pgferry sync"))
          .target(() -> o.target().open("pgferry sync"))
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
    return new SyncReport(o.source().display(), o.target().display(), run.id(), run.tables(), created, plan.warnings(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** The source catalog is read in a read-only transaction: sync never writes to the source. */
  private static Catalog read(Connection c, boolean readOnly) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (readOnly) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      return CatalogReader.read(c);
    } catch (ExtractException e) {
      throw new PgferryException(PgferryException.Code.SCHEMA, e.getMessage(), e);
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
