package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgferry preview} on the command line: readable before/after rows, JSON, no target, no salt. */
class CliPreviewTest {
  private static final String SALT = "cli-preview-salt-Zk81";
  private static TestDatabase shop;

  @TempDir Path dir;

  @BeforeAll
  static void createShop() {
    shop = Cli.shop("cli_preview");
  }

  @AfterAll
  static void dropShop() {
    shop.close();
  }

  private Map<String, String> env() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      // a target nobody listens on: preview must not try to connect to it
      return Map.of("DEMO_SOURCE_URL", shop.url(), "DEMO_TARGET_URL", "postgresql://u@127.0.0.1:" + s.getLocalPort() + "/none",
          "PGFERRY_SALT", SALT);
    }
  }

  private Path demoPipeline() throws IOException {
    Path file = dir.resolve("demo.yaml");
    try (var in = getClass().getResourceAsStream("/pipelines/demo.yaml")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  @Test
  void preview_demoPipeline_printsBeforeAndAfterPerTransformedColumn() throws IOException {
    Cli.Result r = Cli.run(env(), dir, "preview", demoPipeline().toString(), "--rows", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("public.customers  (2 rows)").contains("email: hash, full_name: constant, phone: set_null, birth_date: set_null")
        .contains("\"Customer Notes\"").contains("  ->  NULL").contains("  ->  Jane Doe").contains("row 1  id=")
        .doesNotContain(SALT);
    assertThat(r.err()).doesNotContain(SALT);
  }

  @Test
  void preview_json_rowsWithBeforeAndAfterObjects() throws Exception {
    Cli.Result r = Cli.run(env(), dir, "preview", demoPipeline().toString(), "--table", "customers", "--rows", "3", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("tables")).hasSize(1);
    JsonNode t = doc.get("tables").get(0);
    assertThat(t.get("table").asText()).isEqualTo("public.customers");
    assertThat(t.get("transformers").get("email").asText()).isEqualTo("hash");
    assertThat(t.get("rows")).hasSize(3);
    JsonNode row = t.get("rows").get(0);
    assertThat(row.get("before").get("email").asText()).contains("@");
    assertThat(row.get("after").get("email").asText()).matches("[0-9a-f]{24}");
    assertThat(row.get("after").get("phone").isNull()).isTrue();
    assertThat(row.get("after").get("id")).isEqualTo(row.get("before").get("id"));
    assertThat(r.out()).doesNotContain(SALT);
  }

  @Test
  void preview_rowsZero_exits2() throws IOException {
    Cli.Result r = Cli.run(env(), dir, "preview", demoPipeline().toString(), "--rows", "0").assertOneLineError(2, SALT);
    assertThat(r.error()).contains("--rows must be 1 to");
  }
}
