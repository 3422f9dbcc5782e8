package io.pgferry.anonymizer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a transformer needs to know about a column's type, from its {@code format_type} text. */
final class ColumnTypes {
  enum Kind { TEXT, INTEGER, DECIMAL, FLOAT, DATE, TIMESTAMP, UUID, INET, MACADDR, JSON, OTHER }

  private static final Pattern LENGTH = Pattern.compile("(character varying|varchar|character|char|bpchar|bit varying|bit)\\((\\d+)\\)");

  private ColumnTypes() {}

  static Kind of(String type) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith("[]")) {
      return Kind.OTHER;
    }
    String base = t.replaceAll("\\(.*\\)", "").strip();
    return switch (base) {
      case "text", "character varying", "varchar", "character", "char", "bpchar", "name", "citext", "public.citext" -> Kind.TEXT;
      case "smallint", "integer", "bigint", "int2", "int4", "int8" -> Kind.INTEGER;
      case "numeric", "decimal" -> Kind.DECIMAL;
      case "real", "double precision", "float4", "float8" -> Kind.FLOAT;
      case "date" -> Kind.DATE;
      case "timestamp without time zone", "timestamp with time zone", "timestamp", "timestamptz" -> Kind.TIMESTAMP;
      case "uuid" -> Kind.UUID;
      case "inet", "cidr" -> Kind.INET;
      case "macaddr", "macaddr8" -> Kind.MACADDR;
      case "json", "jsonb" -> Kind.JSON;
      default -> base.endsWith(".citext") || base.endsWith("\"citext\"") ? Kind.TEXT : Kind.OTHER;
    };
  }

  /** The declared maximum length in characters ({@code varchar(n)}, {@code char(n)}, 63 for name), else MAX_VALUE. */
  static int maxLength(String type) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    Matcher m = LENGTH.matcher(t);
    if (m.matches()) {
      return Integer.parseInt(m.group(2));
    }
    return t.equals("name") ? 63 : Integer.MAX_VALUE;
  }

  /** Inclusive bounds of an integer type. */
  static long[] integerRange(String type) {
    return switch (type.strip().toLowerCase(Locale.ROOT)) {
      case "smallint", "int2" -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
      case "integer", "int4" -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
      default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    };
  }
}
