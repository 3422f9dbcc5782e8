package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine as a user runs it: the repository's {@code ./pgferry} launcher, whose jar holds no Flink, with {@code
 * --engine flink}; pgferry finds the engine the build put in {@code flink/target/engine} and runs the load on a mini
 * cluster in a class loader of its own. The clone is exact and the terminal shows pgferry's lines only.
 */
class FlinkEngineInstalledIT {
  @Test
  void clone_launcherWithEngineFlink_findsTheInstalledEngineAndIsExact() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path root = target.getParent().getParent();
    Path dir = Files.createDirectories(target.resolve("installed-engine-it"));
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "fli_src").execute(FlinkEngineCloneTest.SHOP);
        TestDatabase db = TestDatabase.create(PostgresServers.target(), "fli_dst")) {
      ProcessBuilder pb = new ProcessBuilder(root.resolve("pgferry").toString(), "clone", "-s", source.url(), "-t", db.url(),
          "--engine", "flink", "-j", "2", "--no-progress").redirectOutput(dir.resolve("out.txt").toFile())
          .redirectError(dir.resolve("err.txt").toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().put("PGFERRY_CDS", "off");
      Process p = pb.start();
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      String err = Files.readString(dir.resolve("err.txt"));
      assertThat(p.exitValue()).as(err).isEqualTo(0);
      assertThat(err).doesNotContain("WARN").doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(err).contains("load     done: 6 tables, 113,500 rows");
      for (String t : FlinkEngineCloneTest.TABLES) {
        assertThat(TableDigest.of(db, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
    }
  }
}
