package io.pgferry.orchestrator.sync;

import io.pgferry.loader.SyncState;
import io.pgferry.orchestrator.Reports;
import io.pgferry.orchestrator.resume.CloneJournal;
import java.util.List;

/**
 * What {@code pgferry status --json} prints: the interrupted clone recorded in the target (null when none) and the
 * last sync runs' tables ({@link SyncStatusReport}'s rows).
 */
public record StatusReport(CloneJournal.Status interruptedClone, List<SyncState.TableRow> rows) {
  public StatusReport {
    rows = List.copyOf(rows);
  }

  public String toJson() {
    return Reports.json(new Json(interruptedClone == null ? null : new Clone(interruptedClone),
        SyncStatusReport.jsonRows(rows)));
  }

  private record Json(Clone interruptedClone, List<?> syncRuns) {}

  private record Clone(String source, String started, String phase, long tables, long tablesLoaded, long pieces,
      long piecesDone, long rowsCopied, long bytesCopied, long sealStatementsDone) {
    Clone(CloneJournal.Status s) {
      this(s.source(), s.started(), s.phase(), s.tables(), s.tablesLoaded(), s.pieces(), s.piecesDone(), s.rowsCopied(),
          s.bytesCopied(), s.sealStatementsDone());
    }
  }
}
