package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhereValidatorTest {
  private static final String HEAD = "source: a\ntarget: b\ntables:\n  orders:\n";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "created_at > now() - interval '30 days' AND status <> 'void'",
      "created_at > now() - interval '1 day'",
      "payload->>'kind' = 'signup'",
      "payload->'a'->>'b' IS NOT NULL",
      "tags::text[] && ARRAY['a', 'b']",
      "name ILIKE 'a%'",
      "name NOT ILIKE '%test%'",
      "a IS DISTINCT FROM b",
      "a IS NOT DISTINCT FROM b",
      "id = ANY(ARRAY[1, 2, 3])",
      "id = ANY('{1,2}'::int[])",
      "payload @> '{\"a\": 1}'::jsonb",
      "email ~* '@example\\.com$'",
      "created_at::date >= date_trunc('month', current_date)",
      "id % 10 = 0",
      "EXISTS (SELECT 1 FROM customers c WHERE c.id = customer_id AND c.active)",
      "customer_id IN (SELECT id FROM customers WHERE country = 'NL')",
      "\"Weird Column\" = 'x;y'",
      "deleted",
      "coalesce(archived, false) = false",
      "x = 1 -- trailing comment",
      "status IN ('a', 'b') OR (amount BETWEEN 1 AND 10)",
  })
  void parse_postgresWhere_isAccepted(String condition) {
    String yaml = HEAD + "    where: \"" + condition.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";

    Pipeline p = PipelineParser.parse(yaml, "w.yaml", Map.of());

    assertThat(p.tables().get("orders").where()).isEqualTo(condition);
  }

  static Stream<Arguments> badWheres() {
    return Stream.of(
        // plain scalar: column = scalar column + index
        Arguments.of(HEAD + "    where: x = 1 ORDER BY x\n",
            "where condition of table 'orders' has a syntax error near 'ORDER' at w.yaml:5:18"),
        Arguments.of(HEAD + "    where: x = 1; DROP TABLE orders\n",
            "where condition of table 'orders' contains a ';' statement break at w.yaml:5:17; give one condition, without ';'"),
        Arguments.of(HEAD + "    where: x = 1 UNION SELECT 2\n",
            "where condition of table 'orders' has a syntax error near 'UNION' at w.yaml:5:18"),
        // JSqlParser backtracks, so a missing operand is reported at its operator
        Arguments.of(HEAD + "    where: x >\n",
            "where condition of table 'orders' has a syntax error near '>' at w.yaml:5:14"),
        Arguments.of(HEAD + "    where: x > 1 AND\n",
            "where condition of table 'orders' has a syntax error near 'AND' at w.yaml:5:18"),
        Arguments.of(HEAD + "    where: x IN (1, 2\n",
            "where condition of table 'orders' has a syntax error near ',' at w.yaml:5:19"),
        Arguments.of(HEAD + "    where: NOT\n",
            "where condition of table 'orders' ends too early at w.yaml:5:15; something is missing after 'NOT'"),
        Arguments.of(HEAD + "    where: a = 1 )\n",
            "where condition of table 'orders' has a syntax error near ')' at w.yaml:5:18"),
        // plain scalar folded over two lines
        Arguments.of(HEAD + "    where: a = 1 AND\n      b = = 2\n",
            "where condition of table 'orders' has a syntax error near '=' at w.yaml:6:9"),
        // quoted: offset by the opening quote
        Arguments.of(HEAD + "    where: \"x = 1 LIMIT 5\"\n",
            "where condition of table 'orders' has a syntax error near 'LIMIT' at w.yaml:5:19"),
        Arguments.of(HEAD + "    where: 'name = ''a'' GROUP BY x'\n",
            "where condition of table 'orders' has a syntax error near 'GROUP' at w.yaml:5:26"),
        // literal block scalar: line and column inside the block
        Arguments.of(HEAD + "    where: |\n      a = 1\n        AND b < < 2\n",
            "where condition of table 'orders' has a syntax error near '<' at w.yaml:7:15"),
        // folded block scalar
        Arguments.of(HEAD + "    where: >-\n      a = 1\n      AND b ) 2\n",
            "where condition of table 'orders' has a syntax error near ')' at w.yaml:7:13"),
        // lexical error
        Arguments.of(HEAD + "    where: a = 'open\n",
            "where condition of table 'orders' ends inside an unclosed quote or comment at w.yaml:5:21"),
        // '#' after a space starts a YAML comment, which is not part of the condition
        Arguments.of(HEAD + "    where: a = 1 OR # note\n",
            "where condition of table 'orders' has a syntax error near 'OR' at w.yaml:5:18"),
        // not a condition
        Arguments.of(HEAD + "    where: \"42\"\n",
            "where condition of table 'orders' is a number, not a condition at w.yaml:5:12; write a test such as status <> 'void'"),
        Arguments.of(HEAD + "    where: \"'abc'\"\n",
            "where condition of table 'orders' is a literal value, not a condition at w.yaml:5:12; write a test such as status <> 'void'"),
        Arguments.of(HEAD + "    where: a + b\n",
            "where condition of table 'orders' is an arithmetic expression, not a condition at w.yaml:5:12; write a test such as status <> 'void'"),
        Arguments.of(HEAD + "    where: \"  \"\n",
            "where condition of table 'orders' is empty at w.yaml:5:12; remove the key to copy all rows"),
        // interpolated values cannot be mapped column by column: the scalar's start is named
        Arguments.of(HEAD + "    where: x = ${N} ORDER BY y\n",
            "where condition of table 'orders' has a syntax error near 'ORDER' at w.yaml:5:12"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badWheres")
  void parse_badWhere_pointsInsideYamlScalar(String yaml, String message) {
    assertThatThrownBy(() -> PipelineParser.parse(yaml, "w.yaml", Map.of("N", "1")))
        .isInstanceOf(PgferryException.class)
        .hasMessage(message);
  }
}
