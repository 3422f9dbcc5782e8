package io.pgferry.orchestrator.subset;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.RowAddresses;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A computed subset: for every table of the source, what it gets and how the subset reached it, and the rows added
 * through each foreign key. What {@code --dry-run} prints, and what the load copies.
 *
 * @param tables one entry per table that holds rows, by name
 * @param edges rows added through each foreign key and way ({@code children: a(x) -> b(y)}), in the order followed
 * @param rows the kept rows of each subsetted table, for the load
 * @param spilled the kept rows were more than {@link SubsetSpec#memory} allows and are in temporary tables of a
 *     target session, which {@link #close} ends (after the load)
 * @param keys what holds the kept rows; closed by {@link #close}
 */
public record SubsetPlan(List<TableSubset> tables, Map<String, Long> edges, Map<QualifiedName, RowAddresses> rows,
    boolean spilled, AutoCloseable keys) implements AutoCloseable {
  public SubsetPlan {
    tables = List.copyOf(tables);
    edges = Map.copyOf(edges);
    rows = Map.copyOf(rows);
  }

  /** Lets go of the kept rows (and ends the target session holding them): once the load is over. */
  @Override
  public void close() {
    try {
      keys.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the subset's rows failed", e);
    }
  }

  /** How a table was reached. */
  public enum Reach { START, CHILD, PARENT }

  /** What a table gets. */
  public enum Fate {
    /** The rows the subset keeps. */
    SUBSET,
    /** Every row: the subset never reaches it and it references nothing the subset filters. */
    ALL,
    /** No row: not reached, and it references a filtered table (or {@code others: schema only}). */
    EMPTY,
    /** Not cloned ({@code others: none}). */
    EXCLUDED
  }

  /**
   * @param estimatedRows the server's estimate of the table's rows (negative when never analyzed)
   * @param rows the rows it gets: exact for SUBSET and EMPTY, the estimate for ALL
   */
  public record TableSubset(QualifiedName table, Set<Reach> reach, Fate fate, long estimatedRows, long rows) {
    public TableSubset {
      reach = Set.copyOf(reach);
    }
  }

  public TableSubset table(QualifiedName name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
  }

  /** {@code 12 tables reached, 3456 rows kept}. */
  public String summary() {
    return tables.stream().filter(t -> t.fate() == Fate.SUBSET).count() + " tables reached, "
        + tables.stream().filter(t -> t.fate() == Fate.SUBSET).mapToLong(TableSubset::rows).sum() + " rows kept"
        + (spilled ? " (their addresses in temporary tables on the target)" : "");
  }

  /** The closure as a table, for {@code --dry-run}: each table, how it is reached, its rows; then the edges. */
  public String render() {
    StringBuilder sb = new StringBuilder("-- subset: ").append(summary()).append('\n');
    sb.append(String.format("-- %-40s %-22s %-9s %12s %12s%n", "table", "reached as", "gets", "estimated", "rows"));
    for (TableSubset t : tables) {
      String reach = t.reach().isEmpty() ? "-" : String.join(", ", t.reach().stream().sorted().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList());
      sb.append(String.format("-- %-40s %-22s %-9s %12d %12s%n", t.table(), reach, t.fate().name().toLowerCase(java.util.Locale.ROOT),
          Math.max(0, t.estimatedRows()), t.fate() == Fate.ALL ? "all" : String.valueOf(t.rows())));
    }
    if (!edges.isEmpty()) {
      sb.append("-- edges followed (rows added):\n");
      edges.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> sb.append("--   ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
    }
    return sb.toString();
  }
}
