package io.pgferry.orchestrator.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After an anonymized clone no original value of a transformed column is found anywhere in the target. */
class AnonymizeNoLeakTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = Anonymize.source("leak_src");
    target = Anonymize.target("leak_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_realisticRules_noOriginalValueOfATransformedColumnInAnyTextColumn() {
    Anonymize.run(source, target, Anonymize.REALISTIC);

    // the clear values: every transformed personal column, and the personal strings inside the JSON documents
    Set<String> originals = new HashSet<>();
    for (String sql : List.of(
        "SELECT email FROM shop.customers", "SELECT first_name FROM shop.customers", "SELECT last_name FROM shop.customers",
        "SELECT phone FROM shop.customers", "SELECT card FROM shop.customers", "SELECT iban FROM shop.customers",
        "SELECT host(ip) FROM shop.customers", "SELECT email FROM shop.newsletter", "SELECT number FROM shop.accounts",
        "SELECT owner FROM shop.accounts", "SELECT profile #>> '{contact,email}' FROM shop.customers",
        "SELECT profile #>> '{contact,phone}' FROM shop.customers", "SELECT profile #>> '{items,0,phone}' FROM shop.customers",
        "SELECT unnest(nicknames) FROM shop.customers", "SELECT note FROM shop.orders WHERE note IS NOT NULL")) {
      source.query(sql).forEach(r -> originals.add(r.get(0)));
    }
    assertThat(originals).hasSizeGreaterThan(3000);

    // every text-like column of every table in the target, as text (json and arrays included)
    List<String> values = new ArrayList<>();
    for (List<String> col : target.query("""
        SELECT table_schema, table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'shop' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'inet')""")) {
      String sql = "SELECT " + quote(col.get(2)) + "::text FROM " + quote(col.get(0)) + "." + quote(col.get(1));
      target.query(sql).forEach(r -> values.add(r.get(0)));
    }
    assertThat(values).hasSizeGreaterThan(3000);
    List<String> leaks = new ArrayList<>();
    for (String v : values) {
      if (v == null) {
        continue;
      }
      for (String o : originals) {
        if (o != null && o.length() >= 6 && v.contains(o)) {
          leaks.add(o + " in " + v);
        }
      }
    }
    assertThat(leaks).isEmpty();
    // the rows are all there and the keys still join
    assertThat(target.scalar("SELECT count(*) FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id")).isEqualTo("900");
  }

  private static String quote(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}
