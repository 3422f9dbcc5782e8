package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each sync mode against the two embedded servers, with changes made in the source between runs. */
class SyncerTest {
  private static final String DDL = """
      CREATE TABLE items (id bigint PRIMARY KEY, name text, qty integer, doc json, updated_at timestamptz NOT NULL);
      CREATE INDEX ON items (updated_at);
      CREATE TABLE lines (order_id integer, line integer, sku text, updated_at timestamp NOT NULL, PRIMARY KEY (order_id, line));
      CREATE TABLE logs (id bigint PRIMARY KEY, msg text);
      CREATE TABLE nokey (a integer, b text);
      """;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "sync_src").execute(DDL);
    dst = TestDatabase.create(PostgresServers.target(), "sync_dst").execute(DDL);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private Syncer.Builder syncer(int batch) {
    return Syncer.builder().source(src::connect).target(dst::connect).jobs(2).batchSize(batch).clock(CLOCK);
  }

  private Table table(String name) {
    return TestTables.read(src, QualifiedName.of("public", name));
  }

  private TableSync items() {
    return new TableSync(table("items"), null, SyncMode.TIMESTAMP, List.of("id", "name", "qty", "doc", "updated_at"), List.of("id"),
        "updated_at", false);
  }

  private SyncResult one(Syncer.Builder s, TableSync t) {
    SyncRun run = s.build().sync("test", List.of(t), List.of());
    assertThat(run.tables()).hasSize(1);
    return run.tables().get(0);
  }

  private void assertSame(String table) {
    assertThat(TableDigest.of(dst, table)).as(table).isEqualTo(TableDigest.of(src, table));
  }

  private void seedItems(int n) {
    src.execute("INSERT INTO items SELECT i, 'item ' || i, i % 7, json_build_object('i', i),"
        + " timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' FROM generate_series(1, " + n + ") i");
  }

  @Test
  void timestamp_insertsAndUpdatesBetweenRuns_targetMatchesSource() {
    seedItems(1000);
    SyncResult first = one(syncer(100), items());
    assertThat(first.status()).isEqualTo(SyncResult.Status.OK);
    assertThat(first.inserted()).isEqualTo(1000);
    assertThat(first.batches()).isEqualTo(10);
    assertSame("items");

    src.execute("UPDATE items SET qty = qty + 100, updated_at = timestamptz '2024-06-01 00:00:00+00' + id * interval '1 ms'"
        + " WHERE id % 20 = 0; INSERT INTO items VALUES (5000, 'new', 1, '{}', '2024-07-01 00:00:00+00')");
    SyncResult second = one(syncer(100), items());

    assertThat(second.status()).isEqualTo(SyncResult.Status.OK);
    assertThat(second.inserted()).isEqualTo(1);
    assertThat(second.updated()).isEqualTo(50);
    assertThat(second.mark()).isEqualTo("2024-07-01 00:00:00+00");
    assertSame("items");
  }

  @Test
  void timestamp_bulkUpdateWithOneStampAcrossBatchesAndAtTheMark_neverSkipped() {
    seedItems(300);
    one(syncer(16), items());
    String stamp = "2024-09-09 09:09:09+00";
    src.execute("UPDATE items SET name = 'bulk', updated_at = '" + stamp + "' WHERE id <= 200");

    SyncResult bulk = one(syncer(16), items());
    assertThat(bulk.updated()).isEqualTo(200);
    assertThat(bulk.batches()).isEqualTo(13); // 200 rows in batches of 16: the shared stamp spans them all
    assertThat(bulk.mark()).isEqualTo(stamp);
    assertSame("items");

    // rows stamped with exactly the stored mark after that run still arrive: the next run starts at >= mark
    src.execute("UPDATE items SET name = 'late', updated_at = '" + stamp + "' WHERE id > 290");
    SyncResult late = one(syncer(16), items());
    assertThat(late.updated()).isEqualTo(10); // the 200 boundary rows are read again but found equal
    assertSame("items");
  }

  @Test
  void timestamp_crashBetweenBatches_resumeMatchesSourceRowForRow() {
    seedItems(500);
    AtomicLong batches = new AtomicLong();
    SyncListener crashAfterThree = new SyncListener() {
      @Override
      public void batchCommitted(TableSync table, long batch, long rows) {
        if (batches.incrementAndGet() == 3) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    SyncResult crashed = one(syncer(50).listener(crashAfterThree), items());
    assertThat(crashed.status()).isEqualTo(SyncResult.Status.FAILED);
    assertThat(crashed.error()).contains("simulated crash");
    assertThat(dst.scalar("SELECT count(*) FROM items")).isEqualTo("150"); // three whole batches, nothing half
    assertThat(dst.scalar("SELECT mark FROM pgferry.sync_table")).isEqualTo(dst.scalar("SELECT max(updated_at)::text FROM items"));

    src.execute("UPDATE items SET qty = -1, updated_at = '2024-12-01 00:00:00+00' WHERE id IN (7, 400)");
    SyncResult resumed = one(syncer(50), items());

    assertThat(resumed.status()).isEqualTo(SyncResult.Status.OK);
    assertThat(resumed.inserted()).isEqualTo(350);
    assertThat(resumed.updated()).isEqualTo(1); // id 7 was already there; id 400 arrives as an insert
    assertSame("items");
  }

  @Test
  void timestamp_compositeKeyWithDelete_upsertsAndRemovesByBothColumns() {
    src.execute("INSERT INTO lines SELECT o, l, 'sku-' || o || '-' || l, timestamp '2024-01-01' + (o * 10 + l) * interval '1 min'"
        + " FROM generate_series(1, 100) o, generate_series(1, 5) l");
    TableSync lines = new TableSync(table("lines"), null, SyncMode.TIMESTAMP, List.of("order_id", "line", "sku", "updated_at"),
        List.of("order_id", "line"), "updated_at", true);
    one(syncer(64), lines);
    assertSame("lines");

    src.execute("UPDATE lines SET sku = 'changed', updated_at = timestamp '2025-01-01' WHERE line = 3;"
        + " DELETE FROM lines WHERE order_id IN (5, 50) OR (order_id = 70 AND line = 1);"
        + " INSERT INTO lines VALUES (5, 9, 'again', timestamp '2025-02-01')");
    SyncResult r = one(syncer(64), lines);

    assertThat(r.status()).isEqualTo(SyncResult.Status.OK);
    assertThat(r.deleted()).isEqualTo(11);
    assertThat(r.updated()).isEqualTo(98);
    assertThat(r.inserted()).isEqualTo(1);
    assertSame("lines");
  }

  @Test
  void append_newKeysOnly_copiesMissingRowsAndLeavesExistingOnes() {
    src.execute("INSERT INTO logs SELECT i, 'log ' || i FROM generate_series(1, 5000) i");
    dst.execute("INSERT INTO logs SELECT i, 'log ' || i FROM generate_series(1, 4000) i WHERE i % 100 <> 0");
    src.execute("UPDATE logs SET msg = 'edited' WHERE id = 1"); // append mode never rewrites existing rows
    TableSync logs = new TableSync(table("logs"), null, SyncMode.APPEND, List.of("id", "msg"), List.of("id"), null, false);

    SyncResult r = one(syncer(100), logs);

    assertThat(r.status()).isEqualTo(SyncResult.Status.OK);
    assertThat(r.inserted()).isEqualTo(1000 + 40);
    assertThat(dst.scalar("SELECT msg FROM logs WHERE id = 1")).isEqualTo("log 1");
    assertThat(dst.scalar("SELECT count(*) FROM logs")).isEqualTo("5000");
  }

  @Test
  void delete_scatteredKeysGoneFromSource_removedInBoundedRanges() {
    String fill = "INSERT INTO logs SELECT i, 'log ' || i FROM generate_series(1, 20000) i";
    src.execute(fill);
    dst.execute(fill);
    src.execute("DELETE FROM logs WHERE id % 67 = 0; DELETE FROM logs WHERE id BETWEEN 12000 AND 12999");
    TableSync logs = new TableSync(table("logs"), null, SyncMode.APPEND, List.of("id", "msg"), List.of("id"), null, true);

    SyncResult r = one(syncer(100), logs);

    assertThat(r.deleted()).isEqualTo(20000 - Long.parseLong(src.scalar("SELECT count(*) FROM logs")));
    assertThat(r.inserted()).isZero();
    assertSame("logs");
  }

  @Test
  void full_tableWithoutKey_truncatedAndReloaded() {
    src.execute("INSERT INTO nokey SELECT i, 'b' || i FROM generate_series(1, 300) i");
    dst.execute("INSERT INTO nokey VALUES (1, 'stale'), (-5, 'gone')");
    TableSync nokey = new TableSync(table("nokey"), null, SyncMode.FULL, List.of("a", "b"), List.of(), null, false);

    SyncResult r = one(syncer(100), nokey);

    assertThat(r.inserted()).isEqualTo(300);
    assertThat(r.deleted()).isEqualTo(2);
    assertSame("nokey");
  }

  @Test
  void sync_noSnapshotOfTheSource_throwsAndRunIsRecordedAsFailed() {
    seedItems(10);
    Syncer syncer = Syncer.builder().source(() -> {
      throw new java.sql.SQLException("connection refused", "08001");
    }).target(dst::connect).clock(CLOCK).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> syncer.sync("test", List.of(items()), List.of()))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.SOURCE_READ));
    assertThat(dst.scalar("SELECT status || ' ' || (finished_at IS NOT NULL) || ' ' || tables_ok || ' ' || tables_failed"
        + " FROM pgferry.sync_run")).isEqualTo("failed true 0 1");
  }

  @Test
  void sync_oneTableFails_othersFinishAndStateSaysWhich() throws Exception {
    seedItems(10);
    dst.execute("DROP TABLE logs");
    TableSync logs = new TableSync(table("logs"), null, SyncMode.APPEND, List.of("id", "msg"), List.of("id"), null, false);
    SyncResult skipped = SyncResult.notRun(QualifiedName.of("public", "nokey"), null, null, SyncResult.Status.SKIPPED, "no key");

    SyncRun run = syncer(100).build().sync("src-label", List.of(items(), logs), List.of(skipped));

    assertThat(run.failed()).extracting(SyncResult::source).containsExactly(QualifiedName.of("public", "logs"));
    assertThat(run.failed().get(0).error()).contains("logs").contains("42P01");
    assertSame("items");
    try (Connection c = dst.connect()) {
      List<SyncState.TableRow> rows = SyncState.recent(c, 5);
      assertThat(rows).extracting(SyncState.TableRow::target, SyncState.TableRow::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("public.items", "ok"), org.assertj.core.groups.Tuple.tuple("public.logs", "failed"),
          org.assertj.core.groups.Tuple.tuple("public.nokey", "skipped"));
      assertThat(rows.get(0).started()).isEqualTo(CLOCK.instant());
    }
    assertThat(dst.scalar("SELECT status || ' ' || tables_ok || '/' || tables_failed FROM pgferry.sync_run")).isEqualTo("failed 2/1");
  }
}
