package io.pgferry.loader;

import java.time.Duration;
import java.util.List;

/** Outcome of a successful {@link Loader#load}: every table, in the order they were started. */
public record LoadReport(List<TableResult> tables, Duration elapsed) {
  public LoadReport {
    tables = List.copyOf(tables);
  }

  public long rows() {
    return tables.stream().mapToLong(TableResult::rows).sum();
  }

  public long bytes() {
    return tables.stream().mapToLong(TableResult::bytes).sum();
  }
}
