package io.pgferry.orchestrator.sync;

import io.pgferry.orchestrator.Reports;

import io.pgferry.loader.SyncState;
import java.util.List;

/** What {@code pgferry status} shows: per table of the last sync runs, newest first, what the run did. */
public record SyncStatusReport(List<SyncState.TableRow> rows) {
  public SyncStatusReport {
    rows = List.copyOf(rows);
  }

  /** A JSON array, one object per table and run; times as ISO-8601 instants, an unfinished run's finish as null. */
  public String toJson() {
    return Reports.json(jsonRows(rows));
  }

  /** The rows as the JSON documents show them. */
  static List<?> jsonRows(List<SyncState.TableRow> rows) {
    return rows.stream().map(r -> new JsonRow(r.run(), r.target(), r.source(), r.mode(), r.status(), r.inserted(),
        r.updated(), r.deleted(), r.batches(), r.mark(), r.started().toString(), r.finished() == null ? null : r.finished().toString(),
        r.error())).toList();
  }

  private record JsonRow(long run, String table, String source, String mode, String status, long inserted, long updated, long deleted,
      long batches, String mark, String started, String finished, String error) {}
}
