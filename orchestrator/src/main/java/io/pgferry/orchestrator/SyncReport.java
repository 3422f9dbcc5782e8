package io.pgferry.orchestrator;

import io.pgferry.loader.SyncResult;
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
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"source\":").append(Json.str(source)).append(",\"target\":").append(Json.str(target)).append(",\"run\":").append(run)
        .append(",\"elapsed_seconds\":").append(Json.seconds(elapsed)).append(",\"inserted\":").append(inserted())
        .append(",\"updated\":").append(updated()).append(",\"deleted\":").append(deleted()).append(",\"failed\":").append(failed().size())
        .append(",\"tables\":[");
    for (int i = 0; i < tables.size(); i++) {
      SyncResult t = tables.get(i);
      sb.append(i == 0 ? "" : ",").append("{\"source\":").append(Json.str(t.source().toString())).append(",\"target\":")
          .append(Json.str(t.target().toString())).append(",\"mode\":").append(Json.str(t.mode() == null ? null : t.mode().label()))
          .append(",\"status\":").append(Json.str(t.status().label())).append(",\"inserted\":").append(t.inserted())
          .append(",\"updated\":").append(t.updated()).append(",\"deleted\":").append(t.deleted()).append(",\"batches\":")
          .append(t.batches()).append(",\"mark\":").append(Json.str(t.mark())).append(",\"seconds\":").append(Json.seconds(t.elapsed()))
          .append(",\"error\":").append(Json.str(t.error())).append('}');
    }
    sb.append("],\"created\":[");
    for (int i = 0; i < created.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(Json.str(created.get(i)));
    }
    sb.append("],\"warnings\":[");
    for (int i = 0; i < warnings.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(Json.str(warnings.get(i)));
    }
    return sb.append("]}").toString();
  }
}
