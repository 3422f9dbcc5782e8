package io.pgferry.orchestrator.pipeline;

import java.util.List;

/**
 * The raw text of a pipeline file, kept to find how a scalar was written and to turn a position inside a
 * scalar's value (e.g. where JSqlParser stopped in a {@code where} condition) back into a file location.
 */
record SourceText(String text, List<String> lines) {
  static SourceText of(String text) {
    // split with -1 keeps trailing empty lines so line numbers stay aligned with the parser's.
    return new SourceText(text, List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
  }

  private String line(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }

  YamlNode.Style styleAt(int line, int column) {
    String text = line(line);
    char c = column >= 1 && column <= text.length() ? text.charAt(column - 1) : ' ';
    return switch (c) {
      case '\'' -> YamlNode.Style.SINGLE_QUOTED;
      case '"' -> YamlNode.Style.DOUBLE_QUOTED;
      case '|' -> YamlNode.Style.LITERAL;
      case '>' -> YamlNode.Style.FOLDED;
      default -> YamlNode.Style.PLAIN;
    };
  }

  /**
   * The file location of character {@code index} of the scalar's value ({@code index == length} means just
   * after the last character). Exact for plain and literal block scalars and for quoted scalars without
   * escapes; falls back to the scalar's start when the value no longer matches the file (interpolation).
   */
  Location locate(YamlNode.Scalar scalar, int index) {
    Location start = scalar.where();
    if (scalar.interpolated() || index <= 0) {
      return start;
    }
    return switch (scalar.style()) {
      case LITERAL, FOLDED -> block(scalar, index);
      default -> flow(scalar, index);
    };
  }

  /** Block scalars: content starts on the line after the indicator, each value line one file line. */
  private Location block(YamlNode.Scalar scalar, int index) {
    Location start = scalar.where();
    int firstContent = start.line() + 1;
    while (firstContent <= lines.size() && line(firstContent).isBlank()) {
      firstContent++;
    }
    String header = line(start.line()).substring(start.column());
    int indent = explicitIndent(header, leadingSpaces(line(start.line())));
    if (indent < 0) {
      indent = leadingSpaces(line(firstContent));
    }
    String value = scalar.text();
    int fileLine = start.line() + 1;
    int column = indent + 1;
    for (int i = 0; i < index && i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n') {
        fileLine++;
        column = indent + 1;
      } else if (scalar.style() == YamlNode.Style.FOLDED && c == ' ' && column > line(fileLine).length()) {
        // A folded line break became this space.
        fileLine++;
        column = indent + 1;
      } else {
        column++;
      }
    }
    return new Location(start.file(), fileLine, column);
  }

  /** Plain and quoted scalars: walk the file text alongside the value, following line folding and escapes. */
  private Location flow(YamlNode.Scalar scalar, int index) {
    Location start = scalar.where();
    boolean quoted = scalar.style() != YamlNode.Style.PLAIN;
    int fileLine = start.line();
    int col = start.column() - 1 + (quoted ? 1 : 0); // 0-based column of the value's first character
    String value = scalar.text();
    for (int i = 0; i < index && i < value.length(); ) {
      String text = line(fileLine);
      char c = value.charAt(i);
      if ((c == ' ' || c == '\n') && text.substring(Math.min(col, text.length())).isBlank()
          && fileLine < lines.size()) {
        // Folded line break: blank file lines become '\n' each, a single break becomes one space.
        fileLine++;
        int blank = 0;
        while (fileLine < lines.size() && line(fileLine).isBlank()) {
          fileLine++;
          blank++;
        }
        i += Math.max(1, blank);
        col = leadingSpaces(line(fileLine));
        continue;
      }
      col += escapeWidth(scalar.style(), text, col);
      i++;
    }
    return new Location(start.file(), fileLine, col + 1);
  }

  /** How many file characters stand for one value character at {@code col}: 2 for {@code ''} or {@code \"}. */
  private static int escapeWidth(YamlNode.Style style, String text, int col) {
    if (col + 1 < text.length()) {
      if (style == YamlNode.Style.SINGLE_QUOTED && text.charAt(col) == '\'' && text.charAt(col + 1) == '\'') {
        return 2;
      }
      if (style == YamlNode.Style.DOUBLE_QUOTED && text.charAt(col) == '\\') {
        return switch (text.charAt(col + 1)) {
          case 'x' -> 4;
          case 'u' -> 6;
          case 'U' -> 10;
          default -> 2;
        };
      }
    }
    return 1;
  }

  /** The indentation given by a digit in a block header such as {@code |2-}, or -1 when auto-detected. */
  private static int explicitIndent(String header, int parentIndent) {
    for (int i = 0; i < header.length() && !Character.isWhitespace(header.charAt(i)); i++) {
      char c = header.charAt(i);
      if (c >= '1' && c <= '9') {
        // Relative to the parent's indentation, taken as the indentation of the indicator's line.
        return parentIndent + (c - '0');
      }
    }
    return -1;
  }

  private static int leadingSpaces(String text) {
    int n = 0;
    while (n < text.length() && (text.charAt(n) == ' ' || text.charAt(n) == '\t')) {
      n++;
    }
    return n;
  }
}
