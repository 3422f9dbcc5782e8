package io.pgferry.orchestrator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A target role that may not run as a replica (not a superuser, no SET grant): tables with triggers are refused before
 * anything is created (their triggers would fire for applied changes); without triggers, changes are applied one by
 * one, in order, and the target still ends equal to the source.
 */
class FollowTargetRoleTest {
  @Test
  void follow_plainTargetRole_refusesTriggersAndOtherwiseAppliesInOrder() throws Exception {
    String role = "follow_writer_" + ProcessHandle.current().pid();
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "role_src").execute("""
            CREATE TABLE parents (id int PRIMARY KEY, name text);
            CREATE TABLE children (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parents, v int);
            CREATE TABLE audited (id int PRIMARY KEY);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            CREATE TRIGGER audited_touch BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION touch();
            INSERT INTO parents SELECT g, 'p' || g FROM generate_series(1, 100) g;
            INSERT INTO children SELECT g, 1 + g % 100, g FROM generate_series(1, 1000) g;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "role_dst")) {
      target.execute("CREATE ROLE " + role + " LOGIN; ALTER DATABASE \"" + target.name() + "\" OWNER TO " + role);
      try {
        String url = "postgresql://" + role + "@127.0.0.1:" + target.port() + "/" + target.name();
        FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(url, "TARGET")).withUntilCaughtUp(true);
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(o))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
            .hasMessageContaining("public.audited").hasMessageContaining("session_replication_role").hasMessageContaining("Nothing was created");
        assertThat(source.scalar("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        assertThat(source.scalar("SELECT count(*) FROM pg_publication")).isEqualTo("0");
        List<String> warnings = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        };
        FollowOptions noTriggers = o.withTables(List.of("public.parents", "public.children"), List.of());
        new FollowRunner(listener).run(noTriggers);
        // a parent and its children inserted, a parent deleted with its children, in that order on the source
        source.execute("INSERT INTO parents VALUES (101, 'new'); INSERT INTO children VALUES (1001, 101, 1), (1002, 101, 2)");
        source.execute("DELETE FROM children WHERE parent_id = 5; DELETE FROM parents WHERE id = 5");
        source.execute("UPDATE children SET v = v + 1 WHERE id % 10 = 0");
        new FollowRunner(listener).run(noTriggers);
        assertThat(warnings).anyMatch(w -> w.contains("changes are applied one by one"));
        for (String t : List.of("public.parents", "public.children")) {
          assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
        }
        new FollowRunner(RunListener.SILENT).run(noTriggers.withCleanup(true));
      } finally {
        target.execute("DROP OWNED BY " + role + " CASCADE");
      }
    }
  }
}
