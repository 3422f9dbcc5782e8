package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.pgferry.extractor.PgferryException.Code;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionSpecTest {
  /** USER makes the defaults deterministic; the home has no .pgpass. */
  private static final Map<String, String> BASE_ENV = Map.of("USER", "me");

  @TempDir Path home;

  /** {@code user:password@host:port/db?params} with {@code -} for no password: one string per expectation. */
  static String describe(ConnectionSpec s) {
    String params = new TreeMap<>(s.params()).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    return s.user() + ":" + (s.password() == null ? "-" : s.password()) + "@" + s.hostPort() + "/" + s.database()
        + (params.isEmpty() ? "" : "?" + params);
  }

  private ConnectionSpec resolve(ConnectionInput in, Map<String, String> env) {
    return ConnectionSpec.resolve(in, "SOURCE", env, home);
  }

  static Stream<Arguments> connectionStrings() {
    return Stream.of(
        // libpq URLs
        arguments("postgresql://bob:pw@db.example.com:5433/shop", "bob:pw@db.example.com:5433/shop"),
        arguments("postgres://bob:pw@db.example.com:5433/shop", "bob:pw@db.example.com:5433/shop"),
        arguments("postgresql://bob@db.example.com/shop", "bob:-@db.example.com:5432/shop"),
        arguments("postgresql://db.example.com/shop", "me:-@db.example.com:5432/shop"),
        arguments("postgresql://db.example.com", "me:-@db.example.com:5432/me"),
        arguments("postgresql:///shop", "me:-@localhost:5432/shop"),
        arguments("postgresql://", "me:-@localhost:5432/me"),
        arguments("postgresql://bob@:6000/shop", "bob:-@localhost:6000/shop"),
        arguments("postgresql://bob:pw@[::1]:5433/shop", "bob:pw@[::1]:5433/shop"),
        arguments("postgresql://[2001:db8::7]/shop", "me:-@[2001:db8::7]:5432/shop"),
        arguments("postgresql://b%40b:p%3Aw%2F%25%20x@h/my%20db", "b@b:p:w/% x@h:5432/my db"),
        arguments("postgresql://h/caf%C3%A9", "me:-@h:5432/café"),
        arguments("postgresql://bob:a+b@h/db", "bob:a+b@h:5432/db"),
        arguments("postgresql://bob:p@ss@h/db", "bob:p@ss@h:5432/db"),
        arguments("postgresql://h/db?sslmode=require&application_name=my%20app&connect_timeout=3",
            "me:-@h:5432/db?ApplicationName=my app&connectTimeout=3&sslmode=require"),
        arguments("postgresql://h/db?sslrootcert=%2Fetc%2Fca.pem&sslmode=verify-full",
            "me:-@h:5432/db?sslmode=verify-full&sslrootcert=/etc/ca.pem"),
        arguments("postgresql:///db?host=h2&port=7000&user=u&password=pw", "u:pw@h2:7000/db"),
        arguments("postgresql://h/db?ssl=true", "me:-@h:5432/db?sslmode=require"),
        arguments("postgresql://h/db?options=-c%20search_path%3Dapp", "me:-@h:5432/db?options=-c search_path=app"),
        // JDBC URLs (pgjdbc decoding: '+' is a space)
        arguments("jdbc:postgresql://h:5433/shop?user=bob&password=pw", "bob:pw@h:5433/shop"),
        arguments("jdbc:postgresql://h/shop", "me:-@h:5432/shop"),
        arguments("jdbc:postgresql://[::1]:6000/shop?user=bob", "bob:-@[::1]:6000/shop"),
        arguments("jdbc:postgresql://h/shop?password=a%26b+c&ApplicationName=x&sslmode=disable",
            "me:a&b c@h:5432/shop?ApplicationName=x&sslmode=disable"),
        arguments("jdbc:postgresql://h/shop?currentSchema=app&tcpKeepAlive=true",
            "me:-@h:5432/shop?currentSchema=app&tcpKeepAlive=true"),
        arguments("jdbc:postgresql:shop", "me:-@localhost:5432/shop"),
        // libpq keyword strings
        arguments("host=h port=5433 dbname=shop user=bob password=pw", "bob:pw@h:5433/shop"),
        arguments("  host = h   dbname=shop  ", "me:-@h:5432/shop"),
        arguments("host=h password='with space \\'quote\\' and \\\\ slash' dbname=x",
            "me:with space 'quote' and \\ slash@h:5432/x"),
        arguments("host=h password=a\\ b dbname=x", "me:a b@h:5432/x"),
        arguments("dbname='my db' sslmode=prefer application_name='pg ferry'",
            "me:-@localhost:5432/my db?ApplicationName=pg ferry&sslmode=prefer"),
        arguments("host=::1 port=6000", "me:-@[::1]:6000/me"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectionStrings")
  void resolve_connectionString_parsesLikeLibpqOrPgjdbc(String url, String expected) {
    assertThat(describe(resolve(ConnectionInput.ofUrl(url), BASE_ENV))).isEqualTo(expected);
  }

  static Stream<Arguments> precedence() {
    String url = "postgresql://urluser:urlpw@urlhost:1111/urldb";
    Map<String, String> role = Map.of("SOURCE_DB_HOST", "rolehost", "SOURCE_DB_PORT", "2222",
        "SOURCE_DB_NAME", "roledb", "SOURCE_DB_USER", "roleuser", "SOURCE_DB_PASSWORD", "rolepw");
    Map<String, String> pg = Map.of("PGHOST", "pghost", "PGPORT", "3333", "PGDATABASE", "pgdb",
        "PGUSER", "pguser", "PGPASSWORD", "pgpw");
    ConnectionInput explicit = new ConnectionInput(url, "xhost", 4444, "xdb", "xuser", "xpw", null);
    return Stream.of(
        arguments("explicit over everything", explicit, merge(role, pg), "xuser:xpw@xhost:4444/xdb"),
        arguments("URL over role env", ConnectionInput.ofUrl(url), merge(role, pg), "urluser:urlpw@urlhost:1111/urldb"),
        arguments("role env over PG env", ConnectionInput.empty(), merge(role, pg), "roleuser:rolepw@rolehost:2222/roledb"),
        arguments("PG env over defaults", ConnectionInput.empty(), pg, "pguser:pgpw@pghost:3333/pgdb"),
        arguments("defaults", ConnectionInput.empty(), Map.of("USER", "me"), "me:-@localhost:5432/me"),
        arguments("database defaults to the resolved user", ConnectionInput.empty(), Map.of("PGUSER", "pguser"),
            "pguser:-@localhost:5432/pguser"),
        arguments("explicit field overrides only its part of the URL",
            new ConnectionInput(url, null, null, "xdb", null, null, null), Map.of(), "urluser:urlpw@urlhost:1111/xdb"),
        arguments("parts missing from the URL fall through to env",
            ConnectionInput.ofUrl("postgresql://urlhost/urldb"), merge(role, pg), "roleuser:rolepw@urlhost:2222/urldb"),
        arguments("SOURCE_URL stands in for a missing url", ConnectionInput.empty(),
            merge(Map.of("SOURCE_URL", url), role), "urluser:urlpw@urlhost:1111/urldb"),
        arguments("TARGET_URL is not read for SOURCE", ConnectionInput.empty(),
            Map.of("TARGET_URL", url, "USER", "me"), "me:-@localhost:5432/me"),
        arguments("given url beats SOURCE_URL", ConnectionInput.ofUrl("postgresql://a/b"),
            Map.of("SOURCE_URL", url, "USER", "me"), "me:-@a:5432/b"),
        arguments("empty env values count as unset", ConnectionInput.empty(),
            Map.of("SOURCE_DB_HOST", "", "PGHOST", "pghost", "USER", "me"), "me:-@pghost:5432/me"),
        arguments("URL params over PG env params", ConnectionInput.ofUrl("postgresql://h/d?sslmode=require"),
            Map.of("PGSSLMODE", "disable", "PGAPPNAME", "app", "PGCONNECT_TIMEOUT", "4", "USER", "me"),
            "me:-@h:5432/d?ApplicationName=app&connectTimeout=4&sslmode=require"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedence")
  void resolve_severalSources_followsPrecedence(String why, ConnectionInput in, Map<String, String> env, String expected) {
    assertThat(describe(resolve(in, env))).isEqualTo(expected);
  }

  @Test
  void resolve_targetRole_readsTargetVariables() {
    Map<String, String> env = Map.of("SOURCE_DB_HOST", "s", "TARGET_DB_HOST", "t", "TARGET_DB_SCHEMA", "app",
        "TARGET_URL", "postgresql://tu@/tdb", "USER", "me");
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.empty(), "TARGET", env, home);
    assertThat(describe(spec)).isEqualTo("tu:-@t:5432/tdb");
    assertThat(spec.schema()).isEqualTo("app");
    assertThat(spec.role()).isEqualTo("TARGET");
  }

  @Test
  void resolve_explicitSchema_overridesRoleSchema() {
    ConnectionInput in = new ConnectionInput(null, null, null, null, null, null, "mine");
    assertThat(resolve(in, Map.of("SOURCE_DB_SCHEMA", "env", "USER", "me")).schema()).isEqualTo("mine");
    assertThat(resolve(ConnectionInput.empty(), BASE_ENV).schema()).isNull();
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        arguments("postgresql://%2Fvar%2Frun%2Fpostgresql/db", Map.of(), "Unix-domain socket"),
        arguments("host=/tmp dbname=x", Map.of(), "use a TCP host"),
        arguments(null, Map.of("PGHOST", "/var/run/postgresql"), "Unix-domain socket"),
        arguments("postgresql://h1,h2/db", Map.of(), "several hosts"),
        arguments("postgresql://h:abc/db", Map.of(), "port in URL is not a port number"),
        arguments("postgresql://h:70000/db", Map.of(), "not a port number"),
        arguments("postgresql://h/db?sslmode=sometimes", Map.of(), "sslmode \"sometimes\""),
        arguments("postgresql://h/db?frobnicate=1", Map.of(), "unsupported connection parameter \"frobnicate\""),
        arguments("postgresql://h/db?connect_timeout=soon", Map.of(), "connect_timeout"),
        arguments("postgresql://h/%zz", Map.of(), "bad percent-encoding in database name"),
        arguments("postgresql://h/db%2", Map.of(), "bad percent-encoding"),
        arguments("postgresql://[::1/db", Map.of(), "closing \"]\""),
        arguments("host=h password='unterminated", Map.of(), "unterminated quoted value for \"password\""),
        arguments("host=h dbname", Map.of(), "missing \"=\" after \"dbname\""),
        arguments("mysql://h/db", Map.of(), "is not a postgresql:// URL"),
        arguments(null, Map.of("SOURCE_DB_PORT", "fifty"), "SOURCE_DB_PORT is not a port number"),
        arguments(null, Map.of("PGSSLMODE", "strict"), "sslmode \"strict\""),
        arguments(null, Map.of("SOURCE_URL", "nonsense"), "SOURCE connection:"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidInputs")
  void resolve_invalidInput_throwsConfigNamingTheProblem(String url, Map<String, String> env, String fragment) {
    assertThatThrownBy(() -> resolve(ConnectionInput.ofUrl(url), merge(env, BASE_ENV)))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFIG))
        .hasMessageStartingWith("SOURCE connection: ")
        .hasMessageContaining(fragment);
  }

  @Test
  void resolve_explicitPortOutOfRange_throwsConfig() {
    ConnectionInput in = new ConnectionInput(null, null, 0, null, null, null, null);
    assertThatThrownBy(() -> resolve(in, BASE_ENV))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFIG));
  }

  @Test
  void resolve_lowercaseRole_isRejected() {
    assertThatThrownBy(() -> ConnectionSpec.resolve(ConnectionInput.empty(), "source", BASE_ENV, home))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> secretBearingInputs() {
    return Stream.of(
        arguments(ConnectionInput.ofUrl("postgresql://bob:Sup3r%21Secret@h:5433/shop?sslmode=require"), "Sup3r!Secret"),
        arguments(ConnectionInput.ofUrl("jdbc:postgresql://h/shop?user=bob&password=Sup3rSecret"), "Sup3rSecret"),
        arguments(ConnectionInput.ofUrl("host=h user=bob password='Sup3r Secret' dbname=shop"), "Sup3r Secret"),
        arguments(ConnectionInput.ofUrl("host=h user=bob password=Sup3rSecret dbname=shop"), "Sup3rSecret"),
        arguments(ConnectionInput.ofUrl("postgresql://bob@h/shop?sslpassword=KeyPassw0rd&sslmode=require"), "KeyPassw0rd"),
        arguments(new ConnectionInput(null, "h", 5433, "shop", "bob", "Sup3rSecret", null), "Sup3rSecret"));
  }

  @ParameterizedTest
  @MethodSource("secretBearingInputs")
  void renderings_inputWithPassword_neverShowPassword(ConnectionInput in, String secret) {
    ConnectionSpec spec = resolve(in, BASE_ENV);
    assertThat(spec.toString()).doesNotContain(secret).doesNotContain("Sup3r").contains(spec.display());
    assertThat(spec.display()).doesNotContain(secret).doesNotContain("Sup3r");
    assertThat(spec.jdbcUrl()).doesNotContain(secret).doesNotContain("Sup3r").doesNotContain("Passw0rd");
    assertThat(spec.params()).doesNotContainKey("sslpassword");
    assertThat(in.toString()).doesNotContain(secret).doesNotContain("Sup3r").doesNotContain("Passw0rd");
  }

  @Test
  void display_fullSpec_isAPasswordlessLibpqUrlThatParsesBack() {
    ConnectionSpec spec = resolve(ConnectionInput.ofUrl("postgresql://b%40b:pw@[::1]:5433/my%20db"), BASE_ENV);
    assertThat(spec.display()).isEqualTo("postgresql://b%40b@[::1]:5433/my%20db");
    assertThat(spec.toString()).isEqualTo("SOURCE postgresql://b%40b@[::1]:5433/my%20db");
    assertThat(describe(resolve(ConnectionInput.ofUrl(spec.display()), BASE_ENV))).isEqualTo("b@b:-@[::1]:5433/my db");
  }

  @Test
  void jdbcUrl_withParams_carriesParamsButNotUserOrPassword() {
    ConnectionSpec spec = resolve(ConnectionInput.ofUrl(
        "postgresql://bob:pw@h:5433/my%20db?sslmode=require&application_name=a%26b"), BASE_ENV);
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/my+db?ApplicationName=a%26b&sslmode=require");
    assertThat(describe(resolve(ConnectionInput.ofUrl(spec.jdbcUrl()), BASE_ENV)))
        .isEqualTo("me:-@h:5433/my db?ApplicationName=a&b&sslmode=require");
  }

  @Test
  void jdbcUrl_onlySecretParams_hasNoQuery() {
    ConnectionSpec spec = resolve(ConnectionInput.ofUrl("postgresql://h/db?sslpassword=k3y"), BASE_ENV);
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
  }

  @Test
  void redact_connectionStrings_masksPasswordsOnly() {
    assertThat(ConnectionInput.redact("postgresql://bob:p%40ss@h:5/db?sslpassword=k&sslmode=require"))
        .isEqualTo("postgresql://bob:****@h:5/db?sslpassword=****&sslmode=require");
    assertThat(ConnectionInput.redact("host=h password='a b\\' c' user=bob"))
        .isEqualTo("host=h password=**** user=bob");
    assertThat(ConnectionInput.redact("jdbc:postgresql://h/db?user=bob&password=x&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=bob&password=****&ssl=true");
  }

  static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new TreeMap<>(b);
    m.putAll(a);
    return m;
  }
}
