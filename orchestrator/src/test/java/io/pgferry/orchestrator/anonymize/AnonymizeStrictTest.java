package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code strict: true} stops a run with a list of the columns no rule covers, before the target is touched. */
class AnonymizeStrictTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("strict_src");
    target = Anonymize.target("strict_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_strictWithUncoveredColumns_listsThemAndStops() {
    assertThatThrownBy(() -> Anonymize.run(source, target, """
        strict: true
        include: [shop.accounts, shop.payments]
        transforms:
          shop.accounts.owner: { type: fake, kind: full_name }
          shop.accounts.number: permute
          "type:numeric": keep
        """)).isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          // payments.number is covered: it references accounts.number, whose rule it inherits
          assertThat(e.getMessage()).isEqualTo("strict: 3 column(s) have no transform rule: shop.accounts.region (text), "
              + "shop.payments.id (integer), shop.payments.region (text). Add a rule for each (or `keep`); nothing was changed");
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).isEqualTo("0");
  }

  @Test
  void clone_strictWithEveryColumnCovered_runs() {
    Anonymize.run(source, target, """
        strict: true
        include: [shop.accounts, shop.payments]
        transforms:
          shop.accounts.owner: { type: fake, kind: full_name }
          shop.accounts.number: permute
          "*.region": keep
          shop.payments.id: keep
          "type:numeric": keep
          shop.payments.number: keep
        """);

    assertThat(target.scalar("SELECT count(*) FROM shop.payments p JOIN shop.accounts a USING (region, number)")).isEqualTo("600");
  }
}
