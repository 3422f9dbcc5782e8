package io.pgferry.orchestrator;

import java.util.regex.Pattern;

/**
 * A shell wildcard for tables, as used by {@code include}, {@code exclude} and transform keys:
 * {@code *} any run of characters, {@code ?} one character, {@code [abc]} / {@code [a-z]} / {@code [!abc]}
 * one character of (or not of) a set. A pattern with a dot outside brackets matches {@code schema.table};
 * one without matches the bare table name in every schema. Matching is case-sensitive on the stored names,
 * because that is what the catalog holds; {@code *} does not cross the schema dot.
 */
public record TableGlob(String text, Pattern schema, Pattern table) {

  /** Compiles a pattern that {@link #problem} accepted. */
  public static TableGlob compile(String text) {
    int dot = dotOutsideBrackets(text);
    String schemaPart = dot < 0 ? null : text.substring(0, dot);
    String tablePart = dot < 0 ? text : text.substring(dot + 1);
    return new TableGlob(text, schemaPart == null ? null : regex(schemaPart), regex(tablePart));
  }

  /** Null when {@code text} is a valid pattern, else what is wrong with it. */
  public static String problem(String text) {
    if (text.isBlank()) {
      return "empty table pattern";
    }
    int dot = dotOutsideBrackets(text);
    if (dot == 0 || dot == text.length() - 1) {
      return "table pattern '" + text + "' has an empty schema or table part";
    }
    if (dot >= 0 && dotOutsideBrackets(text.substring(dot + 1)) >= 0) {
      return "table pattern '" + text + "' has more than one dot; write schema.table or table";
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '[') {
        int close = closingBracket(text, i);
        if (close < 0) {
          return "table pattern '" + text + "' has an unclosed '['";
        }
        i = close;
      }
    }
    return null;
  }

  public boolean matches(String schemaName, String tableName) {
    return table.matcher(tableName).matches() && (schema == null || schema.matcher(schemaName).matches());
  }

  private static int dotOutsideBrackets(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') {
        int close = closingBracket(text, i);
        if (close < 0) {
          return -1;
        }
        i = close;
      } else if (c == '.') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the ']' closing the set opened at {@code open}; a ']' right after '[' or '[!' is a member. */
  private static int closingBracket(String text, int open) {
    int i = open + 1;
    if (i < text.length() && text.charAt(i) == '!') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == ']') {
      i++;
    }
    return text.indexOf(']', i);
  }

  private static Pattern regex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int close = closingBracket(glob, i);
          String body = glob.substring(i + 1, close);
          re.append('[');
          if (body.startsWith("!")) {
            re.append('^');
            body = body.substring(1);
          }
          for (char m : body.toCharArray()) {
            // A backslash before any non-letter is a literal in a Java character class; letters need none.
            re.append(m == '-' || Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
          }
          re.append(']');
          i = close;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
