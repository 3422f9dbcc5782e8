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

/** {@code pgferry run} with a {@code steps:} list: clone then sync, sync alone, and what may not be combined. */
class CliPipelineStepsTest {
  @TempDir Path home;
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "steps_src").execute("""
        CREATE TABLE items (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
        CREATE TABLE events (id bigint PRIMARY KEY, kind text);
        INSERT INTO items SELECT i, 'n' || i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 s' FROM generate_series(1, 200) i;
        INSERT INTO events SELECT i, 'k' || i FROM generate_series(1, 100) i;
        """);
    dst = TestDatabase.create(PostgresServers.target(), "steps_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private Path pipeline(String body) throws Exception {
    return Files.writeString(home.resolve("p.yaml"), "source: %s\ntarget: %s\n%s".formatted(src.url(), dst.url(), body));
  }

  @Test
  void run_cloneThenSyncSteps_clonesThenSyncsAndPrintsOneJsonDocument() throws Exception {
    Path p = pipeline("steps: [clone, sync]\nsync:\n  delete: true\n  tables:\n    events: { mode: full }\n");

    Cli.Result r = Cli.run(home, "run", p.toString(), "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\"steps\":[{\"step\":\"clone\",\"report\":{").contains("{\"step\":\"sync\",\"report\":{")
        .contains("\"failed\":0");
    assertThat(r.err()).containsPattern("public.events\\s+full\\s+ok");
    assertThat(TableDigest.of(dst, "public.items")).isEqualTo(TableDigest.of(src, "public.items"));
    // The sync step recorded its marks, so the next run of a sync-only pipeline picks up changes from there.
    assertThat(dst.scalar("SELECT count(*) FROM pgferry.sync_table")).isEqualTo("2");
  }

  @Test
  void run_syncStepAfterSourceChanges_bringsTargetUpToDate() throws Exception {
    Cli.run(home, "run", pipeline("steps: [clone, sync]\n").toString());
    src.execute("""
        UPDATE items SET name = 'changed', updated_at = updated_at + interval '1 day' WHERE id <= 10;
        INSERT INTO items VALUES (1000, 'new', timestamptz '2025-01-01 00:00:00+00');
        DELETE FROM items WHERE id = 150;
        INSERT INTO events VALUES (101, 'k101');
        """);

    Cli.Result r = Cli.run(home, "run", pipeline("steps: sync\njobs: 2\nsync: { delete: true, batch_size: 16 }\n").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(TableDigest.of(dst, "public.items")).isEqualTo(TableDigest.of(src, "public.items"));
    assertThat(TableDigest.of(dst, "public.events")).isEqualTo(TableDigest.of(src, "public.events"));
  }

  @Test
  void run_syncStepWithTransforms_exits3BeforeConnecting() throws Exception {
    Path p = pipeline("steps: [clone, sync]\nsalt: s3cret-salt\ntransforms:\n  items.name: set_null\n");

    Cli.Result r = Cli.run(home, "run", p.toString()).assertOneLineError(3, "s3cret-salt");

    assertThat(r.error()).contains("p.yaml:5:1").contains("'transforms' cannot be combined with a sync step");
    assertThat(dst.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
  }

  @Test
  void run_syncSectionWithoutSyncStep_exits3() throws Exception {
    Cli.Result r = Cli.run(home, "run", pipeline("sync: { delete: true }\n").toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("p.yaml:3:1").contains("no sync step");
  }

  @Test
  void run_syncSectionNamesPipelineKey_exits3PointingToTopLevel() throws Exception {
    Cli.Result r = Cli.run(home, "run", pipeline("steps: [sync]\nsync:\n  jobs: 4\n").toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("p.yaml:5:3").contains("'jobs' is not a key of 'sync' in a pipeline");
  }

  @Test
  void run_unknownStep_exits3SuggestingKnownOnes() throws Exception {
    Cli.Result r = Cli.run(home, "run", pipeline("steps: [clone, synk]\n").toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("p.yaml:3:").contains("synk").contains("sync");
  }

  @Test
  void run_schemaSyncStepDryRun_printsTheScriptAndChangesNothing() throws Exception {
    Path p = pipeline("steps: [schema-sync, sync]\nschema_sync: { source_schema: public, lock_timeout: 500ms }\n");

    Cli.Result r = Cli.run(home, "run", p.toString(), "--dry-run");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("CREATE TABLE \"public\".\"items\"").contains("CREATE TABLE \"public\".\"events\"");
    assertThat(r.err()).contains("schema-sync: dry run, nothing applied").contains("dry run: step 'sync' not run");
    assertThat(dst.scalar("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'pgferry')")).isEqualTo("0");
  }

  @Test
  void run_schemaSyncThenSyncSteps_targetGetsSchemaAndRows() throws Exception {
    Cli.Result r = Cli.run(home, "run", pipeline("steps: [schema-sync, sync]\n").toString(), "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\"steps\":[{\"step\":\"schema-sync\",\"report\":{").contains("{\"step\":\"sync\"");
    assertThat(TableDigest.of(dst, "public.items")).isEqualTo(TableDigest.of(src, "public.items"));
    assertThat(TableDigest.of(dst, "public.events")).isEqualTo(TableDigest.of(src, "public.events"));
  }

  @Test
  void run_schemaSyncBadLockTimeout_exits3WithLocation() throws Exception {
    Path p = pipeline("steps: [schema-sync]\nschema_sync:\n  lock_timeout: soon\n");
    Cli.Result r = Cli.run(home, "run", p.toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("p.yaml:5:17").contains("'lock_timeout' must be a duration from 1ms to 24 days such as 500ms, 5s or 1m");
  }

  @Test
  void run_schemaSyncSectionWithoutStep_exits3() throws Exception {
    Cli.Result r = Cli.run(home, "run", pipeline("schema_sync: { preserve: rename }\n").toString()).assertOneLineError(3, null);
    assertThat(r.error()).contains("p.yaml:3:1").contains("no schema-sync step");
  }
}
