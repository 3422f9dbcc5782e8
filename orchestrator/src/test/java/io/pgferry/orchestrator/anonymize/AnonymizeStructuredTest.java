package io.pgferry.orchestrator.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** json rules rewrite only the addressed paths; array columns are transformed element by element. */
class AnonymizeStructuredTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("js_src");
    target = Anonymize.target("js_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_jsonPathRules_onlyAddressedPathsChange() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.profile:
            type: json
            paths:
              $.contact.email: { type: fake, kind: email }
              $.items[*].phone: { type: mask, keep_first: 5 }
        """);

    String src = "SELECT id, profile #>> '{contact,email}', profile #>> '{contact,phone}', profile #>> '{items,0,phone}',"
        + " profile #>> '{items,1,phone}', profile #>> '{items,1,n}', profile ->> 'score' FROM shop.customers ORDER BY id";
    var before = source.query(src);
    var after = target.query(src);
    assertThat(after).hasSize(300);
    for (int i = 0; i < after.size(); i++) {
      var b = before.get(i);
      var a = after.get(i);
      assertThat(a.get(1)).isNotEqualTo(b.get(1)).contains("@");
      assertThat(a.get(2)).isEqualTo(b.get(2)); // not addressed
      assertThat(a.get(3)).isEqualTo(b.get(3).substring(0, 5) + "*".repeat(b.get(3).length() - 5));
      assertThat(a.get(4)).isEqualTo(b.get(4).substring(0, 5) + "*".repeat(b.get(4).length() - 5));
      assertThat(a.subList(5, 7)).isEqualTo(b.subList(5, 7)); // numbers untouched
    }
    assertThat(target.scalar("SELECT jsonb_typeof(profile -> 'score') FROM shop.customers LIMIT 1")).isEqualTo("number");
  }

  @Test
  void clone_ruleOnArrayColumn_appliedToEachElement() {
    Anonymize.run(source, target, """
        transforms:
          shop.customers.nicknames: { type: mask, keep_first: 4, char: "#" }
        """);

    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE cardinality(nicknames) = 2")).isEqualTo("300");
    assertThat(target.scalar("SELECT count(*) FROM shop.customers WHERE nicknames[1] ~ '^nick#{32}$' AND nicknames[2] ~ '^alia#{33}$'"))
        .isEqualTo("300");
  }
}
