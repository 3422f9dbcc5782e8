package io.pgferry.orchestrator.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same salt and rules give the same output in two runs, and the same value in two tables. */
class AnonymizeDeterminismTest {
  private static final String ROWS = """
      SELECT id, email, first_name, last_name, display, phone, birth_date, salary, card, iban, ip, profile::text,
             nicknames::text FROM shop.customers ORDER BY id""";

  private TestDatabase source;
  private TestDatabase first;
  private TestDatabase second;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("det_src");
    first = Anonymize.target("det_a");
    second = Anonymize.target("det_b");
  }

  @AfterEach
  void tearDown() {
    source.close();
    first.close();
    second.close();
  }

  @Test
  void clone_twiceWithSameSalt_identicalOutputInBothTargets() {
    Anonymize.run(source, first, Anonymize.REALISTIC);
    Anonymize.run(source, second, Anonymize.REALISTIC);

    assertThat(first.query(ROWS)).hasSize(300).isEqualTo(second.query(ROWS));
    assertThat(first.query("SELECT * FROM shop.accounts ORDER BY region, number"))
        .isEqualTo(second.query("SELECT * FROM shop.accounts ORDER BY region, number"));
    // and it did change them: no e-mail kept, all still distinct and shaped like e-mails
    assertThat(first.scalar("SELECT count(*) FROM shop.customers WHERE email LIKE 'cust%'")).isEqualTo("0");
    assertThat(first.scalar("SELECT count(DISTINCT email) FROM shop.customers WHERE email ~ '^[a-z0-9.]+@[a-z0-9.-]+$'"))
        .isEqualTo("300");
  }

  @Test
  void clone_sameValueInTwoTables_sameOutputInBoth() {
    Anonymize.run(source, first, Anonymize.REALISTIC);

    // newsletter rows were made from customers' e-mails; "*.email" gives each the same fake in both tables
    assertThat(first.scalar("SELECT count(*) FROM shop.newsletter")).isEqualTo("100");
    assertThat(first.scalar("SELECT count(*) FROM shop.newsletter n JOIN shop.customers c USING (email)")).isEqualTo("100");
    assertThat(first.scalar("SELECT count(*) FROM shop.newsletter WHERE email LIKE 'cust%'")).isEqualTo("0");
  }
}
