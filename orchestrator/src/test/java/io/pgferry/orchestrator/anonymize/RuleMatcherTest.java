package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.pipeline.PipelineParser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first matching rule wins, over column rules, "*.column" rules and type rules alike. */
class RuleMatcherTest {
  private static final RuleMatcher MATCHER = RuleMatcher.of(PipelineParser.parse("""
      source: postgresql://h/a
      target: postgresql://h/b
      salt: s
      transforms:
        crm.people.email: { type: hash, length: 16 }
        "*.email": { type: fake, kind: email }
        "type:inet": { type: fake, kind: ipv4 }
        "type:varchar": { type: mask, keep_first: 1 }
        "type:crm.mood": keep
        people.phone: set_null
        "type:text": keep
      """, "rules.yaml", Map.of()));

  private static String rule(String schema, String table, String column, String type) {
    Optional<TransformRule> r = MATCHER.ruleFor(schema, table, column, type);
    return r.map(TransformRule::transformer).orElse("none");
  }

  @Test
  void ruleFor_specificRuleFirst_winsOverWildcardAndType() {
    assertThat(rule("crm", "people", "email", "text")).isEqualTo("hash");
    assertThat(rule("public", "staff", "email", "text")).isEqualTo("fake");
  }

  @Test
  void ruleFor_typeRules_matchAliasesModifiersAndQualifiedNames() {
    assertThat(rule("public", "log", "addr", "inet")).isEqualTo("fake");
    assertThat(rule("public", "log", "code", "character varying(20)")).isEqualTo("mask");
    assertThat(rule("crm", "people", "mood", "crm.mood")).isEqualTo("keep");
    assertThat(rule("crm", "people", "mood", "\"crm\".\"mood\"")).isEqualTo("keep");
  }

  @Test
  void ruleFor_typeRuleBeforeColumnRule_typeRuleWinsInFileOrder() {
    assertThat(rule("crm", "people", "phone", "text")).isEqualTo("set_null");
    assertThat(rule("crm", "people", "phone", "varchar(30)")).isEqualTo("mask");
  }

  @Test
  void ruleFor_noRule_empty() {
    assertThat(rule("crm", "people", "id", "integer")).isEqualTo("none");
    assertThat(rule("crm", "people", "tags", "text[]")).isEqualTo("none");
  }
}
