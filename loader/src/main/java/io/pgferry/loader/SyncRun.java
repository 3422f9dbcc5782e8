package io.pgferry.loader;

import java.time.Duration;
import java.util.List;

/** One sync run: its id in the target's state table and what each table did. */
public record SyncRun(long id, List<SyncResult> tables, Duration elapsed) {
  public SyncRun {
    tables = List.copyOf(tables);
  }

  public List<SyncResult> failed() {
    return tables.stream().filter(t -> t.status() == SyncResult.Status.FAILED).toList();
  }
}
