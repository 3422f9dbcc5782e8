package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineInterpolationTest {
  private static final Map<String, String> ENV = Map.of("USER", "ann", "EMPTY", "");
  private static final Location AT = new Location("i.yaml", 3, 7);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "plain text            | plain text",
      "${USER}               | ann",
      "u=${USER}@${USER}     | u=ann@ann",
      "${MISSING:-guest}     | guest",
      "${EMPTY:-fallback}    | fallback",
      "${USER:-guest}        | ann",
      "${MISSING:-}          | ''",
      "$${USER}              | ${USER}",
      "cost $5 and $ alone   | cost $5 and $ alone",
      "${MISSING:-a:-b}      | a:-b",
  })
  void apply_reference_expands(String text, String expected) {
    assertThat(PipelineInterpolation.apply(text.strip(), ENV, AT)).isEqualTo(expected.strip().replace("''", ""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "${MISSING}  | undefined environment variable 'MISSING' at i.yaml:3:7; set it (in the environment or an env file, `envFile`), or give a default with ${MISSING:-default}",
      "${EMPTY}x${ | unclosed variable reference '${' at i.yaml:3:7; write ${NAME} or ${NAME:-default}, or $${ for a literal ${",
      "${A-B}      | invalid variable name 'A-B' in '${A-B}' at i.yaml:3:7; names are letters, digits and underscores, not starting with a digit",
  })
  void apply_badReference_failsAtScalar(String text, String message) {
    assertThatThrownBy(() -> PipelineInterpolation.apply(text.strip(), ENV, AT))
        .isInstanceOf(PgferryException.class)
        .hasMessage(message.strip());
  }
}
