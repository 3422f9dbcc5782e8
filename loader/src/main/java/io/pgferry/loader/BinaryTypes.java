package io.pgferry.loader;

import java.util.Set;

/**
 * Which column types travel in binary COPY between two databases. Built-in types have fixed OIDs and a
 * binary form that every server reads; a plain enum is sent as its label. Everything else stays text, the
 * portable form: binary values of arrays and composites carry type OIDs, which differ between databases for
 * user types, and an extension type's binary form is whatever its send/receive functions make of it (some
 * have none).
 */
public final class BinaryTypes {
  /** Built-in types with binary send/receive, as {@code format_type} prints them (modifiers stripped). */
  private static final Set<String> BUILTIN = Set.of("smallint", "integer", "bigint", "numeric", "real", "double precision",
      "boolean", "text", "character varying", "character", "\"char\"", "name", "bytea", "uuid", "date",
      "timestamp without time zone", "timestamp with time zone", "time without time zone", "time with time zone", "interval",
      "json", "jsonb", "inet", "cidr", "macaddr", "macaddr8", "oid", "money", "bit", "bit varying", "point", "line",
      "lseg", "box", "path", "polygon", "circle", "tsvector", "tsquery", "xml", "int4range", "int8range", "numrange",
      "tsrange", "tstzrange", "daterange", "pg_lsn");

  private BinaryTypes() {}

  /**
   * Whether {@code type} (a {@code format_type} spelling with an empty search_path, so user types are
   * schema-qualified) is a built-in type or an array of one.
   */
  public static boolean builtin(String type) {
    String t = type.strip();
    while (t.endsWith("[]")) {
      t = t.substring(0, t.length() - 2);
    }
    return BUILTIN.contains(stripModifier(t));
  }

  /** {@code numeric(10,2)} → {@code numeric}; {@code timestamp(3) with time zone} → {@code timestamp with time zone}. */
  static String stripModifier(String t) {
    int open = t.indexOf('(');
    if (open < 0 || t.startsWith("\"")) {
      return t;
    }
    int close = t.indexOf(')', open);
    if (close < 0) {
      return t;
    }
    return (t.substring(0, open) + t.substring(close + 1)).replaceAll("\\s+", " ").strip();
  }
}
