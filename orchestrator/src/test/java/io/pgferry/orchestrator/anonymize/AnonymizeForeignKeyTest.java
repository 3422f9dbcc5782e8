package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rule on a key column reaches every column referencing it, so joins give the same counts after the clone. */
class AnonymizeForeignKeyTest {
  private static final String ORDERS_JOIN = "SELECT count(*) FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id";
  private static final String PAYMENTS_JOIN =
      "SELECT count(*) FROM shop.payments p JOIN shop.accounts a ON (a.region, a.number) = (p.region, p.number)";

  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("fk_src");
    target = Anonymize.target("fk_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_ruleOnSingleColumnKey_referencingColumnGetsSameValuesAndJoinCountHolds() {
    CloneReport report = Anonymize.run(source, target, """
        transforms:
          shop.customers.id: permute
        """);

    assertThat(target.scalar(ORDERS_JOIN)).isEqualTo(source.scalar(ORDERS_JOIN)).isEqualTo("900");
    // the keys did change: few customers (identified by their untouched e-mail) kept their id
    java.util.Set<java.util.List<String>> before = new java.util.HashSet<>(source.query("SELECT id, email FROM shop.customers"));
    long same = target.query("SELECT id, email FROM shop.customers").stream().filter(before::contains).count();
    assertThat(same).isLessThan(30);
    assertThat(target.scalar("SELECT count(DISTINCT id) FROM shop.customers")).isEqualTo("300");
    // per customer, the same orders: the multiset of order counts per customer is unchanged
    String perCustomer = "SELECT string_agg(n::text, ',' ORDER BY n) FROM (SELECT count(*) AS n FROM shop.orders GROUP BY customer_id) x";
    assertThat(target.scalar(perCustomer)).isEqualTo(source.scalar(perCustomer));
    assertThat(report.warnings()).contains("transform propagated: shop.customers.id -> shop.orders.customer_id (foreign key "
        + "orders_customer_id_fkey)");
  }

  @Test
  void clone_rulesOnCompositeKey_eachReferencingColumnFollowsAndJoinCountHolds() {
    CloneReport report = Anonymize.run(source, target, """
        transforms:
          shop.accounts.region: { type: hash, length: 12 }
          shop.accounts.number: permute
        """);

    assertThat(target.scalar(PAYMENTS_JOIN)).isEqualTo(source.scalar(PAYMENTS_JOIN)).isEqualTo("600");
    assertThat(target.scalar("SELECT count(*) FROM shop.payments WHERE region IN ('north', 'south')")).isEqualTo("0");
    assertThat(target.scalar("SELECT count(*) FROM shop.accounts a JOIN (VALUES ('ACC000001'), ('ACC000002')) v(n) ON a.number = v.n"))
        .isNotEqualTo("2");
    assertThat(report.warnings()).anyMatch(w -> w.startsWith("transform propagated: shop.accounts.region -> shop.payments.region"))
        .anyMatch(w -> w.startsWith("transform propagated: shop.accounts.number -> shop.payments.number"));
  }

  @Test
  void clone_rowDependentRuleOnKey_rejectedBeforeTouchingTarget() {
    assertThatThrownBy(() -> Anonymize.run(source, target, """
        transforms:
          shop.accounts.number: { type: permute, when: "region = 'north'" }
        """)).isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          assertThat(e.getMessage()).contains("key column shop.accounts.number", "shop.payments.number");
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).isEqualTo("0");
  }
}
