package io.pgferry.orchestrator.sync;

import io.pgferry.loader.SyncState;
import io.pgferry.orchestrator.Reports;
import io.pgferry.orchestrator.resume.CloneJournal;
import java.util.List;

/**
 * What {@code pgferry status --json} prints: the interrupted clone recorded in the target (null when none) and the
 * last sync runs' tables ({@link SyncStatusReport}'s rows).
 */
public record StatusReport(CloneJournal.Status interruptedClone, List<SyncState.TableRow> rows,
    List<io.pgferry.orchestrator.follow.FollowStatus.Followed> follows, List<io.pgferry.orchestrator.follow.FollowStatus.Slot> slots) {
  public StatusReport {
    rows = List.copyOf(rows);
    follows = follows == null ? List.of() : List.copyOf(follows);
    slots = slots == null ? null : List.copyOf(slots);
  }

  public StatusReport(CloneJournal.Status interruptedClone, List<SyncState.TableRow> rows) {
    this(interruptedClone, rows, List.of(), null);
  }

  public String toJson() {
    return Reports.json(new Json(interruptedClone == null ? null : new Clone(interruptedClone),
        SyncStatusReport.jsonRows(rows), follows, slots));
  }

  /** {@code slots}: null when the source was not asked (no --source). */
  private record Json(Clone interruptedClone, List<?> syncRuns, List<?> follows, List<?> slots) {}

  private record Clone(String source, String started, String phase, long tables, long tablesLoaded, long pieces,
      long piecesDone, long rowsCopied, long bytesCopied, long sealStatementsDone) {
    Clone(CloneJournal.Status s) {
      this(s.source(), s.started(), s.phase(), s.tables(), s.tablesLoaded(), s.pieces(), s.piecesDone(), s.rowsCopied(),
          s.bytesCopied(), s.sealStatementsDone());
    }
  }
}
