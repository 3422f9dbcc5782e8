package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.orchestrator.LockBudget;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.TargetGuard;
import io.pgferry.orchestrator.resume.CloneJournal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a clone that did not complete leaves in the target. Nothing created yet: only its record goes. A server or
 * the network failed (not the data): what it committed stays for {@code --resume} (not a subset's, whose rows were
 * chosen in this run's snapshot). {@code --keep-on-failure}: the partial clone stays. Otherwise everything it
 * created is removed and the target is as it was found; the run's own failure stays the one the user sees first.
 */
final class FailedRun {
  private static final Logger LOG = LoggerFactory.getLogger(FailedRun.class);

  private FailedRun() {}

  /** The run as it stopped: {@code journal} null when it was not recorded, {@code prior} the run it resumed. */
  record State(CloneOptions o, ClonePlan plan, SchemaMap map, TargetLink link, CloneJournal journal,
      CloneJournal.Interrupted prior, Set<String> schemasBefore, LockBudget locks, List<LargeObjects.Item> blobs,
      List<Long> blobsCreated, boolean created) {}

  static void settle(State s, Exception failure, RunListener listener) throws SQLException {
    CloneOptions o = s.o();
    CloneJournal journal = s.journal();
    CloneJournal.Interrupted prior = s.prior();
    if (!s.created()) {
      if (journal != null && prior == null) {
        try {
          CloneJournal.remove(s.link().connection(), journal.id(), !s.schemasBefore().contains("pgferry")); // nothing else was created
        } catch (SQLException u) {
          LOG.warn("could not remove the clone's record from the target: {}", u.getMessage());
        }
      }
      return;
    }
    if (journal != null && !o.keepOnFailure() && o.subset() == null && Interruption.environmental(failure)) {
      // a server or the network failed, not the data: undoing would throw away what a resume can keep
      listener.warning("the clone was interrupted by a lost server or connection; what it committed stays in the target:"
          + " run the same command with " + Interruption.RESUME + " to finish it, or with " + Interruption.ABORT + " to remove it");
      return;
    }
    if (o.keepOnFailure()) {
      listener.warning("the partial clone was kept in the target (" + io.pgferry.extractor.Option.KEEP_ON_FAILURE.mention("true") + ")"
          + (journal != null ? "; run the same command with " + Interruption.RESUME + " to finish it, or with " + Interruption.ABORT
              + " to remove it" : ""));
      return;
    }
    LOG.info("removing what this run created in the target");
    try {
      Connection t = s.link().connection(); // a new one if the run's was lost
      LargeObjects.unlink(t, prior != null ? LargeObjects.existing(t, s.blobs()) : s.blobsCreated());
      TargetGuard.undo(t, s.plan().catalog(), s.map(), s.schemasBefore(), s.locks());
      if (journal != null) {
        CloneJournal.remove(t, journal.id(), prior != null ? prior.createdSchema() : !s.schemasBefore().contains("pgferry"));
      }
      listener.warning("the objects this run had created in the target were removed again; the target is as before");
    } catch (SQLException | PgferryException u) {
      if (journal != null) {
        listener.warning("the partial clone could not be removed; run the same command with " + Interruption.RESUME + " to finish it,"
            + " or with " + Interruption.ABORT + " to remove it");
      }
      if (failure == null) {
        throw u;
      }
      // the run's own failure is what the user must see first; the undo's is said too
      failure.addSuppressed(u);
      listener.warning(u.getMessage());
    }
  }
}
