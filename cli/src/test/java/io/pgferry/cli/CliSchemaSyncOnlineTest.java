package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --online} and {@code schema_sync.online}, and the column-order remark, as a user meets them. */
class CliSchemaSyncOnlineTest {
  @TempDir Path home;
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "sso_src")
        .execute("CREATE TABLE items (id int PRIMARY KEY, kind text, name text); CREATE INDEX items_name ON items (name);");
    dst = TestDatabase.create(PostgresServers.target(), "sso_dst")
        .execute("CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 100) g;");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  @Test
  void schemaSync_onlineFlag_buildsTheIndexConcurrentlyAndRemarksOnColumnOrder() {
    Cli.Result dry = Cli.run(home, "schema-sync", "-s", src.url(), "-t", dst.url(), "--online", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("online steps, each in its own transaction").contains("CREATE INDEX CONCURRENTLY items_name")
        .contains("public.items:column-order");

    Cli.Result r = Cli.run(home, "schema-sync", "-s", src.url(), "-t", dst.url(), "--online");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("left as it is: the columns of public.items stand in another order");
    assertThat(dst.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.items_name'::regclass")).isEqualTo("t");
  }

  @Test
  void run_schemaSyncOnlineKey_plansOnlineAndRejectsANonBoolean() throws Exception {
    Path p = Files.writeString(home.resolve("p.yaml"), "source: %s\ntarget: %s\nsteps: [schema-sync]\nschema_sync: { online: true }\n"
        .formatted(src.url(), dst.url()));
    Cli.Result r = Cli.run(home, "run", p.toString(), "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("CREATE INDEX CONCURRENTLY items_name");

    Path bad = Files.writeString(home.resolve("p.yaml"), "source: %s\ntarget: %s\nsteps: [schema-sync]\nschema_sync: { online: soon }\n"
        .formatted(src.url(), dst.url()));
    Cli.Result refused = Cli.run(home, "run", bad.toString()).assertOneLineError(3, null);
    assertThat(refused.error()).contains("'online'").contains("true or false");
  }
}
