package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A load on a session cluster that cannot succeed (every load connection of the target is ended as soon as it
 * appears, past Flink's restarts): the clone fails with the first error of pgferry's own, the server's SQLSTATE in it,
 * not Flink's wrapper ("Failed to fetch job execution result"), in one line, and removes what it created.
 */
class FlinkSessionClusterFailedJobIT {
  @Test
  void clone_jobThatKeepsFailing_exitsWithTheLoadErrorAndUndoes() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path dir = Files.createDirectories(target.resolve("session-cluster-it").resolve("failed-" + System.currentTimeMillis()));
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "flx_src").execute(FlinkEngineCloneTest.SHOP);
        TestDatabase db = TestDatabase.create(PostgresServers.target(), "flx_dst");
        FlinkSessionCluster cluster = FlinkSessionCluster.start(target, dir.resolve("cluster"), 1, 2)) {
      AtomicBoolean go = new AtomicBoolean(true);
      Thread saboteur = new Thread(() -> {
        while (go.get()) {
          try {
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgferry load'"
                + " AND datname = current_database()");
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException busy) {
            // ask again
          }
        }
      });
      saboteur.start();
      Process clone;
      try {
        clone = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElseThrow(),
            "-Dpgferry.flink.home=" + target.resolve("engine"), "-jar", target.getParent().getParent().resolve("cli/target/pgferry.jar")
                .toString(), "clone", "-s", source.url(), "-t", db.url(), "--flink-address", cluster.address(), "-j", "2"))
            .redirectOutput(dir.resolve("clone.out").toFile()).redirectError(dir.resolve("clone.err").toFile()).start();
        assertThat(clone.waitFor(5, TimeUnit.MINUTES)).isTrue();
      } finally {
        go.set(false);
        saboteur.interrupt();
        saboteur.join();
      }
      String err = Files.readString(dir.resolve("clone.err"));
      assertThat(clone.exitValue()).as(err).isEqualTo(8);
      assertThat(err).containsPattern("pgferry: error: the Flink job of the load failed: .*(SQLSTATE 57P01|SQLSTATE 08006)")
          .contains("were removed again").doesNotContain("\tat ");
      assertThat(db.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
    }
  }
}
