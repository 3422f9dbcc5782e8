package io.pgferry.extractor;

/**
 * A table column.
 *
 * @param type SQL type as printed by {@code format_type} with an empty search_path, so user types are
 *     schema-qualified
 * @param defaultExpr the default expression, or null
 * @param identity identity definition, or null
 * @param generatedExpr expression of a STORED generated column, or null
 * @param collation schema-qualified quoted collation when it differs from the type's default, or null
 * @param inherited the column comes only from an inheritance parent (not declared in this table too)
 */
public record Column(
    String name,
    int position,
    String type,
    boolean notNull,
    String defaultExpr,
    Identity identity,
    String generatedExpr,
    String collation,
    boolean inherited) {

  /** A column declared in its own table. */
  public Column(String name, int position, String type, boolean notNull, String defaultExpr, Identity identity, String generatedExpr,
      String collation) {
    this(name, position, type, notNull, defaultExpr, identity, generatedExpr, collation, false);
  }

  /**
   * Identity column ({@code always} = GENERATED ALWAYS, otherwise BY DEFAULT).
   *
   * @param lastValue the identity sequence's current value, or null when nextval was never called
   */
  public record Identity(boolean always, QualifiedName sequence, SequenceOptions options, Long lastValue) {}

  /** This column without its identity sequence's position (see {@link Catalog#structure()}). */
  Column withoutState() {
    return identity == null ? this : new Column(name, position, type, notNull, defaultExpr,
        new Identity(identity.always(), identity.sequence(), identity.options(), null), generatedExpr, collation, inherited);
  }

  public boolean generated() {
    return generatedExpr != null;
  }

  /** Whether the column's values are copied by the loader (generated columns are recomputed). */
  public boolean copied() {
    return !generated();
  }
}
