package io.pgferry.loader;

import io.pgferry.extractor.Sql;

/**
 * Transformers the source server carries out inside the COPY's SELECT, so the clear value never leaves it:
 * {@link Expression} (the {@code sql} transformer, also {@code when} around it), {@link Shuffle} and
 * {@link UseDefault} (the column is left out of the COPY and the target fills in its default). They never
 * see a row; {@link Sessions} builds the query from them. Public so that the anonymizer module, which
 * creates every transformer, can create these too.
 */
public sealed interface SourceSide extends RowTransformer {
  @Override
  default String apply(String value, Row row) {
    return value;
  }

  /** An SQL expression over the source row, already checked by the caller. */
  record Expression(String sql) implements SourceSide {}

  /**
   * The column's values permuted among the table's rows, in an order keyed by {@code seed} (derived from the
   * salt, never the salt itself, because it is part of the query text).
   */
  record Shuffle(String seed) implements SourceSide {}

  /** The column's default expression, evaluated by the target. */
  record UseDefault() implements SourceSide {}

  /** {@code CASE WHEN cond THEN expr ELSE column END}: a conditional {@code sql} rule. */
  public static Expression when(String condition, Expression e, String column) {
    return new Expression("CASE WHEN (" + condition + ") THEN (" + e.sql() + ") ELSE " + Sql.ident(column) + " END");
  }
}
