package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.LockBudget;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.resume.CloneJournal;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.TargetGuard;
import io.pgferry.orchestrator.anonymize.SampleCheck;

import io.pgferry.applier.Applier;
import io.pgferry.applier.Reconnect;
import io.pgferry.applier.ApplyException;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.LoadReport;
import io.pgferry.loader.Loader;
import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.TableLoad;
import io.pgferry.orchestrator.subset.SubsetPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a clone: extract (inside an exported snapshot) → base DDL (one transaction, or as many as the target's
 * lock table needs) → parallel load
 * (every worker on that snapshot) → sequences → seal.
 *
 * <p>The seal runs, by default, as a {@link ParallelSeal}: a table's indexes are built as soon as its
 * load committed, on {@code jobs} connections of their own, and foreign keys are validated in parallel —
 * many transactions. {@link CloneTuning.SealMode#SINGLE_TRANSACTION} (and a run of the seal phase without
 * the load) keeps the seal in one transaction after the load.
 *
 * <p>If the load or the seal fails, what this run created is dropped again (the run proved beforehand
 * that none of it existed; every index and constraint the seal adds belongs to a table the run created),
 * so a failed clone leaves the target as it found it — unless {@link CloneOptions#keepOnFailure()} asks
 * to keep it for inspection. The clone is reported done only when every part of the seal succeeded.
 */
public final class CloneRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CloneRunner.class);
  private final RunListener listener;
  private final CloneTuning tuning;
  private final long sealSplitBytes;
  private final int baseParallelMin;

  public CloneRunner(RunListener listener) {
    this(listener, CloneTuning.defaults());
  }

  public CloneRunner(RunListener listener, CloneTuning tuning) {
    this(listener, tuning, SealPlan.SPLIT_BYTES);
  }

  /** {@code sealSplitBytes}: see {@link SealPlan#of(Catalog, SchemaMap, long)}; tests lower it. */
  CloneRunner(RunListener listener, CloneTuning tuning, long sealSplitBytes) {
    this(listener, tuning, sealSplitBytes, BaseSchedule.PARALLEL_MIN);
  }

  /** {@code baseParallelMin}: see {@link BaseSchedule#of}; tests lower it. */
  CloneRunner(RunListener listener, CloneTuning tuning, long sealSplitBytes, int baseParallelMin) {
    this.listener = listener;
    this.tuning = tuning == null ? CloneTuning.defaults() : tuning;
    this.sealSplitBytes = sealSplitBytes;
    this.baseParallelMin = baseParallelMin;
  }

  public CloneReport run(CloneOptions o) {
    long start = System.nanoTime();
    List<CloneReport.PhaseReport> phases = new ArrayList<>();
    Connection snapshot = o.source().open("pgferry extract");
    SnapshotReaders.Pending<List<SourceInventory.Item>> inventory = null;
    SubsetPlan subset = null;
    try {
      String snapshotId = beginSnapshot(snapshot, o.snapshot());
      try (TargetLink link = TargetLink.open(o.target().source("pgferry"), o.target().open("pgferry"), Reconnect.DEFAULT)) {
        Connection target = link.connection();
        long t0 = System.nanoTime();
        listener.phaseStarted("extract", o.source().display());
        // backends read side by side: the tables, the other objects, sequence values, the inventory of everything
        inventory = SnapshotReaders.start(o.source(), snapshotId, snapshot, SourceInventory::read);
        Catalog catalog = read(snapshot, o, SnapshotReaders.helpers(o.source(), snapshotId));
        SchemaMap map = SchemaMap.of(o.schemaMap());
        List<LargeObjects.Item> blobs = o.phases().contains(Phase.LOAD) ? LargeObjects.list(snapshot) : List.of();
        // Before anything is changed: an object of a kind pgferry cannot create stops the run, or is named.
        ClonePlan plan = ClonePlanner.plan(catalog, o).withWarnings(CoverageGuard.check(CoverageGuard.uncovered(
            withoutFollowPublication(inventory.join(), o.followPublication()), catalog, o.privileges(), LargeObjects.keys(blobs)),
            o.allowUncovered()));
        if (o.subset() != null) {
          plan = SubsetLoads.apply(snapshot, catalog, o, plan); // in the snapshot the load reads
          subset = plan.subset();
          listener.phaseStarted("subset", plan.subset().summary());
        }
        TargetGuard.refuseSameDatabase(identify(snapshot, "source"), identify(target, "target"), plan.catalog(), map,
            o.target().display());
        plan.warnings().forEach(listener::warning);
        SampleCheck.run(snapshot, plan);
        phases.add(finished(new CloneReport.PhaseReport("extract", plan.catalog().tables().size(), 0, 0, 0, since(t0))));
        refuseMissingRoles(snapshot, target, o);
        if (o.dryRun()) {
          return new CloneReport(o.source().display(), o.target().display(), phases, List.of(), plan.warnings(), since(start), true,
              plan);
        }
        if (Interruption.recorded(o) || o.recovery() == CloneOptions.Recovery.ABORT) {
          CloneJournal.claim(target); // no other live clone into this database from here on
          link.onReopen(CloneJournal::claim);
        }
        CloneJournal.Interrupted prior = CloneJournal.find(target);
        if (prior != null && o.recovery() != CloneOptions.Recovery.NONE) {
          int ended = CloneJournal.endLeftovers(target);
          if (ended > 0) {
            LOG.info("ended {} backend(s) the interrupted run left on the target", ended);
          }
        }
        if (o.recovery() == CloneOptions.Recovery.ABORT) {
          return Interruption.abort(prior, o, plan, map, target, blobs, listener, since(start));
        }
        Resume resume = null;
        if (Interruption.recorded(o)) {
          String fingerprint = Interruption.fingerprint(plan, o);
          String xmax = Interruption.sourceXmax(snapshot);
          Interruption.check(prior, o, fingerprint, xmax, listener);
          resume = new Resume(prior, fingerprint, xmax);
        } else if (prior != null || o.recovery() != CloneOptions.Recovery.NONE) {
          throw new PgferryException(PgferryException.Code.CONFIG, prior != null
              ? "the target holds an interrupted clone; resume it (" + Interruption.RESUME + ") or remove it (" + Interruption.ABORT + ") before running single phases"
              : Interruption.RESUME + " and " + Interruption.ABORT + " are for clones of all three phases");
        }
        return execute(o, plan, map, snapshotId, link, phases, start, new Blobs(snapshot, blobs, new ArrayList<>()), resume);
      } catch (SQLException e) {
        throw new PgferryException(PgferryException.Code.CONNECTION, "lost the connection: " + Applier.describe(e), e);
      }
    } finally {
      if (inventory != null) {
        inventory.cancel();
      }
      if (subset != null) {
        subset.close(); // after the load: it may read the kept rows from a target session
      }
      closeSnapshot(snapshot);
    }
  }

  /** The source's inventory without the publication follow made for this copy (and its tables' memberships). */
  private static List<SourceInventory.Item> withoutFollowPublication(List<SourceInventory.Item> items, String publication) {
    if (publication == null) {
      return items;
    }
    return items.stream().filter(i -> !(i.kind().equals("publication") && i.identity().equals(publication))
        && !(i.kind().startsWith("publication") && i.identity().endsWith(" in publication " + publication))).toList();
  }

  /** The plan without running it (what {@code --dry-run} prints). */
  public ClonePlan plan(CloneOptions o) {
    Connection snapshot = o.source().open("pgferry extract");
    try {
      beginSnapshot(snapshot);
      Catalog catalog = read(snapshot, o);
      ClonePlan plan = ClonePlanner.plan(catalog, o);
      if (o.subset() == null) {
        return plan;
      }
      ClonePlan subsetted = SubsetLoads.apply(snapshot, catalog, o, plan);
      subsetted.subset().close(); // the plan is for reading: its rows are not copied
      return subsetted;
    } finally {
      closeSnapshot(snapshot);
    }
  }

  /** A recorded clone: the interrupted run to go on with (or null), and the new run's identity. */
  private record Resume(CloneJournal.Interrupted prior, String fingerprint, String sourceXmax) {}

  /** The source's large objects, read on the snapshot connection, and those the run created in the target. */
  private record Blobs(Connection source, List<LargeObjects.Item> items, List<Long> created) {}

  private CloneReport execute(CloneOptions o, ClonePlan plan, SchemaMap map, String snapshotId, TargetLink link,
      List<CloneReport.PhaseReport> phases, long start, Blobs blobs, Resume resume) throws SQLException {
    Connection target = link.connection();
    CloneJournal.Interrupted prior = resume == null ? null : resume.prior();
    Set<String> schemasBefore = prior != null ? prior.schemasBefore() : TargetGuard.existingSchemas(target);
    CloneJournal journal = resume == null ? null : prior != null ? CloneJournal.resume(target, prior)
        : CloneJournal.start(target, o.source().display(), resume.fingerprint(), resume.sourceXmax(), schemasBefore);
    if (prior != null) {
      LOG.info("resuming clone {}: {} pieces and {} seal statements were committed before", prior.id(), journal.piecesDone(),
          journal.stepsDone());
    }
    // anything of an interrupted run may be in the target: a failure now undoes it too
    boolean created = prior != null;
    boolean done = false;
    boolean parallel = tuning.seal() == CloneTuning.SealMode.PARALLEL && o.phases().contains(Phase.LOAD)
        && o.phases().contains(Phase.SEAL);
    ParallelSeal seal = null;
    Exception failure = null;
    LockBudget locks = LockBudget.of(target);
    try {
      List<TableLoad> loads = plan.loads();
      int tables = plan.catalog().tables().size();
      if (prior != null && prior.phase() == CloneJournal.Phase.BASE) {
        // the base phase was cut short: what it committed goes, and it runs again whole (no data was loaded yet)
        TargetGuard.undo(target, plan.catalog(), map, schemasBefore, locks);
      }
      if (o.phases().contains(Phase.BASE) && (prior == null || prior.phase() == CloneJournal.Phase.BASE)) {
        List<String> existing = new ArrayList<>(TargetGuard.existing(target, plan.catalog(), map));
        LargeObjects.existing(target, blobs.items()).forEach(oid -> existing.add("large object " + oid));
        if (!existing.isEmpty()) {
          throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "the target already has " + existing.size()
              + " of the objects this clone creates (" + String.join(", ", existing.subList(0, Math.min(5, existing.size())))
              + (existing.size() > 5 ? ", …" : "") + "); clone into an empty database, choose another schema with " + io.pgferry.extractor.Option.SCHEMA_MAP.mention() + ","
              + " or drop them first. Nothing was changed");
        }
        List<io.pgferry.extractor.Extensions.Unavailable> missing = io.pgferry.extractor.Extensions.missingOn(target,
            plan.catalog().objects());
        if (!missing.isEmpty()) {
          throw new PgferryException(PgferryException.Code.SCHEMA, "the target cannot provide " + missing.size() + " extension(s) the"
              + " source uses: " + String.join("; ", missing.stream().map(m -> m.name() + " " + m.version() + " (" + m.reason() + ")")
              .toList()) + ". Install them on the target server first. Nothing was changed");
        }
        long t0 = System.nanoTime();
        // Several transactions when one would not fit the target's lock table (10,000 tables on a server with
        // default settings), or when a large independent part runs on several connections; a failure in a later
        // one is undone like any other failure of the run.
        BaseSchedule schedule = BaseSchedule.of(plan.baseWaves(), o.jobs(), baseParallelMin, locks);
        int transactions = schedule.transactions();
        listener.phaseStarted("base", plan.base().size() + " statements" + (transactions > 1 ? " in " + transactions
            + " transactions (each within the target's lock table)" + (schedule.connections() > 1 ? " on up to "
            + schedule.connections() + " connections" : "") : ""));
        Applier baseApplier = Applier.builder().pipelined(true).build();
        int committed = 0;
        for (BaseSchedule.Step step : schedule.steps()) {
          if (step.parallel()) {
            created = true; // a part may commit before another fails
            String name = "base (transactions " + (committed + 1) + "-" + (committed + step.transactions()) + " of " + transactions
                + ", on " + step.connections().size() + " connections)";
            BaseSchedule.runParallel(step, link, o.target().source("pgferry base"), Reconnect.DEFAULT,
                (t, applier, batch, n) -> apply(t, applier, batch, n, PgferryException.Code.SCHEMA), name);
            committed += step.transactions();
            continue;
          }
          for (List<SqlStatement> batch : step.connections().get(0)) {
            String name = transactions > 1 ? "base (transaction " + (++committed) + " of " + transactions + ")" : "base";
            link.run(t -> apply(t, baseApplier, batch, name, PgferryException.Code.SCHEMA));
            created = true;
          }
        }
        phases.add(finished(new CloneReport.PhaseReport("base", tables, plan.base().size(), 0, 0, since(t0))));
        if (journal != null) {
          link.run(t -> journal.phase(t, CloneJournal.Phase.LOAD));
        }
      }
      List<io.pgferry.loader.TableResult> results = List.of();
      if (parallel) {
        seal = new ParallelSeal(SealPlan.of(plan.catalog(), map, sealSplitBytes), o.target().source("pgferry seal"), o.jobs(), tuning, locks,
            Thread.ofVirtual().name("pgferry-seal-", 0).factory(), journal == null ? null : journal.steps());
      }
      if (o.phases().contains(Phase.LOAD)) {
        long t0 = System.nanoTime();
        listener.phaseStarted("load", loads.size() + " tables, " + o.jobs() + " jobs"
            + (parallel ? "; index builds start as tables complete" : ""));
        LoadReport report = load(o, plan, loads, snapshotId, seal, journal == null ? null : journal.pieces(link::connection),
            journal == null ? null : journal.id());
        results = report.tables();
        // all copied before the seal began
        List<LargeObjects.Item> items = prior != null && prior.phase() == CloneJournal.Phase.SEAL ? List.of() : blobs.items();
        int[] tries = {0};
        long blobBytes = link.call(t -> {
          if (prior != null || tries[0]++ > 0) {
            // a part copied by the interrupted run, or by this one before it lost the connection
            LargeObjects.unlink(t, LargeObjects.existing(t, items));
            blobs.created().clear();
          }
          return LargeObjects.copy(blobs.source(), t, items, o.owners(), o.privileges(), blobs.created());
        }, () -> !isClosed(blobs.source())); // a lost source is a lost snapshot: no new target connection brings it back
        if (!blobs.items().isEmpty()) {
          LOG.info("copied {} large objects, {} bytes", blobs.items().size(), blobBytes);
        }
        link.run(t -> setSequences(t, plan.sequences(), locks));
        if (journal != null) {
          link.run(t -> journal.phase(t, CloneJournal.Phase.SEAL));
        }
        phases.add(finished(new CloneReport.PhaseReport("load", loads.size(), plan.sequences().size(), report.rows(), report.bytes(),
            since(t0))));
      }
      if (o.phases().contains(Phase.SEAL)) {
        long t0 = System.nanoTime();
        if (seal != null) {
          listener.phaseStarted("seal", plan.seal().size() + " statements on " + o.jobs() + " connections ("
              + seal.builds() + " index builds already done during the load)");
          int n = seal.finish();
          if (seal.retries() > 0) {
            listener.warning("the seal ran " + seal.retries() + " transaction(s) again after a deadlock, serialization failure, lost connection or"
                + " lock timeout; each then succeeded");
          }
          phases.add(finished(new CloneReport.PhaseReport("seal", tables, n, 0, 0, since(t0))));
        } else {
          // One transaction, unless the target's lock table cannot hold it: then in order, in several.
          List<List<SqlStatement>> batches = locks.split(plan.seal());
          listener.phaseStarted("seal", plan.seal().size() + " statements");
          if (batches.size() > 1) {
            listener.warning("the seal takes more locks than one transaction can hold on the target (max_locks_per_transaction);"
                + " it runs as " + batches.size() + " transactions, and a failure in any of them still removes the whole clone");
          }
          // the seal's session settings stay on this connection; GIN builds get their own maintenance_work_mem
          Applier sealApplier = Applier.builder().sessionSettings(tuning.sealSettings()).statementSettings(tuning::statementSettings)
              .journal(journal == null ? null : journal.steps()).build();
          for (int i = 0; i < batches.size(); i++) {
            List<SqlStatement> batch = batches.get(i);
            String name = batches.size() > 1 ? "seal (transaction " + (i + 1) + " of " + batches.size() + ")" : "seal";
            link.run(t -> apply(t, sealApplier, batch, name, PgferryException.Code.SEAL));
          }
          phases.add(finished(new CloneReport.PhaseReport("seal", tables, plan.seal().size(), 0, 0, since(t0))));
        }
      }
      done = true;
      if (journal != null) {
        // on a connection of its own: the run's may have been lost to a target restart the seal survived
        try (Connection last = o.target().open("pgferry")) {
          CloneJournal.remove(last, journal.id(), prior != null ? prior.createdSchema() : !schemasBefore.contains("pgferry"));
        }
      }
      return new CloneReport(o.source().display(), o.target().display(), phases, results, plan.warnings(), since(start), false,
          plan.subset() == null ? null : plan);
    } catch (RuntimeException | SQLException e) {
      failure = e;
      throw e;
    } finally {
      if (seal != null) {
        seal.close(); // before the undo: no seal connection may still hold a lock on the tables it drops
      }
      if (!done) {
        // A cancel interrupts this thread: the undo must still run its statements, and the caller still sees the flag.
        boolean interrupted = Thread.interrupted();
        try {
          FailedRun.settle(new FailedRun.State(o, plan, map, link, journal, prior, schemasBefore, locks, blobs.items(), blobs.created(),
              created), failure, listener);
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  /** Policies, grants and owners name roles; roles are cluster-wide and never created by a clone. */
  private static void refuseMissingRoles(Connection source, Connection target, CloneOptions o) throws SQLException {
    List<String> missing = io.pgferry.extractor.Roles.missing(target,
        io.pgferry.extractor.Roles.referencedBy(source, o.privileges(), o.owners()));
    if (!missing.isEmpty()) {
      throw new PgferryException(PgferryException.Code.SCHEMA, io.pgferry.extractor.Roles.missingMessage(missing)
          + ". Nothing was changed");
    }
  }

  private LoadReport load(CloneOptions o, ClonePlan plan, List<TableLoad> loads, String snapshotId, ParallelSeal seal,
      io.pgferry.loader.PieceJournal pieces, String runId) {
    ProgressListener progress = listener.loadProgress();
    if (seal != null) {
      ProgressListener console = progress;
      progress = new ProgressListener() {
        @Override
        public void planned(List<TableLoad> planned) {
          console.planned(planned);
        }

        @Override
        public void started(TableLoad load) {
          console.started(load);
        }

        @Override
        public void progress(TableLoad load, long rows, long bytes) {
          console.progress(load, rows, bytes);
        }

        @Override
        public void finished(io.pgferry.loader.TableResult result) {
          seal.loaded(result.source());
          console.finished(result);
        }
      };
    }
    try {
      Loader loader = Loader.builder()
          .source(o.source().source("pgferry load"))
          .target(o.target().source("pgferry load"))
          .jobs(o.jobs())
          .snapshot(snapshotId)
          .chunkBytes(tuning.chunkBytes())
          // FREEZE truncates first: only for tables this very run created (the base phase ran).
          .freeze(tuning.freeze() && o.phases().contains(Phase.BASE))
          .binary(tuning.binary() ? binaryTypes(plan) : null)
          .progress(progress)
          .journal(pieces)
          .build();
      return o.engine().equals(CloneOptions.LOCAL_ENGINE) ? loader.load(loads)
          : EngineLoad.run(o, loader, loads, snapshotId, runId, progress, listener);
    } catch (LoadException e) {
      if (e.getCause() instanceof PgferryException p) {
        throw p;
      }
      if (e.reason() == LoadException.Reason.INTERRUPTED) {
        throw new PgferryException(PgferryException.Code.INTERRUPTED, "the clone was cancelled during the load", e);
      }
      throw new PgferryException(PgferryException.Code.LOAD, "load failed: " + e.getMessage(), e);
    }
  }

  /**
   * Built-in types, and the clone's own enums (not arrays of them: a binary array names its element
   * type's OID, which differs in the target).
   */
  private static java.util.function.Predicate<String> binaryTypes(ClonePlan plan) {
    Set<String> enums = new java.util.HashSet<>();
    for (io.pgferry.extractor.EnumType e : plan.catalog().enums()) {
      for (String s : List.of(io.pgferry.extractor.Sql.ident(e.name().schema()), e.name().schema())) {
        for (String n : List.of(io.pgferry.extractor.Sql.ident(e.name().name()), e.name().name())) {
          enums.add(s + "." + n);
        }
      }
    }
    return type -> io.pgferry.loader.BinaryTypes.builtin(type) || enums.contains(type.strip());
  }

  /** Sequence values travel as bind parameters, like all data. */
  private static void setSequences(Connection target, List<ClonePlan.SequenceValue> values, LockBudget locks) throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    // A batch runs as one transaction, and setval keeps a lock on its sequence until the end: thousands of
    // sequences in one batch overflow a default lock table, so the batch is sent in parts that fit.
    long perBatch = Math.max(1, locks.perTransaction() / 2);
    try (PreparedStatement p = target.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
      int n = 0;
      for (ClonePlan.SequenceValue v : values) {
        p.setString(1, v.target().quoted());
        p.setLong(2, v.value());
        p.addBatch();
        if (++n % perBatch == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static boolean isClosed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void apply(Connection target, Applier applier, List<SqlStatement> statements, String phase,
      PgferryException.Code code) {
    try {
      applier.apply(target, statements);
    } catch (ApplyException e) {
      PgferryException.Code c = "42P07".equals(e.sqlState()) || "42710".equals(e.sqlState())
          ? PgferryException.Code.TARGET_CONFLICT : code;
      throw new PgferryException(c, phase + " phase failed: " + e.getMessage(), e);
    }
  }

  private static Catalog read(Connection snapshot, CloneOptions o) {
    return read(snapshot, o, null);
  }

  /** With {@code helpers}, extra source connections that read parts of the catalog side by side. */
  private static Catalog read(Connection snapshot, CloneOptions o, CatalogReader.Helpers helpers) {
    return CatalogReader.read(snapshot, o.privileges(), o.owners(), helpers);
  }

  /**
   * Opens the read-only REPEATABLE READ transaction whose snapshot every loader worker imports, so the
   * catalog and all tables are read as of one instant even while the source is written to.
   */
  private static String beginSnapshot(Connection c) {
    return beginSnapshot(c, null);
  }

  /** @param given an exported snapshot to read as of (the clone's helpers then import it too), or null for a new one */
  private static String beginSnapshot(Connection c, String given) {
    try {
      if (given != null) {
        io.pgferry.loader.Snapshots.importInto(c, given);
        return given;
      }
      return io.pgferry.loader.Snapshots.export(c);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "could not open a snapshot on the source: "
          + Applier.describe(e), e);
    }
  }

  private static void closeSnapshot(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      LOG.debug("closing the snapshot transaction failed", e);
    } finally {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the source connection failed", e);
      }
    }
  }

  private static TargetGuard.DatabaseIdentity identify(Connection c, String side) {
    try {
      return TargetGuard.identify(c);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "could not identify the " + side + " database: "
          + Applier.describe(e), e);
    }
  }

  private CloneReport.PhaseReport finished(CloneReport.PhaseReport r) {
    listener.phaseFinished(r);
    return r;
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
