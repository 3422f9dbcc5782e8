package io.pgferry.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.Column;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.RowTransformer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransformersTest {
  private static final byte[] SALT = "pepper".getBytes(StandardCharsets.UTF_8);
  private static final RowTransformer.Row NO_ROW = column -> {
    throw new AssertionError("not expected to read " + column);
  };

  static Column column(String name, String type, boolean notNull) {
    return new Column(name, 1, type, notNull, null, null, null, null);
  }

  private static RowTransformer create(String name, Map<String, Object> options, Column column) {
    return Transformers.create(new TransformerSpec(name, options), column, SALT);
  }

  private static RowTransformer hash(Map<String, Object> options, String type) {
    return create("hash", options, column("email", type, false));
  }

  static String hmacHex(byte[] salt, String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertConfigError(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call).isInstanceOfSatisfying(LoadException.class,
        e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.CONFIG)).hasMessageContainingAll(fragments);
  }

  @Test
  void names_builtIns_sorted() {
    assertThat(Transformers.names()).containsExactly("choice", "constant", "date_shift", "default", "fake", "generalize",
        "hash", "json", "keep", "mask", "noise", "permute", "random_date", "random_int", "regex_replace", "set_null", "shuffle",
        "sql", "template", "truncate");
  }

  @Test
  void setNull_nullableColumn_returnsNull() {
    assertThat(create("set_null", Map.of(), column("note", "text", false)).apply("secret", NO_ROW)).isNull();
  }

  @Test
  void setNull_notNullColumn_rejected() {
    assertConfigError(() -> create("set_null", Map.of(), column("note", "text", true)), "set_null", "\"note\"", "NOT NULL");
  }

  @Test
  void constant_value_replacesEveryValueIncludingNull() {
    RowTransformer t = create("constant", Map.of("value", "redacted"), column("note", "text", true));
    assertThat(t.apply("secret", NO_ROW)).isEqualTo("redacted");
    assertThat(t.apply(null, NO_ROW)).isEqualTo("redacted");
  }

  @Test
  void constant_numberOption_usesItsTextForm() {
    assertThat(create("constant", Map.of("value", 42), column("n", "integer", false)).apply("7", NO_ROW)).isEqualTo("42");
  }

  @Test
  void constant_explicitNull_writesNull() {
    Map<String, Object> options = new HashMap<>();
    options.put("value", null);
    assertThat(create("constant", options, column("n", "integer", false)).apply("7", NO_ROW)).isNull();
    assertConfigError(() -> create("constant", options, column("n", "integer", true)), "NOT NULL");
  }

  @Test
  void constant_missingValue_rejected() {
    assertConfigError(() -> create("constant", Map.of(), column("note", "text", false)), "constant", "'value' is required");
  }

  @Test
  void hash_default_isHexHmacSha256OfTheValue() throws Exception {
    assertThat(hash(Map.of(), "text").apply("alice@example.com", NO_ROW)).isEqualTo(hmacHex(SALT, "alice@example.com"));
  }

  @Test
  void hash_sameValueAndSalt_sameOutputAcrossInstances() {
    String a = hash(Map.of(), "text").apply("x", NO_ROW);
    String b = hash(Map.of(), "character varying").apply("x", NO_ROW);
    assertThat(a).isEqualTo(b);
    String other = Transformers.create(new TransformerSpec("hash", Map.of()), column("e", "text", false),
        "salt2".getBytes(StandardCharsets.UTF_8)).apply("x", NO_ROW);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void hash_null_staysNull() {
    assertThat(hash(Map.of(), "text").apply(null, NO_ROW)).isNull();
  }

  @Test
  void hash_length_truncatesAndExtendsDeterministically() throws Exception {
    String full = hmacHex(SALT, "v");
    assertThat(hash(Map.of("length", 12), "text").apply("v", NO_ROW)).isEqualTo(full.substring(0, 12));
    assertThat(hash(Map.of("length", "12"), "text").apply("v", NO_ROW)).isEqualTo(full.substring(0, 12));
    String long128 = hash(Map.of("length", 128), "text").apply("v", NO_ROW);
    assertThat(long128).hasSize(128).startsWith(full).matches("[0-9a-f]+");
    assertThat(hash(Map.of("length", 128), "text").apply("v", NO_ROW)).isEqualTo(long128);
  }

  @Test
  void hash_base64_isUnpaddedBase64OfTheHmac() throws Exception {
    String expected = Base64.getEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hmacHex(SALT, "v")));
    assertThat(hash(Map.of("encoding", "base64"), "text").apply("v", NO_ROW)).isEqualTo(expected).hasSize(43);
    assertThat(hash(Map.of("encoding", "BASE64", "length", 128), "text").apply("v", NO_ROW)).hasSize(128).startsWith(expected.substring(0, 42));
  }

  @Test
  void hash_boundedTextColumn_truncatesToDeclaredLength() {
    assertThat(hash(Map.of(), "character varying(10)").apply("v", NO_ROW)).hasSize(10);
    assertThat(hash(Map.of("length", 5), "character varying(10)").apply("v", NO_ROW)).hasSize(5);
    assertThat(hash(Map.of(), "character(8)").apply("v", NO_ROW)).hasSize(8);
    assertThat(hash(Map.of("length", 100), "name").apply("v", NO_ROW)).hasSize(63);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "character varying", "character varying(40)", "character(3)", "bpchar", "name",
      "citext", "public.citext", "\"ext\".citext"})
  void hash_textLikeColumn_accepted(String type) {
    assertThat(hash(Map.of(), type).apply("v", NO_ROW)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"integer", "\"char\"", "jsonb", "bytea", "public.textish"})
  void hash_nonTextColumn_rejected(String type) {
    assertConfigError(() -> hash(Map.of(), type), "hash", "\"email\"", "text-like", type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "129", "abc", "-1"})
  void hash_invalidLength_rejected(String length) {
    assertConfigError(() -> hash(Map.of("length", length), "text"), "'length'", "between 1 and 128");
  }

  @Test
  void hash_fractionalLength_rejected() {
    assertConfigError(() -> hash(Map.of("length", 1.5), "text"), "'length'", "1.5");
  }

  @Test
  void hash_unknownEncoding_rejected() {
    assertConfigError(() -> hash(Map.of("encoding", "rot13"), "text"), "'encoding'", "base64", "hex", "rot13");
  }

  @Test
  void hash_textArrayColumn_hashesEachElement() throws Exception {
    RowTransformer t = hash(Map.of("length", 8), "text[]");
    assertThat(t.apply("{a,\"b c\",NULL}", NO_ROW)).isEqualTo("{" + hmacHex(SALT, "a").substring(0, 8) + ","
        + hmacHex(SALT, "b c").substring(0, 8) + ",NULL}");
  }

  @Test
  void hash_shortLengthOnUniqueColumn_rejected() {
    Column c = column("email", "text", false);
    assertConfigError(() -> Transformers.create(new TransformerSpec("hash", Map.of("length", 8)), c,
        new TransformerContext(SALT, true)), "unique index", "at least 16");
    assertThat(Transformers.create(new TransformerSpec("hash", Map.of("length", 16)), c, new TransformerContext(SALT, true))
        .apply("a", NO_ROW)).hasSize(16);
  }

  @Test
  void hash_missingSalt_rejected() {
    Column c = column("email", "text", false);
    assertConfigError(() -> Transformers.create(new TransformerSpec("hash", Map.of()), c, (byte[]) null), "salt");
    assertConfigError(() -> Transformers.create(new TransformerSpec("hash", Map.of()), c, new byte[0]), "salt");
  }

  @Test
  void create_unknownOption_rejectedNamingIt() {
    assertConfigError(() -> hash(Map.of("lenght", 3), "text"), "unknown option lenght", "length");
    assertConfigError(() -> create("set_null", Map.of("value", 1), column("n", "text", false)), "unknown option value", "takes none");
  }

  @Test
  void create_unknownName_rejectedListingKnownNames() {
    assertConfigError(() -> create("scramble", Map.of(), column("n", "text", false)), "'scramble'", "constant, date_shift, default, fake");
  }

  @Test
  void create_generatedColumn_rejected() {
    Column generated = new Column("total", 2, "numeric", false, null, null, "price * 2", null);
    assertConfigError(() -> create("set_null", Map.of(), generated), "\"total\"", "generated");
  }
}
