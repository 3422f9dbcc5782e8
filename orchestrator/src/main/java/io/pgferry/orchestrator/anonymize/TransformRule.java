package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.pipeline.Location;

import java.util.Map;
import java.util.Objects;

/**
 * One column transform from the {@code transforms} section.
 *
 * @param tableOrPattern {@code schema.table} or bare {@code table} in the include/exclude wildcard
 *     language; unquoted parts are folded to lower case, quoted parts are kept literally (their wildcard
 *     characters and dots are bracket-escaped, e.g. {@code "a.b"} becomes {@code a[.]b})
 * @param column the column name as stored (unquoted names folded to lower case)
 * @param transformer a name from the transformer catalog, e.g. {@code hash}
 * @param options validated options with defaults filled in, values are String or Integer
 * @param where the location of the transform's key in the file
 */
public record TransformRule(
    String tableOrPattern, String column, String transformer, Map<String, Object> options, Location where, String typeName) {
  public TransformRule {
    Objects.requireNonNull(tableOrPattern, "tableOrPattern");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(transformer, "transformer");
    // unmodifiable copy that keeps nested option values (json paths) and file order
    options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /** A rule on a column (not a type rule). */
  public TransformRule(String tableOrPattern, String column, String transformer, Map<String, Object> options, Location where) {
    this(tableOrPattern, column, transformer, options, where, null);
  }

  /** A rule for every column of a type ({@code "type:inet"} keys): matches any table and column. */
  public static TransformRule forType(String typeName, String transformer, Map<String, Object> options, Location where) {
    return new TransformRule("*", "*", transformer, options, where, typeName);
  }

  /** Whether this is a per-type rule. */
  public boolean isTypeRule() {
    return typeName != null;
  }
}
