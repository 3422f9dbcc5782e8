package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects that used to vanish without a word: rules, view column defaults, column options such as
 * n_distinct, and statistics targets of index expression columns (seen in PostgREST's test schema, Synapse
 * and Danbooru).
 */
class CloneRulesAndSettingsTest {
  private static final String SOURCE = """
      CREATE TABLE t (id int PRIMARY KEY, label text, n int);
      CREATE TABLE audit (id int, what text);
      CREATE VIEW v AS SELECT id, label FROM t;
      ALTER VIEW v ALTER COLUMN label SET DEFAULT 'none';
      CREATE RULE v_insert AS ON INSERT TO v DO INSTEAD INSERT INTO t (id, label) VALUES (new.id, new.label);
      CREATE RULE "Audit Delete" AS ON DELETE TO t DO ALSO INSERT INTO audit VALUES (old.id, 'deleted');
      CREATE RULE quiet AS ON UPDATE TO audit DO INSTEAD NOTHING;
      ALTER TABLE audit DISABLE RULE quiet;
      ALTER TABLE t ALTER COLUMN n SET (n_distinct = -0.02);
      ALTER TABLE t ALTER COLUMN label SET (n_distinct_inherited = 50);
      CREATE INDEX t_words ON t ((string_to_array(label, ' ')));
      ALTER INDEX t_words ALTER COLUMN 1 SET STATISTICS 3000;
      INSERT INTO t VALUES (1, 'a b', 1), (2, 'c', 2)""";

  private static final List<String> CHECKS = List.of(
      "SELECT c.relname || ' ' || pg_get_ruledef(r.oid) || ' ' || r.ev_enabled::text FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
          + " WHERE r.rulename <> '_RETURN' AND c.relnamespace = 'public'::regnamespace ORDER BY 1",
      "SELECT c.relname || '.' || a.attname || ' ' || pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid"
          + " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE c.relkind = 'v' ORDER BY 1",
      "SELECT c.relname || '.' || a.attname || ' ' || coalesce(a.attoptions::text, '') || ' ' || coalesce(a.attstattarget::int, -1)"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0"
          + " AND (a.attoptions IS NOT NULL OR a.attstattarget::int >= 0) ORDER BY 1");

  @Test
  void clone_rulesViewDefaultsColumnOptionsIndexStatistics_sameAsSource() {
    Clones.assertBothSealModesEqual("rules", SOURCE);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "rules_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "rules_dst")) {
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
      for (String check : CHECKS) {
        assertThat(target.query(check)).as(check).isEqualTo(source.query(check)).isNotEmpty();
      }
      // the rules work: an insert through the view lands in t, a delete from t is audited
      target.execute("INSERT INTO v (id) VALUES (3); DELETE FROM t WHERE id = 1");
      assertThat(target.scalar("SELECT label FROM t WHERE id = 3")).isEqualTo("none");
      assertThat(target.scalar("SELECT count(*) FROM audit")).isEqualTo("1");
    }
  }
}
