package io.pgferry.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The value checks behind {@code scan}: checksums are verified, shapes alone are not enough. */
class PiiValuesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "4242424242424242"})
  void isCard_luhnValidNumber_true(String number) {
    assertThat(PiiValues.isCard(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "5555555555554445", "378282246310006", "0000000000000000", "411111111111", "41111111111111111111"})
  void isCard_luhnInvalidOrWrongLength_false(String number) {
    assertThat(PiiValues.isCard(number)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "FR1420041010050500013M02606", "nl91abna0417164300"})
  void isIban_mod97Valid_true(String iban) {
    assertThat(PiiValues.isIban(iban)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"DE89370400440532013001", "GB82WEST12345698765433", "DE8937040044", "1234567890123456"})
  void isIban_checksumOrShapeWrong_false(String iban) {
    assertThat(PiiValues.isIban(iban)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+49 30 1234567", "+14155552671", "0049 30 1234567", "030 1234567", "(212) 555-1234", "06-12345678"})
  void isPhone_e164OrNationalFormat_true(String phone) {
    assertThat(PiiValues.isPhone(phone)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0301234567", "12345678", "2024-01-15", "01.02.2024", "+0 123", "INV-2024-0001"})
  void isPhone_bareDigitsDatesAndCodes_false(String value) {
    assertThat(PiiValues.isPhone(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.0.1", "10.0.0.0/8", "2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a", "1:2:3:4:5:6:7:8"})
  void isIp_v4AndV6_true(String ip) {
    assertThat(PiiValues.isIp(ip)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "12:30:00", "08:00:2b:01:02:03", "1::2::3", "abc"})
  void isIp_timesMacsAndMalformed_false(String value) {
    assertThat(PiiValues.isIp(value)).isFalse();
  }

  @Test
  void match_spreadOfAdultBirthdays_birthDate() {
    assertThat(PiiValues.match(TypeClass.DATE, List.of("1961-02-03", "1975-11-30", "1988-07-14", "1990-01-01", "2001-05-05"), TODAY))
        .hasValueSatisfying(h -> assertThat(h.kind()).isEqualTo(PiiKind.BIRTH_DATE));
  }

  @Test
  void match_recentOrIdenticalDates_nothing() {
    assertThat(PiiValues.match(TypeClass.DATE, List.of("2025-01-01", "2025-02-01", "2025-03-01", "2024-12-24"), TODAY)).isEmpty();
    assertThat(PiiValues.match(TypeClass.DATE, List.of("1970-01-01", "1970-01-01", "1970-01-01", "1970-01-01", "1970-01-01",
        "1970-01-01"), TODAY)).isEmpty();
  }

  @Test
  void match_halfTheValuesAreEmails_lowerConfidenceThanAll() {
    double all = PiiValues.match(TypeClass.TEXT, List.of("a@b.de", "c@d.de", "e@f.de", "g@h.de"), TODAY).orElseThrow().confidence();
    double half = PiiValues.match(TypeClass.TEXT, List.of("a@b.de", "c@d.de", "x", "y"), TODAY).orElseThrow().confidence();
    assertThat(half).isLessThan(all);
  }

  @Test
  void match_fewerThanThreeValues_nothing() {
    assertThat(PiiValues.match(TypeClass.TEXT, List.of("a@b.de", "c@d.de"), TODAY)).isEmpty();
  }
}
