package io.pgferry.loader;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL COPY text format, UTF-8, default delimiter (TAB) and NULL marker ({@code \N}). Works on bytes:
 * in UTF-8 the bytes of TAB, newline and backslash never occur inside a multi-byte character, so rows can
 * be split and scanned without decoding them.
 *
 * <p>Decoding follows {@code CopyReadAttributesText} in the server: the NULL marker is recognised on the
 * raw field before de-escaping (so {@code \\N} is the two-character text {@code \N}); a backslash escapes
 * the next byte, which is why a backslash followed by a TAB does not end a field.
 */
final class CopyText {
  static final byte TAB = '\t';
  static final byte NEWLINE = '\n';
  static final byte BACKSLASH = '\\';

  private CopyText() {}

  /**
   * Finds the fields of one row (without its line terminator) in {@code row[from, to)}.
   *
   * @param starts receives each field's first byte
   * @param ends receives each field's end (exclusive)
   * @return the number of fields, or -1 when the row has more fields than the arrays hold
   */
  static int split(byte[] row, int from, int to, int[] starts, int[] ends) {
    int field = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      byte b = row[i];
      if (b == BACKSLASH) {
        i++; // the escaped byte is data, even a TAB
      } else if (b == TAB) {
        if (field >= starts.length) {
          return -1;
        }
        starts[field] = start;
        ends[field++] = i;
        start = i + 1;
      }
    }
    if (field >= starts.length) {
      return -1;
    }
    starts[field] = start;
    ends[field++] = to;
    return field;
  }

  /** Whether {@code row[from, to)} is exactly the NULL marker. */
  static boolean isNull(byte[] row, int from, int to) {
    return to - from == 2 && row[from] == BACKSLASH && row[from + 1] == 'N';
  }

  /** The field's value, or null for the NULL marker. */
  static String decode(byte[] row, int from, int to) {
    if (isNull(row, from, to)) {
      return null;
    }
    int firstEscape = -1;
    for (int i = from; i < to; i++) {
      if (row[i] == BACKSLASH) {
        firstEscape = i;
        break;
      }
    }
    if (firstEscape < 0) {
      return new String(row, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] out = new byte[to - from]; // unescaping only ever shrinks
    int n = firstEscape - from;
    System.arraycopy(row, from, out, 0, n);
    int i = firstEscape;
    while (i < to) {
      byte b = row[i++];
      if (b != BACKSLASH) {
        out[n++] = b;
        continue;
      }
      if (i >= to) {
        break; // a lone trailing backslash: the server drops it too
      }
      byte c = row[i++];
      switch (c) {
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int val = c - '0';
          for (int k = 0; k < 2 && i < to && row[i] >= '0' && row[i] <= '7'; k++) {
            val = (val << 3) + (row[i++] - '0');
          }
          out[n++] = (byte) val;
        }
        case 'x' -> {
          int d1 = i < to ? hex(row[i]) : -1;
          if (d1 < 0) {
            out[n++] = 'x'; // not followed by a hex digit: the server takes the x literally
          } else {
            i++;
            int val = d1;
            int d2 = i < to ? hex(row[i]) : -1;
            if (d2 >= 0) {
              i++;
              val = (val << 4) + d2;
            }
            out[n++] = (byte) val;
          }
        }
        case 'b' -> out[n++] = '\b';
        case 'f' -> out[n++] = '\f';
        case 'n' -> out[n++] = '\n';
        case 'r' -> out[n++] = '\r';
        case 't' -> out[n++] = '\t';
        case 'v' -> out[n++] = 0x0B;
        default -> out[n++] = c; // any other byte stands for itself, including \ and .
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /**
   * Appends a value as one COPY text field: the NULL marker for null, otherwise the UTF-8 bytes with the
   * same escapes the server itself emits.
   *
   * @throws IllegalArgumentException when the value contains a NUL character, which no PostgreSQL text
   *     value can hold
   */
  static void encode(String value, ByteSink out) {
    if (value == null) {
      out.write(BACKSLASH);
      out.write('N');
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int runStart = 0;
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i];
      int escaped = switch (b) {
        case '\\' -> '\\';
        case '\t' -> 't';
        case '\n' -> 'n';
        case '\r' -> 'r';
        case '\b' -> 'b';
        case '\f' -> 'f';
        case 0x0B -> 'v';
        case 0 -> throw new IllegalArgumentException("value contains a NUL character, which PostgreSQL text cannot store");
        default -> -1;
      };
      if (escaped >= 0) {
        out.write(utf8, runStart, i - runStart);
        out.write(BACKSLASH);
        out.write(escaped);
        runStart = i + 1;
      }
    }
    out.write(utf8, runStart, utf8.length - runStart);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
