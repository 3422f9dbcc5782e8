package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.orchestrator.LockBudget;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Once the load is done the seal runs on more connections than {@code --jobs}, for light work only (small tables'
 * builds, foreign keys): heavy work (a table of at least {@link ParallelSeal#HEAVY_BYTES}) never runs on more than
 * {@code jobs} connections at once, as each such build may take {@code maintenance_work_mem}.
 */
class CloneSealLanesTest {
  private static final String RUNS = "CREATE TABLE runs (pid int, started timestamptz, ended timestamptz)";

  /** Groups of two builds each (so each build is its own step), every build sleeping and noting its backend and times. */
  private static SealPlan plan(int groups, long weight) {
    List<SealPlan.Group> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<SealPlan.Build> builds = new ArrayList<>();
      for (int b = 0; b < 2; b++) {
        builds.add(new SealPlan.Build("build " + g + "." + b, weight, List.of(new SqlStatement("""
            DO $$ DECLARE t timestamptz := clock_timestamp();
            BEGIN PERFORM pg_sleep(0.3); INSERT INTO runs VALUES (pg_backend_pid(), t, clock_timestamp()); END $$""",
            "build " + g + "." + b))));
      }
      out.add(new SealPlan.Group("group " + g, weight, Set.of(), builds, List.of()));
    }
    return new SealPlan(out, List.of(), List.of());
  }

  private static void seal(TestDatabase db, SealPlan plan, int jobs) {
    try (ParallelSeal seal = new ParallelSeal(plan, db::connect, jobs, CloneTuning.defaults(), new LockBudget(1000),
        Thread.ofVirtual().factory(), null)) {
      seal.finish();
    }
  }

  /** The most builds that ran at one moment. */
  private static int mostAtOnce(TestDatabase db) {
    return Integer.parseInt(db.scalar("""
        SELECT max(n) FROM (SELECT (SELECT count(*) FROM runs o WHERE o.started <= r.started AND r.started < o.ended) AS n
        FROM runs r) x"""));
  }

  @Test
  void seal_lightWorkAfterTheLoad_runsOnTwiceTheJobs() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "lanes_light").execute(RUNS)) {
      seal(db, plan(8, 1024), 2);
      assertThat(db.scalar("SELECT count(*) FROM runs")).isEqualTo("16");
      assertThat(db.scalar("SELECT count(DISTINCT pid) FROM runs")).isEqualTo("4");
      assertThat(mostAtOnce(db)).isEqualTo(4);
    }
  }

  @Test
  void seal_oneJob_oneLaneMore() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "lanes_one").execute(RUNS)) {
      seal(db, plan(4, 1024), 1);
      assertThat(db.scalar("SELECT count(DISTINCT pid) FROM runs")).isEqualTo("2");
    }
  }

  @Test
  void seal_heavyWork_neverMoreThanTheJobsAtOnce() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "lanes_heavy").execute(RUNS)) {
      seal(db, plan(4, ParallelSeal.HEAVY_BYTES), 2);
      assertThat(db.scalar("SELECT count(*) FROM runs")).isEqualTo("8");
      assertThat(mostAtOnce(db)).isEqualTo(2);
    }
  }
}
