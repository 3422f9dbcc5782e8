package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.ChildJvm;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a clone at a random point of a random phase (a process of its own), then the same command
 * with {@code --resume}: the target equals the source, every row, and holds no bookkeeping; or with {@code --abort}:
 * the target is as it was found. CI runs a few seeds ({@code -Dpgferry.killSeeds=N} runs more).
 */
class CliCloneKillResumeTest {
  private static final int SEEDS = Integer.getInteger("pgferry.killSeeds", 4);
  private static TestDatabase source;

  @TempDir Path dir;

  @BeforeAll
  static void createSource() {
    // The shop plus 24 tables of 20,000 rows in a chain of foreign keys, one of them partitioned: enough pieces,
    // index builds and foreign keys for a kill to land in any phase.
    source = Cli.shop("kill_src").execute("""
        CREATE TABLE t0 (id int PRIMARY KEY, note text);
        INSERT INTO t0 SELECT g, md5(g::text) FROM generate_series(1, 20000) g;
        DO $$
        BEGIN
          FOR i IN 1..23 LOOP
            EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, up int REFERENCES t%s, note text, at timestamptz DEFAULT now())', i, i - 1);
            EXECUTE format('INSERT INTO t%s SELECT g, g, repeat(md5(g::text), 3) FROM generate_series(1, 20000) g', i);
            EXECUTE format('CREATE INDEX ON t%s (note)', i);
          END LOOP;
        END $$;
        CREATE TABLE parts (id int, day date, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
        CREATE TABLE parts_a PARTITION OF parts FOR VALUES FROM ('2020-01-01') TO ('2022-01-01');
        CREATE TABLE parts_b PARTITION OF parts FOR VALUES FROM ('2022-01-01') TO ('2030-01-01');
        INSERT INTO parts SELECT g, date '2020-01-01' + g % 3000 FROM generate_series(1, 60000) g;
        SELECT lo_from_bytea(0, 'a large object'::bytea);""");
  }

  @AfterAll
  static void dropSource() {
    source.close();
  }

