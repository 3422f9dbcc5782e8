package io.pgferry.orchestrator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits dotted names such as {@code "My Schema"."Order Items"."select"} or {@code public.orders.email}
 * into parts the way PostgreSQL reads identifiers: double quotes keep case, dots and spaces and double a
 * quote to write one ({@code ""}); unquoted parts fold to lower case.
 */
public final class Identifiers {
  private Identifiers() {}

  /** One part of a dotted name, after unquoting. */
  public record Part(String name, boolean quoted) {}

  /**
   * Splits {@code text}; returns null when it is malformed (empty part, unclosed quote, stray quote or
   * whitespace), so the caller can word the error for its own context.
   */
  public static List<Part> split(String text) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (true) {
      if (i >= text.length()) {
        return null; // empty last part, e.g. "a." or ""
      }
      if (text.charAt(i) == '"') {
        StringBuilder name = new StringBuilder();
        i++;
        while (true) {
          if (i >= text.length()) {
            return null;
          }
          char c = text.charAt(i);
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            name.append('"');
            i += 2;
          } else if (c == '"') {
            i++;
            break;
          } else {
            name.append(c);
            i++;
          }
        }
        if (name.isEmpty()) {
          return null;
        }
        parts.add(new Part(name.toString(), true));
      } else {
        int end = i;
        while (end < text.length() && text.charAt(end) != '.') {
          char c = text.charAt(end);
          if (c == '"' || Character.isWhitespace(c)) {
            return null;
          }
          end++;
        }
        if (end == i) {
          return null;
        }
        parts.add(new Part(foldAscii(text.substring(i, end)), false));
        i = end;
      }
      if (i == text.length()) {
        return parts;
      }
      if (text.charAt(i) != '.') {
        return null; // text right after a closing quote
      }
      i++;
    }
  }

  /**
   * The part as a pattern in the include/exclude wildcard language: unquoted parts keep their wildcards,
   * quoted parts are literal, so their wildcard characters and dots are bracket-escaped.
   */
  public static String asPattern(Part part) {
    if (!part.quoted()) {
      return part.name();
    }
    StringBuilder out = new StringBuilder();
    for (char c : part.name().toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '.') {
        out.append('[').append(c).append(']');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** PostgreSQL folds only ASCII letters of unquoted identifiers in multibyte encodings such as UTF-8. */
  static String foldAscii(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  public static boolean hasWildcard(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
  }
}
