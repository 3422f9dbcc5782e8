package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of personal data {@code pgferry scan} looks for, and (the one place to change it) what it
 * suggests doing about each: an identity-safe transformer that fits any column of the type, plus the
 * realistic rule to consider instead (docs/anonymization.md) where the column's length and format allow it.
 */
enum PiiKind {
  EMAIL("email", "e-mail address", "{ type: fake, kind: email }"),
  PHONE("phone", "phone number", "{ type: fake, kind: phone }"),
  FIRST_NAME("first_name", "first name", "{ type: fake, kind: first_name }"),
  LAST_NAME("last_name", "last name", "{ type: fake, kind: last_name }"),
  FULL_NAME("full_name", "person's name", "{ type: fake, kind: full_name }"),
  BIRTH_DATE("birth_date", "date of birth", "{ type: date_shift, days: 180 }"),
  NATIONAL_ID("national_id", "national id / tax / social security number", "hash"),
  IBAN("iban", "bank account (IBAN)", "{ type: fake, kind: iban }"),
  CARD("card", "payment card number", "{ type: fake, kind: credit_card }"),
  ADDRESS("address", "street address", "{ type: fake, kind: street_address }"),
  CITY("city", "city", "{ type: fake, kind: city }"),
  POSTCODE("postcode", "postcode", "{ type: fake, kind: postcode }"),
  IP_ADDRESS("ip_address", "IP address", "{ type: fake, kind: ipv4 }");

  /** Placeholder values for NOT NULL columns that cannot be hashed or nulled, by type class. */
  private static final Map<TypeClass, String> CONSTANTS = new LinkedHashMap<>(Map.of(
      TypeClass.DATE, "1900-01-01",
      TypeClass.INET, "192.0.2.1", // TEST-NET-1 (RFC 5737): never a real host
      TypeClass.NUMBER, "0",
      TypeClass.JSON, "{}"));


  private final String key;
  private final String label;
  private final String fake;

  PiiKind(String key, String label, String fake) {
    this.key = key;
    this.label = label;
    this.fake = fake;
  }

  String key() {
    return key;
  }

  String label() {
    return label;
  }

  /** The realistic rule to consider instead, as YAML. */
  String fake() {
    return fake;
  }

  /**
   * A rule that works today for this column: a keyed {@code hash} on text,
   * otherwise {@code set_null}, or a harmless {@code constant} when the column is NOT NULL.
   */
  Suggestion suggest(Column column) {
    TypeClass type = TypeClass.of(column.type());
    // personal data inside a document is better replaced in place than by nulling the whole document
    String fake = type == TypeClass.JSON ? "a json path rule with " + this.fake : this.fake;
    if (type == TypeClass.TEXT) {
      return new Suggestion("hash", Map.of(), fake); // hash cuts its output to a varchar(n)/char(n) itself
    }
    if (!column.notNull()) {
      return new Suggestion("set_null", Map.of(), fake);
    }
    return new Suggestion("constant", Map.of("value", CONSTANTS.getOrDefault(type, "")), fake);
  }

  /**
   * @param transformer a transformer name the parser accepts today
   * @param options its options (String or Integer values)
   * @param consider the realistic fake to consider instead
   */
  record Suggestion(String transformer, Map<String, Object> options, String consider) {
    Suggestion {
      options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The rule as the value of a {@code transforms:} entry. */
    String yaml() {
      if (options.isEmpty()) {
        return transformer;
      }
      StringBuilder sb = new StringBuilder("{ type: ").append(transformer);
      options.forEach((k, v) -> sb.append(", ").append(k).append(": ").append(v instanceof Integer ? v : quoted(v.toString())));
      return sb.append(" }").toString();
    }

    /** A YAML double-quoted string; "${" would otherwise be read as a variable. */
    private static String quoted(String value) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${") + "\"";
    }
  }
}
