package io.pgferry.extractor;

import java.util.List;

/**
 * A table constraint other than NOT NULL.
 *
 * @param definition text from {@code pg_get_constraintdef}, e.g. {@code PRIMARY KEY (id)}
 * @param columns the constrained columns, in key order
 * @param references the referenced table of a foreign key, or null
 * @param attachedTo for a partition's key that is a partition of its parent's key: the parent key's index, whose
 *     creation attaches this one (PostgreSQL attaches a matching key it finds on the partition); otherwise null
 * @param cascaded an attached key that its parent's ADD CONSTRAINT created ({@code connoinherit} false; a key added
 *     to the partition itself has it): the parent's cascade makes it again, so a clone leaves it to the cascade
 */
public record Constraint(
    String name,
    Kind kind,
    String definition,
    List<String> columns,
    QualifiedName references,
    boolean validated,
    QualifiedName attachedTo,
    boolean cascaded) {

  public enum Kind {
    PRIMARY_KEY('p'),
    UNIQUE('u'),
    CHECK('c'),
    FOREIGN_KEY('f'),
    EXCLUSION('x');

    private final char code;

    Kind(char code) {
      this.code = code;
    }

    public static Kind of(char code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown constraint type " + code);
    }
  }

  public Constraint {
    columns = List.copyOf(columns);
  }

  public Constraint(String name, Kind kind, String definition, List<String> columns, QualifiedName references, boolean validated) {
    this(name, kind, definition, columns, references, validated, null, false);
  }
}
