package io.pgferry.orchestrator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.CloneTuning;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Transforms follow the stream exactly as they shape the copy: a followed anonymized target, after inserts, updates
 * (of a transformed key too) and deletes on the source, equals a fresh anonymized clone of the source's end state.
 */
class FollowTransformTest {
  private static final List<CloneOptions.ColumnRule> RULES = List.of(
      new CloneOptions.ColumnRule("public.people", "email", "hash", Map.of(), "test", null),
      new CloneOptions.ColumnRule("public.people", "name", "fake", Map.of("kind", "full_name"), "test", null),
      new CloneOptions.ColumnRule("public.badges", "email", "hash", Map.of(), "test", null));

  @Test
  void follow_withHashAndFakeRules_targetEqualsAFreshTransformedClone() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ftx_src").execute("""
            CREATE TABLE people (id int PRIMARY KEY, email text UNIQUE, name text, score int);
            CREATE TABLE badges (email text PRIMARY KEY, label text);
            INSERT INTO people SELECT g, 'p' || g || '@example.com', 'Person ' || g, g FROM generate_series(1, 500) g;
            INSERT INTO badges SELECT 'p' || g || '@example.com', 'b' || g FROM generate_series(1, 50) g;
            """);
        TestDatabase followed = TestDatabase.create(PostgresServers.target(), "ftx_dst");
        TestDatabase fresh = TestDatabase.create(PostgresServers.target(), "ftx_fresh")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(followed, "TARGET")).withUntilCaughtUp(true)
          .withTransforms(new FollowOptions.Transforms(RULES, "a salt of the test", false));
      new FollowRunner(RunListener.SILENT).run(o);
      source.execute("INSERT INTO people VALUES (501, 'new@example.com', 'New Person', 1)");
      source.execute("UPDATE people SET score = score + 1, name = 'Renamed' WHERE id % 10 = 0");
      source.execute("UPDATE badges SET email = 'moved' || email WHERE label IN ('b1', 'b2')"); // a transformed key changes
      source.execute("DELETE FROM people WHERE id BETWEEN 100 AND 110");
      source.execute("DELETE FROM badges WHERE label = 'b3'");
      FollowReport r = new FollowRunner(RunListener.SILENT).run(o);
      assertThat(r.changes()).isPositive();
      new FollowRunner(RunListener.SILENT).run(o.withCleanup(true)); // the fresh clone would refuse follow's publication
      new CloneRunner(RunListener.SILENT, CloneTuning.defaults()).run(Endpoints.clone(source, fresh).toBuilder().transforms(RULES)
          .salt("a salt of the test").build());
      for (String t : List.of("public.people", "public.badges")) {
        assertThat(TableDigest.of(followed, t)).as(t).isEqualTo(TableDigest.of(fresh, t));
      }
      assertThat(followed.scalar("SELECT count(*) FROM people WHERE email LIKE '%@example.com'")).isEqualTo("0");
    }
  }

  @Test
  void follow_ruleThatRunsSqlPerRow_refusedNamingTheColumn() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ftx_sql").execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ftx_sql_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)
          .withTransforms(new FollowOptions.Transforms(List.of(new CloneOptions.ColumnRule("public.t", "v", "sql",
              Map.of("expression", "upper(v)"), "test", null)), null, false));
      assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
          .hasMessageContaining("public.t.v").hasMessageContaining("a stream cannot do");
    }
  }
}
