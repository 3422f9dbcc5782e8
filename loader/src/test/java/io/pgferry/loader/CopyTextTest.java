package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyTextTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String decode(String raw) {
    byte[] b = utf8(raw);
    return CopyText.decode(b, 0, b.length);
  }

  private static String encode(String value) {
    ByteSink sink = new ByteSink(4);
    CopyText.encode(value, sink);
    return new String(sink.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void decode_plainField_returnsUtf8Text() {
    assertThat(decode("naïve ☺ 😀")).isEqualTo("naïve ☺ 😀");
    assertThat(decode("")).isEmpty();
  }

  @Test
  void decode_nullMarker_returnsNull() {
    assertThat(decode("\\N")).isNull();
  }

  @Test
  void decode_escapedBackslashThenN_returnsTheTwoCharacterText() {
    assertThat(decode("\\\\N")).isEqualTo("\\N");
    assertThat(decode("\\Nx")).isEqualTo("Nx"); // not the marker: only the whole field is
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"\\b|8", "\\f|12", "\\n|10", "\\r|13", "\\t|9", "\\v|11", "\\\\|92"})
  void decode_singleLetterEscape_yieldsControlCharacter(String raw, int expected) {
    assertThat(decode(raw)).isEqualTo(String.valueOf((char) expected));
  }

  @Test
  void decode_octalEscapes_yieldBytes() {
    assertThat(decode("\\101")).isEqualTo("A");
    assertThat(decode("\\1")).isEqualTo("\u0001");
    assertThat(decode("\\12x")).isEqualTo("\nx");
    assertThat(decode("\\0123")).isEqualTo("\n3"); // at most three digits
    assertThat(decode("\\303\\251")).isEqualTo("é"); // bytes, then UTF-8
    assertThat(decode("\\8")).isEqualTo("8");
  }

  @Test
  void decode_hexEscapes_yieldBytes() {
    assertThat(decode("\\x41")).isEqualTo("A");
    assertThat(decode("\\x4")).isEqualTo("\u0004");
    assertThat(decode("\\x4g")).isEqualTo("\u0004g");
    assertThat(decode("\\x414")).isEqualTo("A4"); // at most two digits
    assertThat(decode("\\xc3\\xA9")).isEqualTo("é");
    assertThat(decode("\\xg")).isEqualTo("xg"); // no hex digit: the x is literal
    assertThat(decode("\\x")).isEqualTo("x");
  }

  @Test
  void decode_otherEscapedCharacter_isLiteral() {
    assertThat(decode("\\q\\.\\ä")).isEqualTo("q.ä");
  }

  @Test
  void decode_trailingLoneBackslash_isDropped() {
    assertThat(decode("ab\\")).isEqualTo("ab");
  }

  @Test
  void encode_specialCharacters_escapedLikeTheServer() {
    assertThat(encode("a\tb\nc\rd\\e\bf\fg\u000Bh")).isEqualTo("a\\tb\\nc\\rd\\\\e\\bf\\fg\\vh");
    assertThat(encode("\\N")).isEqualTo("\\\\N");
    assertThat(encode("\u0001 é ☺")).isEqualTo("\u0001 é ☺"); // other control characters go as they are
    assertThat(encode("")).isEmpty();
  }

  @Test
  void encode_null_writesNullMarker() {
    assertThat(encode(null)).isEqualTo("\\N");
  }

  @Test
  void encode_nulCharacter_rejected() {
    assertThatThrownBy(() -> encode("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
  }

  @Test
  void split_escapedTab_staysInsideField() {
    byte[] row = utf8("a\\\tb\tc\\\\\t\\N\t");
    int[] starts = new int[5];
    int[] ends = new int[5];
    int n = CopyText.split(row, 0, row.length, starts, ends);
    assertThat(n).isEqualTo(4);
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fields.add(CopyText.decode(row, starts[i], ends[i]));
    }
    assertThat(fields).containsExactly("a\tb", "c\\", null, "");
  }

  @Test
  void split_moreFieldsThanSlots_returnsMinusOne() {
    byte[] row = utf8("a\tb\tc");
    assertThat(CopyText.split(row, 0, row.length, new int[2], new int[2])).isEqualTo(-1);
    assertThat(CopyText.split(row, 0, row.length, new int[3], new int[3])).isEqualTo(3);
  }

  @Test
  void encodeThenDecode_randomStrings_roundTrip() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String s = randomString(random);
      String encoded = encode(s);
      assertThat(encoded).doesNotContain("\t", "\n", "\r");
      assertThat(decode(encoded)).as("round trip of %s", s).isEqualTo(s);
    }
  }

  @Test
  void encodeThenSplit_randomRows_roundTripEveryField() {
    Random random = new Random(7);
    int[] starts = new int[9];
    int[] ends = new int[9];
    for (int i = 0; i < 5_000; i++) {
      List<String> values = new ArrayList<>();
      ByteSink row = new ByteSink(16);
      int fields = 1 + random.nextInt(8);
      for (int f = 0; f < fields; f++) {
        String v = random.nextInt(6) == 0 ? null : randomString(random);
        values.add(v);
        if (f > 0) {
          row.write('\t');
        }
        CopyText.encode(v, row);
      }
      byte[] bytes = row.toByteArray();
      assertThat(CopyText.split(bytes, 0, bytes.length, starts, ends)).isEqualTo(fields);
      for (int f = 0; f < fields; f++) {
        assertThat(CopyText.decode(bytes, starts[f], ends[f])).isEqualTo(values.get(f));
      }
    }
  }

  /** Weighted towards the characters COPY cares about; includes surrogate pairs and the \N lookalikes. */
  static String randomString(Random random) {
    String[] atoms = {"\t", "\n", "\r", "\\", "\b", "\f", "\u000B", "N", "\\N", "x", "0", "7", ".", "a", "Z", " ",
        "é", "ü", "☺", "😀", "日本", "\u0001", "\u007F", "'", "\""};
    int n = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(atoms[random.nextInt(atoms.length)]);
    }
    return sb.toString();
  }
}
