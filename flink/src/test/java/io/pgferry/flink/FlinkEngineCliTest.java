package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.cli.Main;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgferry clone --engine flink} and a pipeline's {@code engine: flink}, from the command line. */
class FlinkEngineCliTest {
  private static String[] run(Path home, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, env, home, o, e, new java.io.ByteArrayInputStream(new byte[0]));
    }
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void clone_engineFlinkFlag_copiesEveryTableAndReportsItInJson(@TempDir Path home) {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "flcli_src").execute(FlinkEngineCloneTest.SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "flcli_dst")) {
      String[] r = run(home, Map.of(), "clone", "-s", source.url(), "-t", target.url(), "--engine", "flink", "-j", "2", "--json");
      assertThat(r[0]).as(r[2]).isEqualTo("0");
      assertThat(r[1]).contains("\"rows\"").contains("public.events");
      for (String t : FlinkEngineCloneTest.TABLES) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
    }
  }

  @Test
  void run_pipelineWithEngineFlink_copiesEveryTable(@TempDir Path home) throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "flpipe_src").execute(FlinkEngineCloneTest.SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "flpipe_dst")) {
      Path file = home.resolve("flink.yaml");
      Files.writeString(file, "source: ${SRC}\ntarget: ${DST}\njobs: 2\nengine: flink\n");
      String[] r = run(home, Map.of("SRC", source.url(), "DST", target.url()), "run", file.toString());
      assertThat(r[0]).as(r[2]).isEqualTo("0");
      for (String t : FlinkEngineCloneTest.TABLES) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
    }
  }
}
