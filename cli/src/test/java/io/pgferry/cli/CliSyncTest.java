package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgferry sync} and {@code pgferry status} as a user runs them. */
class CliSyncTest {
  @TempDir Path home;
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "clisync_src").execute("""
        CREATE TABLE items (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
        CREATE TABLE events (id bigint PRIMARY KEY, kind text);
        INSERT INTO items SELECT i, 'n' || i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 s' FROM generate_series(1, 200) i;
        INSERT INTO events SELECT i, 'k' || i FROM generate_series(1, 100) i;
        """);
    dst = TestDatabase.create(PostgresServers.target(), "clisync_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  @Test
  void sync_thenStatus_exit0AndStatusShowsTheRun() {
    Cli.Result r = Cli.run(home, "sync", "-s", src.url(), "-t", dst.url(), "--delete", "--batch-size", "50", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"failed\":0").contains("\"inserted\":300");
    assertThat(r.err()).contains("synced ").contains("public.items").contains("timestamp");

    Cli.Result status = Cli.run(home, "status", "-t", dst.url());
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("public.items").contains("timestamp").contains("ok")
        .contains("2024-01-01 00:03:20+00"); // the mark: the largest updated_at
    assertThat(TableDigest.of(dst, "public.events")).isEqualTo(TableDigest.of(src, "public.events"));
  }

  @Test
  void sync_configWithPerTableOverride_appliesItAndExits12WhenATableFails() throws Exception {
    dst.execute("CREATE TABLE items (id bigint PRIMARY KEY, name integer, updated_at timestamptz NOT NULL)");
    Path config = Files.writeString(home.resolve("sync.yaml"), """
        source: %s
        target: %s
        batch_size: 40
        tables:
          events: { mode: full }
        """.formatted(src.url(), dst.url()));

    Cli.Result r = Cli.run(home, "sync", "--config", config.toString()).assertOneLineError(12, null);

    assertThat(r.error()).startsWith("1 of 2 tables failed: public.items: column \"name\" is text in the source but integer in the target");
    assertThat(r.err()).containsPattern("public.events\\s+full\\s+ok");
    assertThat(dst.scalar("SELECT count(*) FROM events")).isEqualTo("100");
  }

  @Test
  void sync_configUnknownKey_exits3WithLocation() throws Exception {
    Path config = Files.writeString(home.resolve("bad.yaml"), "source: x\nbatchsize: 10\n");
    Cli.Result r = Cli.run(home, "sync", "--config", config.toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("bad.yaml:2:1").contains("batchsize");
  }
}
