package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sql} rules are computed by the source inside the COPY's SELECT and checked when the pipeline is read. */
class AnonymizeSqlTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("sql_src");
    target = Anonymize.target("sql_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_sqlExpression_valueComputedBySource() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.salary: { type: sql, expression: "round(salary, -3)" }
          shop.customers.display: { type: sql, expression: "upper(left(first_name, 1)) || '.'" , when: "country = 'IT'" }
        """);

    String rounded = "SELECT id, round(salary, -3)::numeric(10,2) FROM shop.customers ORDER BY id";
    assertThat(target.query("SELECT id, salary FROM shop.customers ORDER BY id")).isEqualTo(source.query(rounded));
    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE country = 'IT' AND display ~ '^[A-Z]\\.$'")).isEqualTo("75");
    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE country <> 'IT' AND display IS NOT NULL")).isEqualTo("0");
  }

  @Test
  void parse_sqlExpressionSyntaxError_rejectedWithLineAndColumn() {
    assertThatThrownBy(() -> Anonymize.options(source, target, """
        transforms:
          shop.customers.salary: { type: sql, expression: "round(salary,, 2)" }
        """)).isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          assertThat(e.getMessage()).contains("'expression' of transform 'shop.customers.salary'").contains("at anon.yaml:6:");
        });
  }
}
