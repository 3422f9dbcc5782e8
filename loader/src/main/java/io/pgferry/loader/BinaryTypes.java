package io.pgferry.loader;

import java.util.Set;

/**
 * Which column types may travel in binary COPY between two databases. Binary values of arrays and
 * composites carry the element/column type OIDs, and PostgreSQL checks them on input, so a user type's
 * OID (which differs between databases) inside an array breaks the copy. Built-in types have fixed OIDs,
 * and a plain (non-array) enum is sent as its label, so those are safe.
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
