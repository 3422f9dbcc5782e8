package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Databases whose defaults cancel long statements and end idle transactions, as production servers often set them:
 * a clone's COPYs and index builds run longer than the statement timeout and its snapshot's session stays idle in
 * its transaction longer than the idle timeout, and the clone still completes (pgferry's sessions turn both off, as
 * pg_dump's do).
 */
class CloneServerTimeoutsTest {
  @Test
  void clone_shortStatementAndIdleTimeoutsOnBothDatabases_completesAndEqualsSource() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "timeouts_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "timeouts_dst")) {
      source.execute("""
          CREATE TABLE big (id int PRIMARY KEY, note text);
          INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 300000) g;
          CREATE INDEX ON big (note);
          CREATE TABLE other (id int PRIMARY KEY, big_id int REFERENCES big);
          INSERT INTO other SELECT g, g FROM generate_series(1, 300000) g""");
      for (TestDatabase db : new TestDatabase[] {source, target}) {
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET statement_timeout = '20ms'");
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET idle_in_transaction_session_timeout = '50ms'");
      }
      // the defaults bite: a plain session cannot run a statement of that size
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> source.execute("SELECT count(*) FROM big b1, big b2 WHERE b1.id = b2.id")))
          .as("a statement longer than 20 ms in a plain session").isNotNull();

      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));

      for (TestDatabase db : new TestDatabase[] {source, target}) {
        db.execute("ALTER DATABASE \"" + db.name() + "\" RESET ALL"); // the comparisons below are long statements too
      }
      assertThat(DatabaseSnapshot.of(target)).isEqualTo(DatabaseSnapshot.of(source));
      assertThat(TableDigest.of(target, "public.big")).isEqualTo(TableDigest.of(source, "public.big"));
    }
  }
}
