package io.pgferry.extractor;

/**
 * A secondary index (indexes that back a constraint belong to the constraint and are not listed).
 *
 * @param definition text from {@code pg_get_indexdef}, schema-qualified
 */
public record Index(String name, String definition, boolean unique) {}
