package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the source has an object pgferry cannot create: exit 7 and its name, or a named warning. */
class CliCoverageGuardTest {
  @TempDir Path dir;

  @Test
  void clone_uncoveredObject_exit7NamingItAndWithFlagJsonWarning() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "cliguard_src")
            .execute("CREATE ACCESS METHOD copy_am TYPE TABLE HANDLER heap_tableam_handler; CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "cliguard_dst")) {
      Cli.Result refused = Cli.run(dir, "clone", "-s", source.url(), "-t", target.url());
      assertThat(refused.code()).isEqualTo(7);
      assertThat(refused.err()).contains("access method copy_am", "--allow-uncovered");
      refused.assertNoStackTrace();
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE oid >= 16384")).isEqualTo("0");

      Cli.Result allowed = Cli.run(dir, "clone", "-s", source.url(), "-t", target.url(), "--allow-uncovered", "--json");
      assertThat(allowed.code()).as(allowed.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(allowed.out());
      List<String> warnings = new ArrayList<>();
      json.get("warnings").forEach(w -> warnings.add(w.asText()));
      assertThat(warnings).contains("not cloned (pgferry cannot create it yet): access method copy_am");
      assertThat(target.scalar("SELECT count(*) FROM t")).isEqualTo("1");
    }
  }
}
