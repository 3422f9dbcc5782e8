package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink engine is not part of the CLI's jar: asked for where it is not installed, the clone stops before changing
 * anything, saying how to install it; a bad engine name or address is a usage error.
 */
class CliEngineNotInstalledTest {
  @Test
  void clone_engineFlinkNotInstalled_exitsWithHowToInstallAndChangesNothing(@TempDir Path home) {
    String before = System.getProperty("pgferry.flink.home");
    System.setProperty("pgferry.flink.home", home.resolve("no-engine-here").toString());
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "eng_src").execute("CREATE TABLE t (id int PRIMARY KEY)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "eng_dst")) {
      Cli.Result r = Cli.run(home, "clone", "-s", source.url(), "-t", target.url(), "--engine", "flink");
      r.assertOneLineError(3, null);
      assertThat(r.err()).contains("no load engine named flink is installed").contains("./mvnw -q -pl flink -am package")
          .contains("PGFERRY_FLINK_HOME").doesNotContain("\tat ");
      assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'public'")).isEqualTo("0");
    } finally {
      if (before == null) {
        System.clearProperty("pgferry.flink.home");
      } else {
        System.setProperty("pgferry.flink.home", before);
      }
    }
  }

  @Test
  void clone_unknownEngine_usageError(@TempDir Path home) {
    Cli.Result r = Cli.run(home, "clone", "-s", "postgresql://a@127.0.0.1:1/x", "-t", "postgresql://b@127.0.0.1:1/y", "--engine", "spark");
    r.assertOneLineError(2, null);
    assertThat(r.err()).contains("--engine is local or flink, got 'spark'");
  }

  @Test
  void clone_flinkAddressWithoutPort_usageErrorBeforeConnecting(@TempDir Path home) {
    Cli.Result r = Cli.run(home, "clone", "-s", "postgresql://a@127.0.0.1:1/x", "-t", "postgresql://b@127.0.0.1:1/y", "--flink-address",
        "jobmanager");
    r.assertOneLineError(2, null);
    assertThat(r.err()).contains("--flink-address is host:port").contains("got 'jobmanager'");
  }
}
