package io.pgferry.loader;

/**
 * Rewrites one column's value while rows stream from source to target. Values are in PostgreSQL text form
 * (what {@code ::text} would print), so a transformer never needs to know the type's binary layout.
 *
 * <p>One instance may be used by several tables at once, so implementations must be thread-safe (the
 * built-ins are).
 */
@FunctionalInterface
public interface RowTransformer {

  /**
   * @param value the column's original value, or null for SQL NULL
   * @param row the other columns of the same row (original values)
   * @return the new value, or null for SQL NULL
   */
  String apply(String value, Row row);

  /**
   * {@code keep}: the value passes through; a rule that exists so {@code strict} pipelines can say so. The
   * planner drops it and the row path skips it, so kept columns still stream untouched.
   */
  enum Keep implements RowTransformer {
    INSTANCE;

    @Override
    public String apply(String value, Row row) {
      return value;
    }
  }

  /** Read access to the current row; fields are decoded only when asked for. */
  interface Row {
    /**
     * The original value of a copied column, or null for SQL NULL.
     *
     * @throws IllegalArgumentException when the table has no such copied column
     */
    String value(String column);

    /**
     * The value of another column after its own rule (its original value when it has none).
     *
     * @throws IllegalArgumentException when the table has no such copied column, or rules refer to each other
     *     in a cycle
     */
    default String transformed(String column) {
      return value(column);
    }

    /** Whether a {@code when} condition holds for this row (false when it is NULL). */
    default boolean condition(String sql) {
      throw new IllegalStateException("conditions are not available here");
    }
  }
}
