package io.pgferry.orchestrator.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rule with {@code when} changes only the rows where the source says the condition holds. */
class AnonymizeWhenTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("when_src");
    target = Anonymize.target("when_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_whenCondition_onlyMatchingRowsTransformed() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.phone: { type: set_null, when: "country = 'DE'" }
          shop.customers.last_name: { type: fake, kind: last_name, when: "vip AND birth_date < date '1990-01-01'" }
        """);

    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE country = 'DE' AND phone IS NOT NULL")).isEqualTo("0");
    String kept = "SELECT id, phone FROM shop.customers WHERE country <> 'DE' ORDER BY id";
    assertThat(target.query(kept)).isEqualTo(source.query(kept)).hasSize(225);
    String notVip = "SELECT id, last_name FROM shop.customers WHERE NOT (vip AND birth_date < date '1990-01-01') ORDER BY id";
    assertThat(target.query(notVip)).isEqualTo(source.query(notVip));
    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE vip AND birth_date < date '1990-01-01' AND last_name LIKE 'Family%'"))
        .isEqualTo("0");
    assertThat(Integer.parseInt(source.scalar("SELECT count(*) FROM shop.customers WHERE vip AND birth_date < date '1990-01-01'")))
        .isPositive();
  }
}
