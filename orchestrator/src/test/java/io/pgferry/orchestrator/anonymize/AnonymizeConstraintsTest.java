package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules that cannot produce values the column accepts are refused before the target is touched. */
class AnonymizeConstraintsTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("con_src").execute("""
        CREATE TABLE shop.codes (id integer PRIMARY KEY, short varchar(5), label varchar(12) NOT NULL
          CHECK (length(label) > 0), qty smallint NOT NULL);
        INSERT INTO shop.codes SELECT g, 'c' || g, 'label' || g, g FROM generate_series(1, 50) g;
        CREATE DOMAIN shop.grade AS text CHECK (VALUE IN ('gold', 'silver', 'bronze'));
        CREATE TABLE shop.members (id integer PRIMARY KEY, grade shop.grade NOT NULL,
          tag text NOT NULL CONSTRAINT members_tag_prefix CHECK (tag LIKE 'T-%'));
        INSERT INTO shop.members SELECT g, (ARRAY['gold', 'silver', 'bronze'])[1 + g % 3], 'T-' || g FROM generate_series(1, 50) g""");
    target = Anonymize.target("con_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "shop.customers.phone: set_null|shop.customers.phone|",
      "shop.customers.first_name: set_null|NOT NULL|",
      "shop.codes.short: { type: fake, kind: email }|at most 5|",
      "shop.codes.qty: { type: fake, kind: full_name }|type smallint|",
      "shop.customers.email: { type: constant, value: x@y.z }|unique index|",
      "shop.customers.email: { type: choice, values: [a@b.c, d@e.f] }|unique index|",
      "shop.codes.qty: { type: random_int, min: 1, max: 99999 }|does not fit|",
      "shop.customers.country: { type: choice, values: [DE, FRA] }|longer than the column's 2 characters|"})
  void clone_ruleThatCannotFit_rejectedAsConfigBeforeTouchingTarget(String rule, String fragment, String unused) {
    if (rule.equals("shop.customers.phone: set_null")) {
      source.execute("ALTER TABLE shop.customers ALTER COLUMN phone SET NOT NULL");
      fragment = "NOT NULL";
    }
    String expected = fragment;
    assertThatThrownBy(() -> Anonymize.run(source, target, "transforms:\n  " + rule + "\n"))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          assertThat(e.getMessage()).startsWith("anon.yaml:").contains(expected);
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).isEqualTo("0");
  }

  @Test
  void clone_ruleBreakingCheckConstraint_rejectedBeforeTouchingTargetNamingConstraint() {
    assertThatThrownBy(() -> Anonymize.run(source, target, """
        transforms:
          shop.members.tag: { type: fake, kind: company }
        """)).isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          assertThat(e.getMessage()).startsWith("the transform rules of shop.members break its constraint members_tag_prefix")
              .contains("tag = '").endsWith("Nothing was changed");
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).isEqualTo("0");
  }

  @Test
  void clone_ruleOutsideDomain_rejectedBeforeTouchingTarget() {
    assertThatThrownBy(() -> Anonymize.run(source, target, """
        transforms:
          shop.members.grade: { type: choice, values: [gold, platinum] }
        """)).isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          assertThat(e.getMessage()).startsWith("the transform rules of shop.members produce a value its columns reject")
              .contains("grade_check", "grade = 'platinum'");
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).isEqualTo("0");
  }

  @Test
  void clone_rulesSatisfyingDomainAndCheck_run() {
    Anonymize.run(source, target, """
        transforms:
          shop.members.grade: { type: choice, values: [gold, bronze] }
          shop.members.tag: { type: template, template: "T-{tag}" }
        """);
    assertThat(target.scalar("SELECT count(*) FROM shop.members WHERE grade IN ('gold', 'bronze') AND tag LIKE 'T-%'")).isEqualTo("50");
  }

  @Test
  void clone_fakesIntoLimitedAndCheckedColumns_everyValueFitsAndConstraintsHold() {
    Anonymize.run(source, target, """
        transforms:
          shop.codes.label: { type: fake, kind: company }
          shop.codes.short: { type: mask, keep_first: 1 }
          shop.customers.email: { type: fake, kind: email }
          shop.customers.phone: { type: fake, kind: phone }
        """);

    assertThat(target.scalar("SELECT max(length(label)) <= 12 FROM shop.codes")).isEqualTo("t");
    assertThat(target.scalar("SELECT count(*) FROM shop.codes WHERE label LIKE 'label%'")).isEqualTo("0");
    // NOT NULL and CHECK (email LIKE '%@%') are part of the cloned table; the load would have failed otherwise
    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE email LIKE '%@%' AND phone LIKE '+%'")).isEqualTo("300");
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'shop.customers'::regclass AND contype = 'c'"))
        .isEqualTo("1");
  }
}
