package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import java.util.Map;
import java.util.Objects;

/**
 * One table to copy.
 *
 * @param table the source table (its copied columns are the ones transferred)
 * @param target the target table, which must already exist with the same column names; null means the
 *     source name
 * @param where a boolean SQL expression over the source table's columns, already validated by the caller,
 *     or null to copy every row
 * @param transformers column name to transformer; columns not listed pass through byte for byte
 * @param rows only these rows (a subset's, named by address in the load's snapshot), or null for every row
 *     {@code where} accepts
 */
public record TableLoad(
    Table table, QualifiedName target, String where, Map<String, RowTransformer> transformers, RowAddresses rows) {

  public TableLoad(Table table, QualifiedName target, String where, Map<String, RowTransformer> transformers) {
    this(table, target, where, transformers, null);
  }

  public TableLoad {
    Objects.requireNonNull(table, "table");
    target = target == null ? table.name() : target;
    where = where == null || where.isBlank() ? null : where.strip();
    transformers = transformers == null ? Map.of() : Map.copyOf(transformers);
  }

  /** The whole table, same name, untouched. */
  public static TableLoad of(Table table) {
    return new TableLoad(table, null, null, Map.of());
  }

  /** The same load, of only {@code rows}. */
  public TableLoad withRows(RowAddresses rows) {
    return new TableLoad(table, target, where, transformers, rows);
  }

  public boolean transformed() {
    return transformers.values().stream().anyMatch(t -> !(t instanceof RowTransformer.Keep));
  }

  /** Whether rows pass through the rewriter (some rule runs in pgferry, not in a server). */
  boolean rewritesRows() {
    return transformers.values().stream().anyMatch(t -> !(t instanceof SourceSide) && !(t instanceof RowTransformer.Keep));
  }
}
