package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key comparison asks both servers at once: the target answers while the source is still blocked. */
class SyncParallelComparisonTest {
  private static final String DDL = "CREATE TABLE logs (id bigint PRIMARY KEY, msg text)";
  private static final String FILL = "INSERT INTO logs SELECT i, 'log ' || i FROM generate_series(1, 5000) i";

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "par_src").execute(DDL).execute(FILL);
    dst = TestDatabase.create(PostgresServers.target(), "par_dst").execute(DDL).execute(FILL).execute("DELETE FROM logs WHERE id % 50 = 0");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  /** Sessions of this database that have run the comparison's whole-table summary and are done with it. */
  private long answeredSummaries(TestDatabase db) {
    return Long.parseLong(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND query LIKE 'SELECT count(*), coalesce(bit_xor(hashint8extended%' AND state = 'idle in transaction'"));
  }

  private long blockedSummaries(TestDatabase db) {
    return Long.parseLong(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND query LIKE 'SELECT count(*), coalesce(bit_xor(hashint8extended%' AND wait_event_type = 'Lock'"));
  }

  @Test
  void compare_sourceTableLocked_targetSideAnswersMeanwhileAndResultIsExact() throws Exception {
    TableSync logs = new TableSync(TestTables.read(src, QualifiedName.of("public", "logs")), null, SyncMode.APPEND, List.of("id", "msg"),
        List.of("id"), null, true);
    CompletableFuture<SyncRun> running;
    try (Connection lock = src.connect()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE logs IN ACCESS EXCLUSIVE MODE");
      }
      running = CompletableFuture.supplyAsync(
          () -> Syncer.builder().source(src::connect).target(dst::connect).batchSize(100).build().sync("test", List.of(logs), List.of()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((blockedSummaries(src) == 0 || answeredSummaries(dst) == 0) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      // the source's summary waits for the lock while the target's has already come back: they ran at once
      assertThat(blockedSummaries(src)).isEqualTo(1);
      assertThat(answeredSummaries(dst)).isEqualTo(1);
      lock.rollback();
    }

    SyncResult r = running.get(60, TimeUnit.SECONDS).tables().get(0);

    assertThat(r.error()).isNull();
    assertThat(r.inserted()).isEqualTo(100);
    assertThat(TableDigest.of(dst, "logs")).isEqualTo(TableDigest.of(src, "logs"));
  }
}
