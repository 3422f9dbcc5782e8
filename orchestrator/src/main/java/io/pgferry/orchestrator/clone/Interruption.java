package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.TableLoad;
import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.resume.CloneJournal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * What a clone does about an interrupted one recorded in its target ({@link CloneJournal}): refuse to start, go
 * on with it ({@code --resume}), or remove it ({@code --abort}); and whether the source can have changed since.
 */
final class Interruption {
  /** The options as messages name them (the CLI writes {@code --resume} and {@code --abort}). */
  static final String RESUME = io.pgferry.extractor.Option.RECOVERY.mention("RESUME");
  static final String ABORT = io.pgferry.extractor.Option.RECOVERY.mention("ABORT");

  private Interruption() {}

  /** A full clone (all three phases) is recorded; a partial run has nothing to resume. */
  static boolean recorded(CloneOptions o) {
    return o.phases().containsAll(Set.of(Phase.values())) && !o.dryRun();
  }

  /**
   * The plan's identity: the DDL, the tables and their filters and transforms, the schema map. A resumed run must
   * have the same, or what the first run committed would not fit what this one does.
   */
  static String fingerprint(ClonePlan plan, CloneOptions o) {
    StringBuilder sb = new StringBuilder();
    plan.base().forEach(s -> sb.append(s.sql()).append('\n'));
    plan.seal().forEach(s -> sb.append(s.sql()).append('\n'));
    for (TableLoad l : plan.loads()) {
      sb.append(l.table().name()).append('>').append(l.target()).append(' ').append(l.where()).append(' ')
          .append(new java.util.TreeMap<>(l.transformers()).keySet()).append('\n');
    }
    sb.append(new java.util.TreeMap<>(o.schemaMap())).append(o.salt() == null ? "" : " salted");
    return CloneJournal.fingerprint(sb.toString());
  }

  /**
   * The first transaction id not yet assigned as the snapshot saw it: when it is the same at a resume, no
   * transaction has written anything since (on this server), so the resumed clone is still one instant.
   */
  static String sourceXmax(Connection snapshot) throws SQLException {
    try (Statement s = snapshot.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_snapshot_xmax(txid_current_snapshot())::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Whether {@code failure} came from the environment rather than the data or the schema: a connection lost or
   * refused beyond the retries, a server shut down or restarted, or the source's exported snapshot gone with the
   * session that held it. Such a run keeps what it committed, for a resume.
   */
  static boolean environmental(Throwable failure) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String state = t instanceof SQLException e ? e.getSQLState()
          : t instanceof io.pgferry.loader.LoadException l ? l.sqlState()
          : t instanceof io.pgferry.applier.ApplyException a ? a.sqlState() : null;
      if (state == null) {
        continue;
      }
      if (io.pgferry.extractor.ServerError.connectionLost(state)) {
        return true;
      }
      if ((state.equals("22023") || state.equals("42704")) && String.valueOf(t.getMessage()).contains("snapshot")) {
        // "invalid snapshot identifier" (22023), 'snapshot "…" does not exist' (42704, PostgreSQL 17 on): the source
        // session that exported it is gone
        return true;
      }
    }
    return false;
  }

  /** Refuses a clone into a target that holds an interrupted one, unless resuming it; checks that it can be. */
  static void check(CloneJournal.Interrupted prior, CloneOptions o, String fingerprint, String xmax, RunListener listener) {
    if (prior == null) {
      if (o.recovery() == CloneOptions.Recovery.RESUME) {
        listener.warning("the target holds no interrupted clone to resume; starting a new one");
      }
      return;
    }
    if (o.recovery() != CloneOptions.Recovery.RESUME) {
      throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "the target holds an interrupted clone from "
          + prior.source() + ", started " + prior.started() + " (" + prior.phase().name().toLowerCase(java.util.Locale.ROOT)
          + " phase); run the same command with " + Interruption.RESUME + " to finish it, or with " + Interruption.ABORT + " to remove it. Nothing was changed");
    }
    if (!prior.fingerprint().equals(fingerprint)) {
      throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "the interrupted clone in the target was started"
          + " with another plan (the source's schema, the selected tables, filters, transforms or schema map differ):"
          + " it cannot be resumed. Run the command it was started with, or remove it with " + Interruption.ABORT + ". Nothing was changed");
    }
    if (xmax.equals(prior.sourceXmax())) {
      listener.warning("resuming the clone started " + prior.started() + ": no transaction has written to the source"
          + " server since, so the clone stays one consistent copy of the source as of then");
    } else {
      listener.warning("resuming the clone started " + prior.started() + ": the source may have changed since (transactions"
          + " ran on its server: transaction ids " + prior.sourceXmax() + " to " + xmax + "); what this run copies shows the"
          + " source as of now, what the first run copied as of then");
    }
  }

  /** {@code --abort}: removes what the interrupted run created and its record; the target is as it was found. */
  static CloneReport abort(CloneJournal.Interrupted prior, CloneOptions o, ClonePlan plan, io.pgferry.extractor.SchemaMap map,
      Connection target, java.util.List<LargeObjects.Item> blobs, RunListener listener, java.time.Duration elapsed) throws SQLException {
    if (prior == null) {
      throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "the target holds no interrupted clone to abort;"
          + " nothing was changed");
    }
    if (!prior.fingerprint().equals(fingerprint(plan, o))) {
      // the drops are derived from the plan: with another plan some objects of the first run could stay
      throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "the interrupted clone in the target was started"
          + " with another plan (the source's schema or the options differ); run " + Interruption.ABORT + " with the arguments it was started"
          + " with. Nothing was changed");
    }
    LargeObjects.unlink(target, LargeObjects.existing(target, blobs));
    io.pgferry.orchestrator.TargetGuard.undo(target, plan.catalog(), map, prior.schemasBefore(),
        io.pgferry.orchestrator.LockBudget.of(target));
    CloneJournal.remove(target, prior.id(), prior.createdSchema());
    listener.warning("removed the interrupted clone started " + prior.started() + " from " + prior.source()
        + "; the target is as it was before it");
    return new CloneReport(o.source().display(), o.target().display(),
        java.util.List.of(new CloneReport.PhaseReport("abort", plan.catalog().tables().size(), 0, 0, 0, elapsed)),
        java.util.List.of(), plan.warnings(), elapsed, false, null);
  }

  /** The statements of the base phase a resumed run skips: none, it is redone whole (see CloneRunner). */
  static boolean redoBase(CloneJournal.Interrupted prior) {
    return prior != null && prior.phase() == CloneJournal.Phase.BASE;
  }
}
