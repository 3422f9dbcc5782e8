package io.pgferry.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Just enough of PostgreSQL's lexer to tell identifiers from literals, comments and operators. */
public final class SqlLexer {
  enum Kind { SPACE, IDENT, QUOTED_IDENT, STRING, DOLLAR, NUMBER, OTHER }

  record Token(Kind kind, String text) {
    /** The identifier as stored in the catalog: quoted ones verbatim, bare ones folded to lower case. */
    String name() {
      if (kind == Kind.QUOTED_IDENT) {
        return text.substring(1, text.length() - 1).replace("\"\"", "\"");
      }
      return text.toLowerCase(Locale.ROOT);
    }

    /** Value of a plain '...' literal, or null for E'' and other forms we do not rewrite. */
    String stringValue() {
      if (kind != Kind.STRING || !text.startsWith("'")) {
        return null;
      }
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
  }

  private final String s;
  private int pos;

  SqlLexer(String s) {
    this.s = s;
  }

  Token next() {
    if (pos >= s.length()) {
      return null;
    }
    int start = pos;
    char c = s.charAt(pos);
    if (Character.isWhitespace(c)) {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
      return token(Kind.SPACE, start);
    }
    if (c == '-' && peek(1) == '-') {
      int e = s.indexOf('\n', pos);
      pos = e < 0 ? s.length() : e;
      return token(Kind.SPACE, start);
    }
    if (c == '/' && peek(1) == '*') {
      int depth = 0;
      while (pos < s.length()) {
        if (s.startsWith("/*", pos)) {
          depth++;
          pos += 2;
        } else if (s.startsWith("*/", pos)) {
          depth--;
          pos += 2;
          if (depth == 0) {
            break;
          }
        } else {
          pos++;
        }
      }
      return token(Kind.SPACE, start);
    }
    if (c == '\'') {
      skipQuoted('\'', false);
      return token(Kind.STRING, start);
    }
    if ((c == 'E' || c == 'e') && peek(1) == '\'') {
      pos++;
      skipQuoted('\'', true);
      return token(Kind.STRING, start);
    }
    if (c == '"') {
      skipQuoted('"', false);
      return token(Kind.QUOTED_IDENT, start);
    }
    if (c == '$') {
      int j = pos + 1;
      while (j < s.length() && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
        j++;
      }
      if (j < s.length() && s.charAt(j) == '$' && (j == pos + 1 || !Character.isDigit(s.charAt(pos + 1)))) {
        String tag = s.substring(pos, j + 1);
        int end = s.indexOf(tag, j + 1);
        pos = end < 0 ? s.length() : end + tag.length();
        return token(Kind.DOLLAR, start);
      }
    }
    if (isIdentStart(c)) {
      while (pos < s.length() && isIdentPart(s.charAt(pos))) {
        pos++;
      }
      return token(Kind.IDENT, start);
    }
    if (Character.isDigit(c)) {
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '_')) {
        pos++;
      }
      return token(Kind.NUMBER, start);
    }
    pos++;
    return token(Kind.OTHER, start);
  }

  /** Next non-blank character after the current position, or 0. */
  char peekNonSpace() {
    int j = pos;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    return j < s.length() ? s.charAt(j) : 0;
  }

  /** Whether the text after the current token is {@code ::reg…} (regclass, regtype, regproc, …). */
  boolean followedByRegCast() {
    int j = pos;
    while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
      j++;
    }
    return s.startsWith("::reg", j);
  }

  /**
   * The statement up to its last token, that token and what follows it (blanks, comments) left out:
   * {@code COMMENT ON … IS 'x'} gives {@code COMMENT ON … IS }.
   */
  public static String withoutLastToken(String sql) {
    SqlLexer lx = new SqlLexer(sql);
    List<Token> toks = new ArrayList<>();
    Token t;
    while ((t = lx.next()) != null) {
      toks.add(t);
    }
    int last = toks.size() - 1;
    while (last >= 0 && toks.get(last).kind() == Kind.SPACE) {
      last--;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < last; i++) {
      sb.append(toks.get(i).text());
    }
    return sb.toString();
  }

  private char peek(int ahead) {
    int j = pos + ahead;
    return j < s.length() ? s.charAt(j) : 0;
  }

  private void skipQuoted(char q, boolean backslashEscapes) {
    pos++;
    while (pos < s.length()) {
      char ch = s.charAt(pos);
      if (backslashEscapes && ch == '\\') {
        pos += 2;
        continue;
      }
      if (ch == q) {
        if (peek(1) == q) {
          pos += 2;
          continue;
        }
        pos++;
        return;
      }
      pos++;
    }
  }

  private Token token(Kind k, int start) {
    return new Token(k, s.substring(start, pos));
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || Character.isDigit(c) || c == '$';
  }
}
