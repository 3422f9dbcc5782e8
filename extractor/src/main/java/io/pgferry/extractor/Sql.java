package io.pgferry.extractor;

/**
 * The one place where identifiers and (DDL-only) literals become SQL text. Values that are data never
 * pass through here: they travel as COPY data or bind parameters.
 */
public final class Sql {
  private Sql() {}

  /** Always quotes: cheaper to reason about than guessing which names are safe bare. */
  public static String ident(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("empty identifier");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("identifier contains a NUL character");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  public static String qualified(String schema, String name) {
    return ident(schema) + "." + ident(name);
  }

  /**
   * A string literal for DDL, where bind parameters are impossible (enum labels, comments). Uses the
   * E'' form only when a backslash forces it, so output is the same whatever standard_conforming_strings is.
   */
  public static String literal(String value) {
    if (value == null) {
      return "NULL";
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("string literal contains a NUL character");
    }
    String doubled = value.replace("'", "''");
    if (doubled.indexOf('\\') >= 0) {
      return "E'" + doubled.replace("\\", "\\\\") + "'";
    }
    return "'" + doubled + "'";
  }

}
