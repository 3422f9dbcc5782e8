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
  private static final int SEEDS = Integer.getInteger("pgferry.killSeeds", 3);
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
      try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "kill_dst")) {
        String killedIn = killAtRandomPoint(target, new Random(seed));
        Cli.Result r = Cli.run(dir, args(target, "--resume"));
        assertThat(r.code()).as("seed %d (killed in %s): resume exit code; stderr:%n%s", seed, killedIn, r.err()).isZero();
        assertEqualsSource(target, "seed " + seed + " (killed in " + killedIn + ")");
        outcomes.add(seed + ": " + killedIn);
      }
    }
    System.out.println("kill/resume outcomes: " + outcomes);
  }

  @Test
  void clone_killedThenAborted_targetAsFound() throws Exception {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "kill_abort")) {
      target.execute("CREATE TABLE mine (id int); INSERT INTO mine VALUES (1)");
      Object before = DatabaseSnapshot.of(target);
      String killedIn = killAtRandomPoint(target, new Random(42));
      Cli.Result refused = Cli.run(dir, args(target));
      assertThat(refused.code()).as("a plain rerun; stderr:%n%s", refused.err()).isEqualTo(11);
      assertThat(refused.err()).contains("interrupted clone").contains("--resume").contains("--abort");
      Cli.Result r = Cli.run(dir, args(target, "--abort"));
      assertThat(r.code()).as("abort after a kill in %s; stderr:%n%s", killedIn, r.err()).isZero();
      assertThat(DatabaseSnapshot.of(target)).isEqualTo(before);
      assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgferry'")).isEqualTo("0");
    }
  }

  private static String[] args(TestDatabase target, String... more) {
    List<String> a = new ArrayList<>(List.of("clone", "-s", source.url(), "-t", target.url(), "--jobs", "2", "--chunk-size", "1MB",
        "--no-progress"));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  /**
   * Starts the clone in a child process and kills it once the target's record shows the chosen point: the base
   * phase, some load pieces committed, or some seal statements committed. Returns where it was killed.
   */
  private String killAtRandomPoint(TestDatabase target, Random random) throws Exception {
    String phase = List.of("BASE", "LOAD", "LOAD", "SEAL").get(random.nextInt(4));
    int after = random.nextInt(phase.equals("BASE") ? 1 : 20);
    try (ChildJvm child = ChildJvm.start(dir, "io.pgferry.cli.Main", List.of(args(target)))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (child.alive() && System.nanoTime() < deadline) {
        String at = progress(target);
        if (reached(at, phase, after)) {
          child.killHard();
          return at;
        }
        Thread.sleep(5);
      }
      throw new AssertionError("the clone ended (or hung) before " + phase + "+" + after + ": " + child.output());
    }
  }

  private static boolean reached(String at, String phase, int after) {
    if (at.isEmpty()) {
      return false;
    }
    String[] p = at.split(":");
    List<String> order = List.of("BASE", "LOAD", "SEAL");
    int cmp = Integer.compare(order.indexOf(p[0]), order.indexOf(phase));
    if (cmp != 0) {
      return cmp > 0;
    }
    return switch (phase) {
      case "LOAD" -> Integer.parseInt(p[1]) >= after;
      case "SEAL" -> Integer.parseInt(p[2]) >= after;
      default -> true;
    };
  }

  /** {@code PHASE:pieces done:seal statements done}, or empty before the record exists. */
  private static String progress(TestDatabase target) {
    try {
      if (!target.scalar("SELECT to_regclass('pgferry.clone_step') IS NOT NULL").equals("t")) {
        return "";
      }
      List<List<String>> rows = target.query("SELECT phase, (SELECT count(*) FROM pgferry.clone_piece WHERE done),"
          + " (SELECT count(*) FROM pgferry.clone_step) FROM pgferry.clone_run");
      return rows.isEmpty() ? "" : String.join(":", rows.get(0));
    } catch (RuntimeException e) {
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