  @Test
  void clone_killedAtRandomPointThenResumed_targetEqualsSource() throws Exception {
    List<String> outcomes = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      // one kind of kill point per seed in turn; the seed draws where in it
      KillPoint point = KillPoint.values()[(seed - 1) % KillPoint.values().length];
      try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "kill_dst")) {
        String[] more = point == KillPoint.SEAL_SINGLE_TRANSACTION ? new String[] {"--seal", "single-transaction"} : new String[0];
        String killedIn = killAt(target, point, new Random(seed * 0x9E3779B97F4A7C15L), more);
        List<String> resume = new ArrayList<>(Arrays.asList(more));
        resume.add("--resume");
        Cli.Result r = Cli.run(dir, args(target, resume.toArray(String[]::new)));
        assertThat(r.code()).as("seed %d (killed in %s): resume exit code; stderr:%n%s", seed, killedIn, r.err()).isZero();
        assertThat(r.err()).contains("resuming the clone started");
        assertEqualsSource(target, "seed " + seed + " (killed in " + killedIn + ")");
        outcomes.add(seed + " " + point + ": " + killedIn);
      }
    }
    System.out.println("kill/resume outcomes: " + outcomes);
  }

  @Test
  void clone_killedThenAborted_targetAsFound() throws Exception {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "kill_abort")) {
      target.execute("CREATE TABLE mine (id int); INSERT INTO mine VALUES (1)");
      Object before = DatabaseSnapshot.of(target);
      String killedIn = killAt(target, KillPoint.LOAD, new Random(42));
      Cli.Result refused = Cli.run(dir, args(target));
      assertThat(refused.code()).as("a plain rerun; stderr:%n%s", refused.err()).isEqualTo(11);
      assertThat(refused.err()).contains("interrupted clone").contains("--resume").contains("--abort");
      Cli.Result other = Cli.run(dir, args(target, "--resume", "--exclude", "t5")).assertOneLineError(11, null);
      assertThat(other.error()).contains("started with another plan");
      Cli.Result status = Cli.run(dir, "status", "-t", target.url());
      assertThat(status.code()).isZero();
      assertThat(status.out()).contains("interrupted clone from").contains("--resume").contains("--abort");
      com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(Cli.run(dir, "status", "-t", target.url(), "--json").out());
      assertThat(json.get("interrupted_clone").get("phase").textValue()).isEqualTo(killedIn.split(":")[0].toLowerCase());
      assertThat(json.get("interrupted_clone").get("pieces").asLong()).isGreaterThanOrEqualTo(json.get("interrupted_clone")
          .get("pieces_done").asLong());
      assertThat(json.get("sync_runs").isArray()).isTrue();
      Cli.Result r = Cli.run(dir, args(target, "--abort"));
      assertThat(r.code()).as("abort after a kill in %s; stderr:%n%s", killedIn, r.err()).isZero();
      assertThat(DatabaseSnapshot.of(target)).isEqualTo(before);
      assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgferry'")).isEqualTo("0");
    }
  }

  @Test
  void run_pipelineWithTransformsKilledThenResumed_sameRowsAsAnUninterruptedRun() throws Exception {
    try (TestDatabase whole = TestDatabase.create(PostgresServers.target(), "kill_pipe_whole");
        TestDatabase resumed = TestDatabase.create(PostgresServers.target(), "kill_pipe_resumed")) {
      Cli.Result r = Cli.run(dir, "run", pipeline(whole).toString(), "--no-progress");
      assertThat(r.code()).as("uninterrupted run; stderr:%n%s", r.err()).isZero();
      String killedIn;
      try (ChildJvm child = ChildJvm.start(dir, "io.pgferry.cli.Main", List.of("run", pipeline(resumed).toString(), "--no-progress"));
          java.sql.Connection c = resumed.connect()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        killedIn = "";
        while (child.alive() && System.nanoTime() < deadline && !reached(killedIn, "LOAD", 10)) {
          killedIn = progress(c);
          Thread.sleep(1);
        }
        assertThat(reached(killedIn, "LOAD", 10)).as("killed in the load; output:%n%s", child.output()).isTrue();
        child.killHard();
      }
      r = Cli.run(dir, "run", pipeline(resumed).toString(), "--no-progress", "--resume");
      assertThat(r.code()).as("resumed run (killed in %s); stderr:%n%s", killedIn, r.err()).isZero();
      // a resumed piece is transformed exactly as the uninterrupted run transformed it: same salt, same values
      assertThat(DatabaseSnapshot.of(resumed)).isEqualTo(DatabaseSnapshot.of(whole));
      for (String table : TableDigest.userTables(source)) {
        assertThat(TableDigest.of(resumed, table)).as(table).isEqualTo(TableDigest.of(whole, table));
      }
      assertThat(TableDigest.of(resumed, "public.t6")).isNotEqualTo(TableDigest.of(source, "public.t6"));
    }
  }

  /** A pipeline into {@code target} that transforms columns of big tables, with a fixed salt. */
  private Path pipeline(TestDatabase target) throws java.io.IOException {
    return java.nio.file.Files.writeString(dir.resolve(target.name() + ".yaml"), """
        source: %s
        target: %s
        jobs: 2
        salt: kill-test-salt
        transforms:
          public.customers.email: { type: fake, kind: email }
          public.t5.note: { type: mask, keep_first: 3 }
          public.t6.note: { type: fake, kind: sentence }
          public.t7.note: { type: hash }
        """.formatted(source.url(), target.url()));
  }

  private static String[] args(TestDatabase target, String... more) {
    List<String> a = new ArrayList<>(List.of("clone", "-s", source.url(), "-t", target.url(), "--jobs", "2", "--chunk-size", "1MB",
        "--no-progress"));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  /** Where a seed kills the clone. */
  private enum KillPoint {
    /** While the base DDL runs. */
    BASE,
    /** After 0-19 load pieces committed (with the parallel seal's index builds running alongside). */
    LOAD,
    /** While the seal runs as one transaction after the load. */
    SEAL_SINGLE_TRANSACTION,
    /** After 20-39 load pieces committed. */
    LATE_LOAD
  }

  /**
   * Starts the clone in a child process and kills it once the target's record shows the point; fails when the
   * clone ended before it. Returns the record's state when it was killed.
   */
  private String killAt(TestDatabase target, KillPoint point, Random random, String... more) throws Exception {
    String phase = switch (point) {
      case BASE -> "BASE";
      case LOAD, LATE_LOAD -> "LOAD";
      case SEAL_SINGLE_TRANSACTION -> "SEAL";
    };
    int after = switch (point) {
      case LOAD -> random.nextInt(20);
      case LATE_LOAD -> 20 + random.nextInt(20);
      default -> 0;
    };
    try (ChildJvm child = ChildJvm.start(dir, "io.pgferry.cli.Main", List.of(args(target, more)));
        java.sql.Connection c = target.connect()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (child.alive() && System.nanoTime() < deadline) {
        String at = progress(c);
        if (reached(at, phase, after)) {
          child.killHard();
          return at;
        }
        Thread.sleep(1);
      }
      throw new AssertionError("the clone ended (or hung) before " + point + " " + after + ": " + child.output());
    }
  }

  /** In {@code phase}, with at least {@code after} pieces committed. */
  private static boolean reached(String at, String phase, int after) {
    return at.startsWith(phase + ":") && Integer.parseInt(at.split(":")[1]) >= after;
  }

  /** {@code PHASE:pieces done:seal statements done}, or empty before the record exists (and after it is removed). */
  private static String progress(java.sql.Connection c) {
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('pgferry.clone_step') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return "";
      }
      try (java.sql.ResultSet r = s.executeQuery("SELECT phase || ':' || (SELECT count(*) FROM pgferry.clone_piece WHERE done)"
          + " || ':' || (SELECT count(*) FROM pgferry.clone_step) FROM pgferry.clone_run")) {
        return r.next() ? r.getString(1) : "";
      }
    } catch (java.sql.SQLException e) {
      return ""; // the record went away between the two queries: the clone completed
    }
  }

  private static void assertEqualsSource(TestDatabase target, String what) {
    assertThat(DatabaseSnapshot.of(target)).as(what).isEqualTo(DatabaseSnapshot.of(source));
    for (String table : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, table)).as(what + ": " + table).isEqualTo(TableDigest.of(source, table));
    }
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgferry'")).as(what).isEqualTo("0");
  }
}
