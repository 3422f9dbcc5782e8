package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.Loader;
import io.pgferry.loader.PieceResult;
import io.pgferry.loader.PieceSpec;
import io.pgferry.loader.TableLoad;
import io.pgferry.orchestrator.resume.CloneJournal;
import io.pgferry.orchestrator.subset.SubsetPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An engine's worker side of a {@link LoadJob}, in whatever process it runs: the clone's loads planned again from its
 * options, as of its snapshot (the same catalog, the same column rules, the same subset rows: the transformers are
 * rebuilt here, never shipped), and a loader whose journal is the clone's record in the target.
 */
public final class RemoteLoads implements AutoCloseable {
  private final SubsetPlan subset;
  private final Loader.Worker worker;

  private RemoteLoads(SubsetPlan subset, Loader.Worker worker) {
    this.subset = subset;
    this.worker = worker;
  }

  /** Plans the job's loads on this process and opens a worker for its pieces. */
  public static RemoteLoads worker(LoadJob job) {
    CloneOptions o = job.options();
    Connection snapshot = o.source().open("pgferry load plan");
    SubsetPlan subset = null;
    try {
      io.pgferry.loader.Snapshots.importInto(snapshot, o.snapshot());
      Catalog catalog = CatalogReader.read(snapshot, o.privileges(), o.owners(), null);
      ClonePlan plan = ClonePlanner.plan(catalog, o);
      if (o.subset() != null) {
        plan = SubsetLoads.apply(snapshot, catalog, o, plan);
        subset = plan.subset();
      }
      List<TableLoad> loads = plan.loads();
      Loader loader = Loader.builder().source(o.source().source("pgferry load")).target(o.target().source("pgferry load"))
          .snapshot(o.snapshot()).journal(CloneJournal.marks(job.runId())).build();
      return new RemoteLoads(subset, loader.worker(loads));
    } catch (SQLException e) {
      if (subset != null) {
        subset.close();
      }
      throw new PgferryException(PgferryException.Code.CONNECTION, "could not read the source as of the clone's snapshot "
          + o.snapshot() + " (does the clone that holds it still run?): " + io.pgferry.extractor.ServerError.describe(e), e);
    } catch (RuntimeException e) {
      if (subset != null) {
        subset.close();
      }
      throw e;
    } finally {
      try {
        snapshot.rollback();
        snapshot.close();
      } catch (SQLException e) {
        // the plan is made; a connection that does not close cleanly changes nothing
      }
    }
  }

  /** Copies one piece, or finds it committed before; see {@link Loader.Worker#copy}. */
  public PieceResult copy(PieceSpec piece) {
    return worker.copy(piece);
  }

  /** Stops the piece being copied, from another thread. */
  public void cancel() {
    worker.cancel();
  }

  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      if (subset != null) {
        subset.close();
      }
    }
  }
}
