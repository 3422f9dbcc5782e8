package io.pgferry.loader;

import java.util.List;
import java.util.Objects;

/**
 * Sample rows of one table as the source holds them and as a clone would write them.
 *
 * @param load the table load that was previewed (its transformers and filter)
 * @param columns the copied columns, in COPY order; every row lists its values in this order
 * @param rows up to the requested number of rows, in the order the source returned them
 */
public record TablePreview(TableLoad load, List<String> columns, List<Row> rows) {
  public TablePreview {
    Objects.requireNonNull(load, "load");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * One row, decoded from COPY text; SQL NULL is null (so the lists allow nulls).
   *
   * @param before the values read from the source
   * @param after the values the transformers produced, exactly as they would be written to the target
   */
  public record Row(List<String> before, List<String> after) {
    public Row {
      before = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(before));
      after = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(after));
    }
  }
}
