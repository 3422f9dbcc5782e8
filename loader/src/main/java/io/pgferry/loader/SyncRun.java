package io.pgferry.loader;

import java.time.Duration;
import java.util.List;

/**
 * One sync run: its id in the target's state table, what each table did, and warnings about the run as a
 * whole (e.g. source transactions that could not be inspected).
 */
public record SyncRun(long id, List<SyncResult> tables, List<String> warnings, Duration elapsed) {
  public SyncRun {
    tables = List.copyOf(tables);
    warnings = List.copyOf(warnings);
  }

  public List<SyncResult> failed() {
    return tables.stream().filter(t -> t.status() == SyncResult.Status.FAILED).toList();
  }
}
