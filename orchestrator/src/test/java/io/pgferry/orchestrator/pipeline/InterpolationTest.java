package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.pgferry.extractor.PgferryException.Code;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterpolationTest {
  private static final Map<String, String> ENV = Map.of("HOST", "db1", "PORT", "5433", "EMPTY", "", "DOLLAR", "a$b${c}");

  static Stream<Arguments> substitutions() {
    return Stream.of(
        arguments("no variables", "no variables"),
        arguments("${HOST}", "db1"),
        arguments("postgresql://${HOST}:${PORT}/x", "postgresql://db1:5433/x"),
        arguments("${MISSING:-fallback}", "fallback"),
        arguments("${HOST:-fallback}", "db1"),
        arguments("${EMPTY:-fallback}", "fallback"),
        arguments("${EMPTY}", ""),
        arguments("${MISSING:-}", ""),
        arguments("${MISSING:-${HOST}:${PORT}}", "db1:5433"),
        arguments("${MISSING:-a:-b}", "a:-b"),
        arguments("$${HOST}", "${HOST}"),
        arguments("$${HOST} ${HOST}", "${HOST} db1"),
        arguments("cost $5 and $HOST", "cost $5 and $HOST"),
        arguments("${DOLLAR}", "a$b${c}"),
        arguments("trailing $", "trailing $"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("substitutions")
  void apply_text_substitutesFromEnv(String text, String expected) {
    assertThat(Interpolation.apply(text, ENV)).isEqualTo(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("host: ${DB_HOST}", "undefined environment variable 'DB_HOST'; set it (in the environment or an env file, `envFile`)"),
        arguments("${MISSING:-${ALSO_MISSING}}", "undefined environment variable 'ALSO_MISSING'"),
        arguments("x ${HOST", "unclosed variable reference '${HOST'"),
        arguments("${}", "invalid variable name '' in '${}'"),
        arguments("${1X}", "invalid variable name '1X' in '${1X}'"),
        arguments("${A B}", "invalid variable name 'A B'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void apply_badReference_throwsConfigNamingIt(String text, String fragment) {
    assertThatThrownBy(() -> Interpolation.apply(text, ENV))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(Code.CONFIG))
        .hasMessageContaining(fragment);
  }
}
