package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.ChildJvm;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a running {@code pgferry sync} after some of its batches committed, then the same sync again:
 * it goes on from the last committed batch (each batch commits with its mark), so it inserts only what the killed
 * run had not, and the target ends equal to the source.
 */
class CliSyncKillResumeTest {
  private static final int ROWS = 120_000;

  @TempDir Path dir;

  @Test
  void sync_killedAfterSomeBatchesThenRunAgain_goesOnFromTheLastBatchAndEqualsSource() throws Exception {
    try (TestDatabase src = TestDatabase.create(PostgresServers.source(), "synckill_src").execute("""
            CREATE TABLE items (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);
            INSERT INTO items SELECT i, repeat(md5(i::text), 3), timestamptz '2024-01-01 00:00:00+00' + i * interval '1 s'
            FROM generate_series(1, %d) i""".formatted(ROWS));
        TestDatabase dst = TestDatabase.create(PostgresServers.target(), "synckill_dst")) {
      String[] args = {"sync", "-s", src.url(), "-t", dst.url(), "--batch-size", "1000", "--jobs", "1", "--json"};
      long committed;
      try (ChildJvm child = ChildJvm.start(dir, "io.pgferry.cli.Main", List.of(args));
          java.sql.Connection c = dst.connect()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        committed = 0;
        while (child.alive() && System.nanoTime() < deadline && committed < 5) {
          committed = batches(c);
          Thread.sleep(2);
        }
        assertThat(committed).as("batches committed before the kill; output:%n%s", child.output()).isGreaterThanOrEqualTo(5);
        child.killHard();
      }
      long rowsBefore = Long.parseLong(dst.scalar("SELECT count(*) FROM items"));
      assertThat(rowsBefore).as("rows the killed run committed").isBetween(5_000L, (long) ROWS - 1);

      Cli.Result again = Cli.run(dir, args);

      assertThat(again.code()).as(again.err()).isZero();
      com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.out());
      assertThat(report.get("inserted").asLong()).as("rows the second run inserted").isEqualTo(ROWS - rowsBefore);
      assertThat(TableDigest.of(dst, "public.items")).isEqualTo(TableDigest.of(src, "public.items"));
    }
  }

  /** Batches the running sync has committed (its table rows are updated inside each batch's transaction). */
  private static long batches(java.sql.Connection c) {
    try (var s = c.createStatement();
        var rs = s.executeQuery("SELECT to_regclass('pgferry.sync_table') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return 0;
      }
      try (var r = s.executeQuery("SELECT coalesce(sum(batches), 0) FROM pgferry.sync_table")) {
        r.next();
        return r.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      return 0;
    }
  }
}
