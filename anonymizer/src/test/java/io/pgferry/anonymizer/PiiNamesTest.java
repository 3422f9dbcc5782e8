package io.pgferry.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Column names recognised by {@code scan}: several languages and spellings in, metadata about PII out. */
class PiiNamesTest {
  @Test
  void tokens_camelSnakeKebabAccentsAndDigits_lowerCaseWords() {
    assertThat(PiiNames.tokens("eMailAddress2")).containsExactly("e", "mail", "address");
    assertThat(PiiNames.tokens("billing_street-line1")).containsExactly("billing", "street", "line");
    assertThat(PiiNames.tokens("Prénom")).containsExactly("prenom");
    assertThat(PiiNames.tokens("Straße")).containsExactly("strasse");
    assertThat(PiiNames.tokens("HTTPRemoteAddr")).containsExactly("http", "remote", "addr");
  }

  @ParameterizedTest
  @CsvSource({
      "email, EMAIL", "E_Mail, EMAIL", "courriel, EMAIL", "correo_electronico, EMAIL", "contactEmail, EMAIL",
      "phone, PHONE", "Telefon, PHONE", "telefono, PHONE", "mobile_number, PHONE", "kundentelefon, PHONE",
      "first_name, FIRST_NAME", "vorname, FIRST_NAME", "prenom, FIRST_NAME", "nombre, FIRST_NAME", "voornaam, FIRST_NAME",
      "last_name, LAST_NAME", "surname, LAST_NAME", "nachname, LAST_NAME", "nom, LAST_NAME", "apellido, LAST_NAME",
      "date_of_birth, BIRTH_DATE", "geburtsdatum, BIRTH_DATE", "date_naissance, BIRTH_DATE", "fecha_nacimiento, BIRTH_DATE",
      "iban, IBAN", "kontonummer, IBAN", "ssn, NATIONAL_ID", "steuer_id, NATIONAL_ID", "nir, NATIONAL_ID", "tax_id, NATIONAL_ID",
      "street_address, ADDRESS", "adresse, ADDRESS", "strasse, ADDRESS", "rue, ADDRESS", "calle, ADDRESS",
      "city, CITY", "ort, CITY", "ville, CITY", "ciudad, CITY", "zip, POSTCODE", "postcode, POSTCODE", "plz, POSTCODE",
      "ip_address, IP_ADDRESS", "clientIp, IP_ADDRESS", "card_number, CARD", "kreditkarte, CARD", "creditCardNumber, CARD"})
  void match_personalDataName_kind(String column, PiiKind kind) {
    assertThat(PiiNames.match("t", column)).hasValueSatisfying(h -> assertThat(h.kind()).isEqualTo(kind));
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "customer_id", "address_id", "email_verified", "phone_count", "email_sent_at", "created_at",
      "updated_at", "status", "amount", "total", "order_count", "name", "product_name", "sku", "description", "capacity",
      "phone_type", "is_mobile", "zip_code_format", "country", "currency"})
  void match_metadataOrOrdinaryName_nothing(String column) {
    assertThat(PiiNames.match("products", column)).isEmpty();
  }

  @Test
  void match_bareNameInTableOfPeople_fullNameButWeak() {
    assertThat(PiiNames.match("kunden", "name")).hasValueSatisfying(h -> {
      assertThat(h.kind()).isEqualTo(PiiKind.FULL_NAME);
      assertThat(h.confidence()).isLessThan(PiiNames.EXACT);
    });
  }

  @Test
  void match_exactNameMoreConfidentThanNameWithExtraWords() {
    assertThat(PiiNames.match("t", "email").orElseThrow().confidence())
        .isGreaterThan(PiiNames.match("t", "billing_email").orElseThrow().confidence());
  }
}
