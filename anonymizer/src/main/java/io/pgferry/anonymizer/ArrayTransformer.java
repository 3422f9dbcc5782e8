package io.pgferry.anonymizer;

import io.pgferry.loader.RowTransformer;

/**
 * Applies a value transformer to each element of a PostgreSQL array (text form {@code {a,"b c",NULL}},
 * nested for several dimensions). NULL elements stay NULL; quoting is redone as the server would.
 */
record ArrayTransformer(RowTransformer element) implements RowTransformer {
  @Override
  public String apply(String value, Row row) {
    if (value == null) {
      return null;
    }
    int start = 0;
    StringBuilder out = new StringBuilder(value.length() + 16);
    if (value.startsWith("[")) { // explicit bounds: [0:2]={...}
      int eq = value.indexOf('=');
      out.append(value, 0, eq + 1);
      start = eq + 1;
    }
    int end = parse(value, start, out, row);
    if (end != value.length()) {
      throw new IllegalArgumentException("unexpected text after the array at character " + end);
    }
    return out.toString();
  }

  /** Reads one {...} level from {@code i}, writes it transformed; returns the index after it. */
  private int parse(String s, int i, StringBuilder out, Row row) {
    if (s.charAt(i) != '{') {
      throw new IllegalArgumentException("array value does not start with '{'");
    }
    out.append('{');
    i++;
    if (s.charAt(i) == '}') {
      out.append('}');
      return i + 1;
    }
    while (true) {
      char c = s.charAt(i);
      if (c == '{') {
        i = parse(s, i, out, row);
      } else {
        StringBuilder el = new StringBuilder();
        boolean quoted = c == '"';
        if (quoted) {
          i++;
          while (s.charAt(i) != '"') {
            if (s.charAt(i) == '\\') {
              i++;
            }
            el.append(s.charAt(i++));
          }
          i++;
        } else {
          while (s.charAt(i) != ',' && s.charAt(i) != '}') {
            el.append(s.charAt(i++));
          }
        }
        String v = !quoted && el.toString().equalsIgnoreCase("NULL") ? null : el.toString();
        write(element.apply(v, row), out);
      }
      c = s.charAt(i);
      out.append(c);
      i++;
      if (c == '}') {
        return i;
      }
    }
  }

  private static void write(String v, StringBuilder out) {
    if (v == null) {
      out.append("NULL");
      return;
    }
    boolean quote = v.isEmpty() || v.equalsIgnoreCase("NULL");
    for (int k = 0; k < v.length() && !quote; k++) {
      char c = v.charAt(k);
      quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || Character.isWhitespace(c);
    }
    if (!quote) {
      out.append(v);
      return;
    }
    out.append('"');
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
