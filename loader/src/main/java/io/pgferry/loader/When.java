package io.pgferry.loader;

/**
 * A rule that applies only to rows where an SQL condition holds. The condition is evaluated by the source
 * as an extra, hidden column of the COPY's SELECT (see {@link Sessions}), so any SQL works and no second
 * query is needed; rows where it is false or NULL keep their value. Public so that the anonymizer module
 * can wrap its transformers in it.
 */
public record When(String condition, RowTransformer inner) implements RowTransformer {
  @Override
  public String apply(String value, Row row) {
    return row.condition(condition) ? inner.apply(value, row) : value;
  }
}
