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

/**
 * Timestamp mode with delete: the key comparison reads both sides while the changed rows are upserted, and
 * changes nothing until every upsert has committed.
 */
class SyncOverlapTest {
  private static final String DDL = "CREATE TABLE items (id bigint PRIMARY KEY, qty integer, updated_at timestamptz NOT NULL);"
      + " CREATE INDEX ON items (updated_at)";
  private static final String FILL = "INSERT INTO items SELECT i, i % 50, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second'"
      + " FROM generate_series(1, 5000) i";
  private static final String CHANGES = "UPDATE items SET qty = qty + 1, updated_at = timestamptz '2025-01-01 00:00:00+00' WHERE id % 50 = 7;"
      + " INSERT INTO items SELECT i, 1, timestamptz '2025-01-02 00:00:00+00' FROM generate_series(10001, 10050) i;"
      + " DELETE FROM items WHERE id % 125 = 3";

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "overlap_src").execute(DDL).execute(FILL);
    dst = TestDatabase.create(PostgresServers.target(), "overlap_dst").execute(DDL).execute(FILL);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private TableSync items() {
    return new TableSync(TestTables.read(src, QualifiedName.of("public", "items")), null, SyncMode.TIMESTAMP,
        List.of("id", "qty", "updated_at"), List.of("id"), "updated_at", true);
  }

  private SyncResult sync() {
    return Syncer.builder().source(src::connect).target(dst::connect).batchSize(30).build().sync("test", List.of(items()), List.of())
        .tables().get(0);
  }

  /** Source sessions that ran the comparison's bucket pass and are done with it (still in the run's snapshot). */
  private long sourceBucketPassesDone() {
    return Long.parseLong(src.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND query LIKE 'SELECT pgferry_b, count(*), bit_xor(%' AND state = 'idle in transaction'"));
  }

  /**
   * Target sessions waiting at the comparison's barrier: it ends its read transaction before it waits, so its
   * last statement is that COMMIT (the upsert's session is busy, the state session's last statement an INSERT).
   */
  private long targetComparisonsWaiting() {
    return Long.parseLong(dst.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND query = 'COMMIT' AND state = 'idle'"));
  }

  @Test
  void timestampWithDelete_upsertsBlocked_comparisonReadsBothSidesMeanwhileAndDeletesOnlyAfterThem() throws Exception {
    assertThat(sync().status()).isEqualTo(SyncResult.Status.OK); // records the mark
    src.execute(CHANGES);
    CompletableFuture<SyncResult> running;
    try (Connection lock = dst.connect()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE items IN SHARE MODE"); // readers go on, the upsert waits
      }
      running = CompletableFuture.supplyAsync(this::sync);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((sourceBucketPassesDone() == 0 || targetComparisonsWaiting() == 0) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(sourceBucketPassesDone()).as("source bucket pass done while the upsert waits").isEqualTo(1);
      assertThat(targetComparisonsWaiting()).as("target side compared and waiting while the upsert waits").isEqualTo(1);
      assertThat(dst.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
          + " AND query LIKE 'WITH m AS (INSERT INTO%'")).as("the upsert is the one waiting").isEqualTo("1");
      // A comparison that did not wait would now list keys and try to delete, and the SHARE lock would hold
      // that DELETE too: a second session waiting on a lock. Give it the time to get there.
      Thread.sleep(300);
      assertThat(dst.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))
          .as("only the upsert waits; the comparison has not tried to delete").isEqualTo("1");
      assertThat(targetComparisonsWaiting()).as("the comparison still waits at its barrier").isEqualTo(1);
      assertThat(running).isNotDone();
      lock.rollback();
    }

    SyncResult r = running.get(60, TimeUnit.SECONDS);

    assertThat(r.error()).isNull();
    assertThat(r.updated()).isEqualTo(100); // id % 50 = 7; none of them is also deleted (id % 125 = 3)
    assertThat(r.inserted()).isEqualTo(49); // 50 new, less 10003 (id % 125 = 3); upserted once, never copied again
    assertThat(r.deleted()).isEqualTo(40);
    assertThat(TableDigest.of(dst, "items")).isEqualTo(TableDigest.of(src, "items"));
  }

  @Test
  void timestampWithDelete_batchesOnBothConnections_numberedInOneSequence() {
    assertThat(sync().status()).isEqualTo(SyncResult.Status.OK);
    src.execute(CHANGES);
    List<Long> numbers = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Long> deleting = new java.util.concurrent.CopyOnWriteArrayList<>();
    SyncListener listener = new SyncListener() {
      @Override
      public void batchCommitted(TableSync table, long batch, long rows) {
        numbers.add(batch);
        if (Thread.currentThread().getName().equals("pgferry-sync-compare")) {
          deleting.add(batch);
        }
      }
    };

    SyncResult r = Syncer.builder().source(src::connect).target(dst::connect).batchSize(30).listener(listener).build()
        .sync("test", List.of(items()), List.of()).tables().get(0);

    assertThat(r.deleted()).isEqualTo(40);
    assertThat(deleting).as("the comparison's delete batches").isNotEmpty();
    // upserts and the comparison's deletes commit on two connections; the listener sees 1, 2, 3, ... once each
    assertThat(numbers).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, r.batches()).boxed().toList());
  }

  @Test
  void timestampWithDelete_onlyRowsAtTheMark_wholeTableSummaryAnswersInOneQuery() {
    assertThat(sync().status()).isEqualTo(SyncResult.Status.OK);
    List<KeyComparison> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    SyncListener listener = new SyncListener() {
      @Override
      public void keysCompared(TableSync table, KeyComparison comparison) {
        seen.add(comparison);
      }
    };

    SyncResult r = Syncer.builder().source(src::connect).target(dst::connect).batchSize(30).listener(listener).build()
        .sync("test", List.of(items()), List.of()).tables().get(0);

    // the row at the mark is read again, but no row is newer: the keys are compared by one summary per side
    assertThat(r.updated() + r.inserted() + r.deleted()).isZero();
    assertThat(seen).singleElement().satisfies(c -> {
      assertThat(c.sourceQueries()).isEqualTo(1);
      assertThat(c.buckets()).isZero();
    });
  }

  @Test
  void timestampWithDelete_upsertFails_comparisonDeletesNothing() {
    assertThat(sync().status()).isEqualTo(SyncResult.Status.OK);
    dst.execute("ALTER TABLE items ADD CONSTRAINT qty_small CHECK (qty < 1000)");
    src.execute(CHANGES);
    src.execute("UPDATE items SET qty = 5000, updated_at = timestamptz '2025-01-03 00:00:00+00' WHERE id = 4999");

    SyncResult r = sync();

    assertThat(r.status()).isEqualTo(SyncResult.Status.FAILED);
    assertThat(r.error()).contains("qty_small");
    assertThat(r.deleted()).isZero();
    assertThat(dst.scalar("SELECT count(*) FROM items WHERE id % 125 = 3")).isEqualTo("40");
  }
}
