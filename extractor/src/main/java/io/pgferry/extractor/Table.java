package io.pgferry.extractor;

import java.util.List;
import java.util.Optional;

/**
 * A table and everything the clone needs to rebuild it.
 *
 * @param estimatedRows {@code pg_class.reltuples} (negative when never analyzed)
 * @param estimatedBytes size of the heap on disk, used for scheduling and ETA
 * @param partitioned a partitioned parent (holds no rows itself)
 * @param partitionBound {@code FOR VALUES …} of a partition, or null
 * @param parents inheritance or partition parents
 */
public record Table(
    QualifiedName name,
    List<Column> columns,
    List<Constraint> constraints,
    List<Index> indexes,
    boolean unlogged,
    boolean partitioned,
    String partitionKey,
    String partitionBound,
    List<QualifiedName> parents,
    long estimatedRows,
    long estimatedBytes) {

  public Table {
    columns = List.copyOf(columns);
    constraints = List.copyOf(constraints);
    indexes = List.copyOf(indexes);
    parents = List.copyOf(parents);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** Columns whose values the loader copies, in table order. */
  public List<Column> copiedColumns() {
    return columns.stream().filter(Column::copied).toList();
  }

  public Optional<Constraint> primaryKey() {
    return constraints.stream().filter(c -> c.kind() == Constraint.Kind.PRIMARY_KEY).findFirst();
  }

  /** Whether rows live in this table itself (partitioned parents hold none). */
  public boolean holdsRows() {
    return !partitioned;
  }
}
