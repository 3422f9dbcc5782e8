package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Identifiers;
import io.pgferry.orchestrator.TableGlob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableNamesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "public.orders.email                 | public/orders/email",
      "Public.Orders                       | public/orders",
      "\"My Schema\".\"Order Items\".\"select\" | My Schema/Order Items/select",
      "\"a\"\"b\".c                          | a\"b/c",
      "ÄBC.x                               | Äbc/x",
  })
  void split_validName_foldsUnquotedOnly(String text, String expected) {
    assertThat(Identifiers.split(text.strip())).extracting(Identifiers.Part::name)
        .isEqualTo(List.of(expected.strip().split("/")));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "a.", ".a", "a..b", "\"a", "\"\".b", "\"a\"b.c", "a b.c"})
  void split_malformedName_returnsNull(String text) {
    assertThat(Identifiers.split(text)).isNull();
  }

  @ParameterizedTest(name = "{0} ~ {1}.{2} = {3}")
  @CsvSource({
      "public.*,       public, orders,      true",
      "public.*,       sales,  orders,      false",
      "orders,         sales,  orders,      true",
      "orders,         sales,  Orders,      false",
      "audit_*,        public, audit_log,   true",
      "tmp_?,          public, tmp_1,       true",
      "tmp_?,          public, tmp_12,      false",
      "t[abc],         public, tb,          true",
      "t[!abc],        public, tb,          false",
      "t[a-c]x,        public, tbx,         true",
      "*,              x,      y,           true",
      "a[.]b.*,        a.b,    t,           true",
      "*.o*,           s,      orders,      true",
  })
  void matches_glob_followsShellRules(String pattern, String schema, String table, boolean expected) {
    assertThat(TableGlob.problem(pattern)).isNull();
    assertThat(TableGlob.compile(pattern).matches(schema, table)).isEqualTo(expected);
  }
}
