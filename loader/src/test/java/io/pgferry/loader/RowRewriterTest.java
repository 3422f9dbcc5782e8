package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowRewriterTest {

  private static String rewrite(RowRewriter r, String row) {
    byte[] b = row.getBytes(StandardCharsets.UTF_8);
    ByteSink out = r.rewrite(b, b.length);
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  @Test
  void rewrite_transformedColumn_onlyThatFieldChanges() {
    RowTransformer t = (v, row) -> v + "|" + row.value("a") + "|" + row.value("c");
    RowRewriter r = new RowRewriter(List.of("a", "b", "c"), Map.of("b", t));
    assertThat(rewrite(r, "1\tx\\ty\t\\N\n")).isEqualTo("1\tx\\ty|1|null\t\\N\n");
    // untouched fields are copied raw, even with escapes the codec would write differently
    assertThat(rewrite(r, "\\x41\tz\t\\101\n")).isEqualTo("\\x41\tz|A|A\t\\101\n");
  }

  @Test
  void rewrite_transformerReturnsNull_writesNullMarker() {
    RowRewriter r = new RowRewriter(List.of("a", "b"), Map.of("a", (v, row) -> null));
    assertThat(rewrite(r, "secret\tkeep\n")).isEqualTo("\\N\tkeep\n");
  }

  @Test
  void rewrite_valueNeedingEscapes_isEscaped() {
    RowRewriter r = new RowRewriter(List.of("a"), Map.of("a", (v, row) -> "tab\there\\"));
    assertThat(rewrite(r, "x\n")).isEqualTo("tab\\there\\\\\n");
  }

  @Test
  void rewrite_reusedAcrossRows_doesNotLeakPreviousRowValues() {
    RowRewriter r = new RowRewriter(List.of("a", "b"), Map.of("a", (v, row) -> row.value("b")));
    assertThat(rewrite(r, "1\tfirst\n")).isEqualTo("first\tfirst\n");
    assertThat(rewrite(r, "2\t\\N\n")).isEqualTo("\\N\t\\N\n");
  }

  @Test
  void rewrite_wrongFieldCount_throwsMalformedRow() {
    RowRewriter r = new RowRewriter(List.of("a", "b"), Map.of("a", (v, row) -> v));
    assertThatThrownBy(() -> rewrite(r, "1\n")).isInstanceOf(RowRewriter.MalformedRow.class)
        .hasMessageContaining("1 fields, expected 2");
    assertThatThrownBy(() -> rewrite(r, "1\t2\t3\n")).isInstanceOf(RowRewriter.MalformedRow.class);
  }

  @Test
  void rewrite_unknownColumnLookup_failsNamingTheTransformedColumn() {
    RowRewriter r = new RowRewriter(List.of("a"), Map.of("a", (v, row) -> row.value("nope")));
    assertThatThrownBy(() -> rewrite(r, "1\n")).isInstanceOfSatisfying(RowRewriter.TransformFailure.class, e -> {
      assertThat(e.column).isEqualTo("a");
      assertThat(e.getCause()).hasMessageContaining("nope");
    });
  }

  @Test
  void constructor_transformerForUnknownColumn_rejected() {
    assertThatThrownBy(() -> new RowRewriter(List.of("a"), Map.of("b", (v, row) -> v)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
