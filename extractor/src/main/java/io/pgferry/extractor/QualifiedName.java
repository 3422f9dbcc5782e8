package io.pgferry.extractor;

import java.util.Comparator;
import java.util.Objects;

/** A schema-qualified object name, as stored in the catalog (unquoted, case preserved). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName>, java.io.Serializable {
  private static final Comparator<QualifiedName> ORDER =
      Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

  public QualifiedName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  public static QualifiedName of(String schema, String name) {
    return new QualifiedName(schema, name);
  }

  /** SQL text, both parts quoted. */
  public String quoted() {
    return Sql.qualified(schema, name);
  }

  public QualifiedName inSchema(String otherSchema) {
    return new QualifiedName(otherSchema, name);
  }

  @Override
  public int compareTo(QualifiedName o) {
    return ORDER.compare(this, o);
  }

  /** Human-readable {@code schema.name}, unquoted; for messages, never for SQL. */
  @Override
  public String toString() {
    return schema + "." + name;
  }
}
