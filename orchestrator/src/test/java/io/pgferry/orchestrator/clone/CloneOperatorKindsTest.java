package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators, operator classes and families, casts, text search objects, extended statistics and
 * conversions, each used for real in the source (indexes through the classes and the configurations, a
 * generated tsvector column, an implicit cast): the clone has them all, and a failed clone leaves none.
 */
class CloneOperatorKindsTest {
  private static final String FIXTURE = TestDatabase.resource("/io/pgferry/testkit/operators.sql");
  private static final String SCHEMA = "Ops ☺";

  /** Every user object of the new kinds in a database, as text (nothing of initdb's has an oid this high). */
  private static final String NEW_KINDS = """
      SELECT count(*) FROM (
        SELECT oid FROM pg_operator WHERE oid >= 16384 UNION ALL SELECT oid FROM pg_opclass WHERE oid >= 16384
        UNION ALL SELECT oid FROM pg_opfamily WHERE oid >= 16384 UNION ALL SELECT oid FROM pg_cast WHERE oid >= 16384
        UNION ALL SELECT oid FROM pg_ts_config WHERE oid >= 16384 UNION ALL SELECT oid FROM pg_ts_dict WHERE oid >= 16384
        UNION ALL SELECT oid FROM pg_ts_parser WHERE oid >= 16384 UNION ALL SELECT oid FROM pg_ts_template WHERE oid >= 16384
        UNION ALL SELECT oid FROM pg_statistic_ext UNION ALL SELECT oid FROM pg_conversion WHERE oid >= 16384) x""";

  @Test
  void clone_operatorsCastsTextSearchStatistics_equalInBothSealModes() {
    Clones.assertBothSealModesEqual("opkinds", FIXTURE, SCHEMA);
  }

  @Test
  void clone_schemaMapped_targetUsesTheClassesConfigurationsAndCasts() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "opkinds_src").execute(FIXTURE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "opkinds_map")) {
      CloneOptions o = Endpoints.clone(source, target);
      new CloneRunner(RunListener.SILENT).run(o.toBuilder().schemaMap(Map.of(SCHEMA, "moved")).build());

      assertThat(target.scalar(NEW_KINDS)).isEqualTo(source.scalar(NEW_KINDS)).isEqualTo("25");
      // The implicit cast pair -> integer, the class's ordering, the configuration's stop words.
      assertThat(target.scalar("SELECT int4larger(ROW(3, 4)::moved.pair, 0)")).isEqualTo("7");
      String firstBySum = "SELECT string_agg(id::text, ',' ORDER BY p, id) FROM (SELECT * FROM %s.docs ORDER BY p, id LIMIT 3) x";
      assertThat(target.scalar(firstBySum.formatted("moved"))).isEqualTo(source.scalar(firstBySum.formatted("\"Ops ☺\"")));
      String fts = "SELECT count(*) FROM %s.docs WHERE to_tsvector('%s.mb_simple'::regconfig, body) @@ '%s'::tsquery";
      assertThat(target.scalar(fts.formatted("moved", "moved", "fox"))).isEqualTo("200");
      assertThat(target.scalar(fts.formatted("moved", "moved", "the"))).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM moved.docs WHERE doc @@ 'quick'::tsquery")).isEqualTo("200");
      assertThat(target.scalar("SELECT stxname FROM pg_statistic_ext WHERE stxnamespace = 'moved'::regnamespace AND stxstattarget = 500"))
          .isEqualTo("docs_ab");
      // Index and function definitions print their schema's name; every other part matches.
      Map<String, List<String>> moved = new java.util.TreeMap<>(SchemaSnapshot.of(target, "moved"));
      Map<String, List<String>> expected = new java.util.TreeMap<>(SchemaSnapshot.of(source, SCHEMA));
      moved.keySet().removeAll(List.of("indexes", "routines"));
      expected.keySet().removeAll(List.of("indexes", "routines"));
      assertThat(moved).isEqualTo(expected);
    }
  }

  @Test
  void clone_targetAlreadyHasTheCast_refusesAndChangesNothing() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "opkinds_src").execute(FIXTURE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "opkinds_has").execute(
            "CREATE CAST (xid AS integer) WITHOUT FUNCTION")) {
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.TARGET_CONFLICT);
            assertThat(e.getMessage()).contains("cast pg_catalog.xid(integer)");
          });
      assertThat(target.scalar(NEW_KINDS)).isEqualTo("1");
    }
  }

  @Test
  void clone_sealFails_operatorsCastsAndTextSearchObjectsAreRemoved() {
    // A row filter on parent alone breaks child's foreign key: the seal fails after every new kind exists.
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "opkinds_src").execute(FIXTURE + """
            ;CREATE TABLE public.parent (id int PRIMARY KEY);
            CREATE TABLE public.child (id int PRIMARY KEY, parent_id int REFERENCES public.parent (id));
            INSERT INTO public.parent SELECT generate_series(1, 10);
            INSERT INTO public.child SELECT g, g FROM generate_series(1, 10) g""");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "opkinds_undo")) {
      CloneOptions o = Endpoints.clone(source, target);
      CloneOptions filtered = o.toBuilder().tables(List.of(new CloneOptions.TableRule("parent", "id <= 5", "test:1:1")))
          .build();
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(filtered))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL));
      assertThat(target.scalar(NEW_KINDS)).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'Ops ☺'")).isEqualTo("0");
    }
  }
}
