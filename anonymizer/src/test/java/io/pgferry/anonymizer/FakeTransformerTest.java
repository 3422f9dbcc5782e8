package io.pgferry.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.Column;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.RowTransformer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fakes have the shape of their kind, depend only on the value, and fit the column. */
class FakeTransformerTest {
  private static final byte[] SALT = "fake-salt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final RowTransformer.Row NO_ROW = c -> {
    throw new AssertionError("no row access expected");
  };

  private static RowTransformer fake(String kind, String type, boolean unique, Map<String, Object> more) {
    Map<String, Object> o = new LinkedHashMap<>(more);
    o.put("kind", kind);
    return Transformers.create(new TransformerSpec("fake", o), new Column("c", 1, type, false, null, null, null, null),
        new TransformerContext(SALT, unique));
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  @Test
  void creditCard_anyValue_sixteenDigitsLuhnValid() {
    RowTransformer t = fake("credit_card", "text", false, Map.of());
    for (int i = 0; i < 500; i++) {
      String v = t.apply("4111 1111 1111 " + i, NO_ROW);
      assertThat(v).matches("4\\d{15}");
      assertThat(luhn(v)).as(v).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "de-DE", "fr-FR"})
  void phone_e164_plusCountryCodeAndDigits(String locale) {
    String v = fake("phone", "text", false, Map.of("locale", locale)).apply("030 1234567", NO_ROW);
    assertThat(v).matches("\\+\\d{8,15}");
  }

  @Test
  void phone_national_formattedWithoutPlus() {
    String v = fake("phone", "text", false, Map.of("locale", "en-US", "format", "national")).apply("x", NO_ROW);
    assertThat(v).doesNotStartWith("+").matches("[0-9 ()\\-]+");
  }

  @Test
  void email_sameValue_sameOutputAndDifferentValuesMostlyDiffer() {
    RowTransformer t = fake("email", "text", false, Map.of());
    assertThat(t.apply("a@b.c", NO_ROW)).isEqualTo(t.apply("a@b.c", NO_ROW)).matches("[a-z0-9.]+@[a-z0-9.-]+");
    Set<String> out = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      out.add(t.apply("user" + i + "@x.org", NO_ROW));
    }
    assertThat(out.size()).isGreaterThan(900);
  }

  @Test
  void email_uniqueColumn_100000DistinctInputsGiveDistinctOutputs() {
    RowTransformer t = fake("email", "varchar(120)", true, Map.of());
    Set<String> out = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      out.add(t.apply("user" + i + "@x.org", NO_ROW));
    }
    assertThat(out).hasSize(100_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"first_name", "last_name", "full_name", "username", "street_address", "city", "postcode", "country",
      "company", "job_title", "iban", "url", "words", "sentence", "paragraph"})
  void textKinds_anyValue_nonBlankDeterministic(String kind) {
    RowTransformer t = fake(kind, "text", false, Map.of());
    assertThat(t.apply("v1", NO_ROW)).isNotBlank().isEqualTo(t.apply("v1", NO_ROW));
  }

  @Test
  void networkKinds_typedColumns_parseableShapes() {
    assertThat(fake("ipv4", "inet", false, Map.of()).apply("10.0.0.1", NO_ROW)).matches("\\d{1,3}(\\.\\d{1,3}){3}");
    assertThat(fake("ipv6", "inet", false, Map.of()).apply("::1", NO_ROW)).startsWith("2001:db8:");
    assertThat(fake("mac", "macaddr", false, Map.of()).apply("aa", NO_ROW)).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    assertThat(fake("uuid", "uuid", false, Map.of()).apply("x", NO_ROW)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void fake_varcharTooShort_rejectedWithLength() {
    assertThatThrownBy(() -> fake("email", "character varying(5)", false, Map.of()))
        .isInstanceOf(LoadException.class).hasMessageContaining("at most 5");
  }

  @Test
  void fake_integerColumn_rejected() {
    assertThatThrownBy(() -> fake("full_name", "integer", false, Map.of()))
        .isInstanceOf(LoadException.class).hasMessageContaining("cannot be stored in a column of type integer");
  }

  @Test
  void fake_varcharLimit_outputNeverLonger() {
    RowTransformer t = fake("company", "varchar(12)", false, Map.of());
    for (int i = 0; i < 300; i++) {
      assertThat(t.apply("c" + i, NO_ROW).length()).isLessThanOrEqualTo(12);
    }
  }
}
