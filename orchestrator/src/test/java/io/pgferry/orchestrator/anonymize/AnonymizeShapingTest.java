package io.pgferry.orchestrator.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** template reads other columns of the row, before or after their rules; shuffle permutes values within the table. */
class AnonymizeShapingTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("shape_src");
    target = Anonymize.target("shape_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_template_usesTransformedAndOriginalValuesOfTheRow() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.first_name: { type: fake, kind: first_name }
          shop.customers.last_name: { type: fake, kind: last_name }
          shop.customers.display: { type: template, template: "{new.first_name} {new.last_name} ({old.country})" }
          shop.orders.note: { type: template, template: "note of order {old.id}" }
        """);

    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE display = first_name || ' ' || last_name || ' (' || country || ')'"))
        .isEqualTo("300");
    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE first_name ~ '[0-9]'")).isEqualTo("0");
    // a template fills every row, also where the column was NULL
    assertThat(source.scalar("SELECT count(*) FROM shop.orders WHERE note IS NULL")).isEqualTo("720");
    assertThat(target.scalar("SELECT count(*) FROM shop.orders WHERE note = 'note of order ' || id")).isEqualTo("900");
  }

  @Test
  void clone_shuffle_sameValuesInOtherRows() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.birth_date: shuffle
          shop.customers.salary: shuffle
        """);

    for (String column : new String[] {"birth_date", "salary"}) {
      String multiset = "SELECT string_agg(" + column + "::text, ',' ORDER BY " + column + ") FROM shop.customers";
      assertThat(target.scalar(multiset)).isEqualTo(source.scalar(multiset));
    }
    String pairs = "SELECT id, birth_date, salary FROM shop.customers ORDER BY id";
    assertThat(target.query(pairs)).hasSize(300).isNotEqualTo(source.query(pairs));
    // the rest of the row stays with its id
    String rest = "SELECT id, email, first_name FROM shop.customers ORDER BY id";
    assertThat(target.query(rest)).isEqualTo(source.query(rest));
  }

  @Test
  void clone_defaultAndNumericRules_defaultsFilledAndNumbersNearby() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.vip: default
          shop.customers.salary: { type: noise, relative: 0.1 }
          shop.customers.created_at: { type: date_shift, days: 14, keep_weekday: true }
          shop.orders.total: { type: generalize, bucket: 100 }
        """);

    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE NOT vip")).isEqualTo("300");
    assertThat(source.scalar("SELECT count(*) FROM shop.customers WHERE vip")).isEqualTo("30");
    String q = "SELECT salary, extract(epoch FROM created_at)::bigint, extract(isodow FROM created_at) FROM shop.customers ORDER BY id";
    var before = source.query(q);
    var after = target.query(q);
    int changed = 0;
    for (int i = 0; i < before.size(); i++) {
      double s0 = Double.parseDouble(before.get(i).get(0));
      double s1 = Double.parseDouble(after.get(i).get(0));
      assertThat(Math.abs(s1 - s0)).isLessThanOrEqualTo(s0 * 0.1 + 0.01);
      changed += s0 != s1 ? 1 : 0;
      long shiftDays = (Long.parseLong(after.get(i).get(1)) - Long.parseLong(before.get(i).get(1))) / 86400;
      assertThat(shiftDays).isIn(-14L, -7L, 7L, 14L);
      assertThat(after.get(i).get(2)).isEqualTo(before.get(i).get(2));
    }
    assertThat(changed).isGreaterThan(250);
    assertThat(target.scalar("SELECT count(*) FROM shop.orders WHERE total::numeric % 100 = 0")).isEqualTo("900");
  }
}
