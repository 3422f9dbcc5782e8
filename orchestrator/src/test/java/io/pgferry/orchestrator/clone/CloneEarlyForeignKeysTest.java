package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The parallel seal adds and validates a foreign key as soon as the index builds of both its tables are done,
 * while another table's build still runs: the checks fill the cores instead of waiting for the longest build.
 */
class CloneEarlyForeignKeysTest {
  /**
   * {@code held}'s expression index calls a function that waits for advisory lock 7 of the database it runs in:
   * in the target the test holds that lock, so that build cannot end before the test lets it.
   */
  private static final String SCHEMA = """
      CREATE FUNCTION gate(v int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_lock_shared(7);
        PERFORM pg_advisory_unlock_shared(7);
        RETURN v;
      END $$;
      CREATE TABLE held (id int PRIMARY KEY, v int);
      CREATE INDEX held_gate ON held (gate(v));
      CREATE TABLE parent (id int PRIMARY KEY);
      CREATE TABLE kid (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id));
      CREATE TABLE note (id int PRIMARY KEY, held_id int REFERENCES held (id));
      INSERT INTO held SELECT g, g FROM generate_series(1, 50) g;
      INSERT INTO parent SELECT g FROM generate_series(1, 100) g;
      INSERT INTO kid SELECT g, 1 + g % 100 FROM generate_series(1, 1000) g;
      INSERT INTO note SELECT g, g FROM generate_series(1, 50) g;
      ANALYZE""";

  private static final String CONSTRAINTS = "SELECT conname || ' ' || convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1";

  @Test
  void clone_oneTableStillBuilding_otherTablesForeignKeysAddedAndValidatedMeanwhile() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "earlyfk_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "earlyfk_dst");
        Connection gate = target.connect();
        Statement g = gate.createStatement()) {
      g.execute("SELECT pg_advisory_lock(7)");
      CloneTuning parallel = CloneTuning.builder().seal(CloneTuning.SealMode.PARALLEL).parallelMaintenanceWorkers(0).build();
      CompletableFuture<CloneReport> clone = CompletableFuture.supplyAsync(
          () -> new CloneRunner(RunListener.SILENT, parallel, 0).run(Endpoints.clone(source, target)));

      String seen = awaitForeignKeys(target, clone);
      boolean heldIndexExisted = target.scalar("SELECT count(*) FROM pg_class WHERE relname = 'held_gate'").equals("1");
      g.execute("SELECT pg_advisory_unlock(7)");
      clone.get(60, TimeUnit.SECONDS);

      // kid's key was checked while held's build waited; note's refers to held, so it came after that build
      assertThat(seen).isEqualTo("kid_parent_id_fkey true");
      assertThat(heldIndexExisted).isFalse();
      assertThat(target.query(CONSTRAINTS)).isEqualTo(source.query(CONSTRAINTS));
      for (String t : TableDigest.userTables(source)) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
    }
  }

  /** The target's validated foreign keys, once there is one (or the clone ended or failed, or 30 s passed). */
  private static String awaitForeignKeys(TestDatabase target, CompletableFuture<CloneReport> clone) throws SQLException,
      InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      while (!clone.isDone() && System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery("SELECT string_agg(conname || ' ' || convalidated, ', ' ORDER BY conname)"
            + " FROM pg_constraint WHERE contype = 'f' AND convalidated")) {
          rs.next();
          if (rs.getString(1) != null) {
            return rs.getString(1);
          }
        }
        Thread.sleep(20);
      }
    }
    return "none while the build was held" + (clone.isDone() ? " (the clone ended)" : "");
  }
}
