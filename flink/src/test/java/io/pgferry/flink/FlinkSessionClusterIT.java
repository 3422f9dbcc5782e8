package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole way a user would go: a standalone Flink session cluster (a job manager and two task managers, each its
 * own JVM, from the jars on Maven Central), {@code pgferry clone --flink-address} from the CLI's jar with the engine
 * installed beside it, and the task manager running the readers killed with SIGKILL in the middle of the load. The job
 * goes on on the other task manager; the clone is exact.
 */
class FlinkSessionClusterIT {
  @Test
  void clone_onASessionClusterLosingATaskManager_exact() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    // under target/, not a temporary directory: the processes' logs stay for a failure's post-mortem
    Path dir = Files.createDirectories(target.resolve("session-cluster-it").resolve(String.valueOf(System.currentTimeMillis())));
    Path cliJar = target.getParent().getParent().resolve("cli/target/pgferry.jar");
    assertThat(cliJar).as("the CLI's jar, built before this module").exists();
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "flc_src").execute(FlinkEngineCloneTest.SHOP + """
            INSERT INTO events SELECT g, 1 + g % 20000, 'more', jsonb_build_object('n', g, 'pad', repeat('y', 400))
              FROM generate_series(80001, 500000) g;
            ANALYZE events;
            """);
        TestDatabase db = TestDatabase.create(PostgresServers.target(), "flc_dst");
        FlinkSessionCluster cluster = FlinkSessionCluster.start(target, dir.resolve("cluster"), 2, 2)) {
      String java = ProcessHandle.current().info().command().orElseThrow();
      List<String> command = new ArrayList<>(List.of(java, "-Dpgferry.flink.home=" + target.resolve("engine"), "-jar", cliJar.toString(),
          "clone", "-s", source.url(), "-t", db.url(), "--flink-address", cluster.address(), "-j", "2", "--chunk-size", "4MB"));
      Process clone = new ProcessBuilder(command).redirectOutput(dir.resolve("clone.out").toFile())
          .redirectError(dir.resolve("clone.err").toFile()).start();
      String killed = null;
      try {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (killed == null && clone.isAlive() && System.nanoTime() < deadline) {
          int done;
          try {
            done = Integer.parseInt(db.scalar("SELECT CASE WHEN to_regclass('pgferry.clone_piece') IS NULL THEN 0"
                + " ELSE (xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM pgferry.clone_piece WHERE done', false, true,"
                + " '')))[1]::text::int END"));
          } catch (RuntimeException gone) {
            done = 0; // the record went between the check and the count
          }
          if (done >= 2) {
            List<String> busy = cluster.busyTaskManagers();
            if (!busy.isEmpty()) {
              killed = busy.get(0);
              cluster.kill(killed);
            }
          }
          Thread.sleep(50);
        }
        assertThat(clone.waitFor(5, TimeUnit.MINUTES)).as("the clone ends").isTrue();
      } finally {
        clone.destroyForcibly();
      }
      String err = Files.readString(dir.resolve("clone.err"));
      assertThat(killed).as("a task manager running the readers was killed during the load; clone stderr: %s", err).isNotNull();
      assertThat(cluster.alive(killed)).isFalse();
      assertThat(clone.exitValue()).as(err).isEqualTo(0);
      assertThat(err).doesNotContain("\tat ").doesNotContain("WARN");
      assertThat(cluster.log("jobmanager")).contains("switched from state RUNNING to RESTARTING");
      // what the web UI shows: the job by its two sides (no password), its source operator by what it does
      assertThat(cluster.jobAndOperatorNames()).anyMatch(n -> n.startsWith("pgferry load postgresql://") && n.endsWith("pieces)"))
          .anyMatch(n -> n.contains("pgferry copy: ") && n.contains("COPY source to target"));
      assertThat(cluster.webUi()).contains("<html").containsIgnoringCase("flink");
      for (String t : FlinkEngineCloneTest.TABLES) {
        assertThat(TableDigest.of(db, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
    }
  }
}
