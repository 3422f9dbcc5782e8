package io.pgferry.extractor;

/**
 * A secondary index (indexes that back a constraint belong to the constraint and are not listed).
 *
 * @param definition text from {@code pg_get_indexdef}, schema-qualified
 * @param attachedTo for a partition's index that is a partition of its parent's index: that parent index, whose
 *     creation attaches this one (PostgreSQL attaches a matching index it finds on the partition); otherwise null
 */
public record Index(String name, String definition, boolean unique, QualifiedName attachedTo) {
  public Index(String name, String definition, boolean unique) {
    this(name, definition, unique, null);
  }
}
