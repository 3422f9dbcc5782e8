package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgferry follow --transforms PIPELINE}: the pipeline's rules shape the copy and the streamed rows. */
class CliFollowTransformsTest {
  @Test
  void follow_transformsPipeline_copyAndStreamAnonymized(@TempDir Path home) throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "cftx_src").execute("""
            CREATE TABLE people (id int PRIMARY KEY, email text NOT NULL);
            INSERT INTO people SELECT g, 'p' || g || '@example.com' FROM generate_series(1, 100) g;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "cftx_dst")) {
      Path rules = home.resolve("rules.yaml");
      Files.writeString(rules, """
          source: ${SOURCE_URL}
          target: ${TARGET_URL}
          salt: ${PGFERRY_SALT}
          transforms:
            public.people.email: { type: hash }
          """);
      Map<String, String> env = Map.of("PGFERRY_SALT", "cli follow salt");
      Cli.Result first = Cli.run(env, home, "follow", "-s", source.url(), "-t", target.url(), "--until-caught-up", "--transforms", rules.toString());
      assertThat(first.code()).as(first.err()).isZero();
      source.execute("INSERT INTO people VALUES (101, 'streamed@example.com')");
      Cli.Result second = Cli.run(env, home, "follow", "-s", source.url(), "-t", target.url(), "--until-caught-up", "--transforms",
          rules.toString(), "--json");
      assertThat(second.code()).as(second.err()).isZero();
      assertThat(second.out()).contains("\"changes\":1");
      assertThat(target.scalar("SELECT count(*) FROM people")).isEqualTo("101");
      assertThat(target.scalar("SELECT count(*) FROM people WHERE email LIKE '%@example.com'")).isEqualTo("0");
      assertThat(second.err() + first.err()).doesNotContain("cli follow salt");
      assertThat(Cli.run(env, home, "follow", "-s", source.url(), "-t", target.url(), "--cleanup").code()).isZero();
    }
  }
}
