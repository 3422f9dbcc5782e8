package io.pgferry.extractor;

/**
 * A stand-alone sequence (identity sequences belong to their column).
 *
 * @param lastValue the current value, or null when nextval was never called (or not readable)
 * @param ownedBy the owning column as {@code table} + {@code column}, or null
 */
public record Sequence(
    QualifiedName name, SequenceOptions options, Long lastValue, QualifiedName ownedByTable, String ownedByColumn) {}
