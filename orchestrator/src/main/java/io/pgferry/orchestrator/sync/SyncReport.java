package io.pgferry.orchestrator.sync;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Reports;

import io.pgferry.loader.SyncResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * What a sync run did, per table.
 *
 * @param run the run's id in the target's {@code pgferry.sync_run}
 * @param created target tables the run had to create first
 */
public record SyncReport(String source, String target, long run, List<SyncResult> tables, List<String> created,
    List<String> warnings, Duration elapsed) {

  public SyncReport {
    tables = List.copyOf(tables);
    created = List.copyOf(created);
    warnings = List.copyOf(warnings);
  }

  public List<SyncResult> failed() {
    return tables.stream().filter(t -> t.status() == SyncResult.Status.FAILED).toList();
  }

  public long inserted() {
    return tables.stream().mapToLong(SyncResult::inserted).sum();
  }

  public long updated() {
    return tables.stream().mapToLong(SyncResult::updated).sum();
  }

  public long deleted() {
    return tables.stream().mapToLong(SyncResult::deleted).sum();
  }

  /** The error when some tables failed: which, and why, in one line. */
  public PgferryException failure() {
    List<SyncResult> f = failed();
    if (f.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder().append(f.size()).append(" of ").append(tables.size()).append(" tables failed: ");
    for (int i = 0; i < f.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(f.get(i).source()).append(": ").append(f.get(i).error());
    }
    return new PgferryException(PgferryException.Code.SYNC_PARTIAL, sb.toString());
  }

  public String toJson() {
    return Reports.json(new JsonReport(source, target, run, Reports.seconds(elapsed), inserted(), updated(), deleted(), failed().size(),
        tables.stream().map(t -> new JsonTable(t.source().toString(), t.target().toString(), t.mode() == null ? null : t.mode().label(),
            t.status().label(), t.inserted(), t.updated(), t.deleted(), t.batches(), t.mark(), Reports.seconds(t.elapsed()), t.error()))
            .toList(),
        created, warnings));
  }

  private record JsonReport(String source, String target, long run, BigDecimal elapsedSeconds, long inserted, long updated,
      long deleted, int failed, List<JsonTable> tables, List<String> created, List<String> warnings) {}

  private record JsonTable(String source, String target, String mode, String status, long inserted, long updated, long deleted,
      long batches, String mark, BigDecimal seconds, String error) {}
}
