package io.pgferry.anonymizer;

import java.util.Set;

/** Coarse classes of column types, enough to decide what a scan samples and a rule can do. */
enum TypeClass {
  TEXT,
  JSON,
  INET,
  DATE,
  TIMESTAMP,
  NUMBER,
  BOOLEAN,
  OTHER;

  private static final Set<String> NUMBERS = Set.of("smallint", "integer", "bigint", "numeric", "real", "double precision", "money");

  /** @param type a type as {@code format_type} prints it with an empty search path */
  static TypeClass of(String type) {
    if (type.endsWith("]")) {
      return OTHER; // arrays are left to explicit rules
    }
    String base = type.replaceFirst("\\(.*\\)$", "");
    if (base.equals("text") || base.equals("character varying") || base.equals("character") || base.equals("name")
        || base.equals("citext") || base.endsWith(".citext")) {
      return TEXT;
    }
    if (base.equals("json") || base.equals("jsonb")) {
      return JSON;
    }
    if (base.equals("inet") || base.equals("cidr")) {
      return INET;
    }
    if (base.equals("date")) {
      return DATE;
    }
    if (base.startsWith("timestamp")) {
      return TIMESTAMP;
    }
    if (NUMBERS.contains(base)) {
      return NUMBER;
    }
    if (base.equals("boolean")) {
      return BOOLEAN;
    }
    return OTHER;
  }

  /** Whether sampled values of this class are worth looking at. */
  boolean sampled() {
    return this == TEXT || this == JSON || this == INET || this == DATE;
  }
}
