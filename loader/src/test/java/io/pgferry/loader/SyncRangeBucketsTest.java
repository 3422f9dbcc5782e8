package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key comparison of single integer keys: key-range buckets ({@code key >> shift}) listed by index range
 * scans or, when many differ, by one hash join; sparse keys fall back to hash buckets. Real servers, both sides.
 */
class SyncRangeBucketsTest {
  private static final String DDL = """
      CREATE TABLE big (id bigint PRIMARY KEY, v text);
      CREATE TABLE small (id smallint PRIMARY KEY, v text);
      CREATE TABLE mid (id integer PRIMARY KEY, v text);
      CREATE TABLE stamped (id bigint PRIMARY KEY, v text, ts timestamptz NOT NULL);
      """;

  private TestDatabase src;
  private TestDatabase dst;
  private final AtomicReference<KeyComparison> comparison = new AtomicReference<>();

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "range_src").execute(DDL);
    dst = TestDatabase.create(PostgresServers.target(), "range_dst").execute(DDL);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private SyncResult sync(String table) {
    SyncListener record = new SyncListener() {
      @Override
      public void keysCompared(TableSync t, KeyComparison c) {
        comparison.set(c);
      }
    };
    TableSync sync = new TableSync(TestTables.read(src, QualifiedName.of("public", table)), null, SyncMode.APPEND, List.of("id", "v"),
        List.of("id"), null, true);
    SyncRun run = Syncer.builder().source(src::connect).target(dst::connect).batchSize(64).listener(record).build()
        .sync("test", List.of(sync), List.of());
    assertThat(run.tables().get(0).error()).isNull();
    return run.tables().get(0);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"small", "mid", "big"})
  void keyBoundsAndSummary_integerKeyOfAnyWidth_readTheEndsOfTheKeyIndexNotTheTable(String table) {
    src.execute("INSERT INTO " + table + " SELECT g, 'v' FROM generate_series(1, 20000) g; ANALYZE " + table);
    SyncSql sql = new SyncSql(new TableSync(TestTables.read(src, QualifiedName.of("public", table)), null, SyncMode.APPEND,
        List.of("id", "v"), List.of("id"), null, true));

    String bounds = src.query("EXPLAIN " + sql.keyBounds(false).replace("?::regclass", "'" + table + "'::regclass")).toString();
    String summary = src.query("EXPLAIN " + sql.keySummary(false)).toString();

    // min and max each as a one-row index scan (InitPlan ... Limit ... Index Only Scan), never a scan of the table
    assertThat(bounds).contains("Index Only Scan").doesNotContain("Seq Scan");
    assertThat(summary.split("Seq Scan", -1).length - 1).as(summary).isLessThanOrEqualTo(1); // the count itself
    assertThat(summary.split("Index Only Scan", -1).length - 1).as(summary).isGreaterThanOrEqualTo(2);
  }

  @Test
  void bucketSummaries_firstPassOverATableWithoutStatistics_readsTheTableNotABitmapOfTheKeyIndex() {
    // a table just cloned has no statistics: "id >= ?" is then estimated to keep a third of the rows, and the
    // planner reads every page through a bitmap of the key index, slower than the plain scan it needs
    // wide rows (about 25 a page), as in the tables where it matters
    dst.execute("INSERT INTO big SELECT g, repeat('v', 300) FROM generate_series(1, 100000) g");
    SyncSql sql = new SyncSql(new TableSync(TestTables.read(dst, QualifiedName.of("public", "big")), null, SyncMode.APPEND,
        List.of("id", "v"), List.of("id"), null, true));

    String first = sql.bucketSummaries(true, 2, true, false);
    String resumed = sql.bucketSummaries(true, 2, true, true);

    assertThat(first).doesNotContain("?");
    assertThat(dst.query("EXPLAIN " + first).toString()).doesNotContain("Bitmap");
    // what the first pass was before: the bound lets the planner guess
    assertThat(dst.query("EXPLAIN " + resumed.replace("?::int8", "(-9223372036854775808)::int8")).toString()).contains("Bitmap");
  }

  private void both(String sql) {
    src.execute(sql);
    dst.execute(sql);
  }

  private long count(TestDatabase db, String table, String where) {
    return Long.parseLong(db.scalar("SELECT count(*) FROM " + table + " WHERE " + where));
  }

  private void assertSame(String table) {
    assertThat(TableDigest.of(dst, table)).as(table).isEqualTo(TableDigest.of(src, table));
  }

  @Test
  void compare_negativeKeysGapsAndChangesOnBothSides_exactRowsInThreeQueriesPerSide() {
    both("INSERT INTO big SELECT i, 'v' || i FROM generate_series(-5000, 5000) i WHERE i % 10 <> 3");
    src.execute("DELETE FROM big WHERE id % 97 = 0; INSERT INTO big VALUES (-7003, 'new'), (8001, 'new')");
    dst.execute("DELETE FROM big WHERE id BETWEEN -50 AND 50; INSERT INTO big VALUES (-5003, 'only target')");
    long gone = count(dst, "big", "id % 97 = 0 AND NOT id BETWEEN -50 AND 50") + 1;
    long missing = count(src, "big", "id BETWEEN -50 AND 50") + 2;

    SyncResult r = sync("big");

    assertThat(r.deleted()).isEqualTo(gone);
    assertThat(r.inserted()).isEqualTo(missing);
    assertSame("big");
    KeyComparison c = comparison.get();
    assertThat(c.sourceQueries()).isEqualTo(3);
    assertThat(c.targetQueries()).isEqualTo(3);
    // range buckets of about 4 keys: the listing stays near the changed keys, far below the table's 9,000
    assertThat(c.keysListed()).isLessThan(40 * (gone + missing));
  }

  @Test
  void compare_moreDifferingBucketsThanRangeScans_listedByOneJoinToTheSameRows() {
    both("INSERT INTO mid SELECT i, 'v' || i FROM generate_series(1, 60000) i");
    src.execute("DELETE FROM mid WHERE id % 5 = 1");

    SyncResult r = sync("mid");

    assertThat(r.deleted()).isEqualTo(12000);
    assertThat(comparison.get().differingBuckets()).isGreaterThan(SyncDiff.RANGE_SCANS);
    assertSame("mid");
  }

  @Test
  void compare_smallintKeysAcrossZero_copiedAndDeleted() {
    both("INSERT INTO small SELECT i, 'v' FROM generate_series(-32768, 32767, 3) i");
    // the series holds the keys = 1 (mod 3); 32766 and -32767 are new
    src.execute("DELETE FROM small WHERE id BETWEEN -100 AND 100; INSERT INTO small VALUES (32766, 'top'), (-32767, 'bottom')");
    long gone = count(dst, "small", "id BETWEEN -100 AND 100");

    SyncResult r = sync("small");

    assertThat(r.inserted()).isEqualTo(2);
    assertThat(r.deleted()).isEqualTo(gone).isPositive();
    assertSame("small");
  }

  @Test
  void compare_keysAtBothEndsOfBigint_sparseKeysTakeHashBucketsAndMatch() {
    both("INSERT INTO big SELECT i, 'low' FROM generate_series(-9223372036854775808, -9223372036854774809) i");
    both("INSERT INTO big SELECT i, 'high' FROM generate_series(9223372036854774808, 9223372036854775807) i");
    src.execute("DELETE FROM big WHERE id % 7 = 0; INSERT INTO big VALUES (0, 'middle')");
    long gone = count(dst, "big", "id % 7 = 0");

    SyncResult r = sync("big");

    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.deleted()).isEqualTo(gone).isPositive();
    assertSame("big");
  }

  @Test
  void compare_denseKeysUpToBigintMax_lastBucketsBoundsDoNotOverflow() {
    both("INSERT INTO big SELECT i, 'v' FROM generate_series(9223372036854765808, 9223372036854775807) i");
    src.execute("DELETE FROM big WHERE id = 9223372036854775807 OR id % 13 = 0");
    dst.execute("DELETE FROM big WHERE id = 9223372036854775806");
    long gone = count(dst, "big", "id = 9223372036854775807 OR id % 13 = 0");

    SyncResult r = sync("big");

    assertThat(r.inserted()).isEqualTo(1); // 9223372036854775806, which the source kept
    assertThat(r.deleted()).isEqualTo(gone);
    assertSame("big");
  }

  @Test
  void compare_tablesDifferingInOneKey_shortCircuitMissesNothing() {
    both("INSERT INTO big SELECT i, 'v' FROM generate_series(1, 20000) i");
    src.execute("UPDATE big SET id = 20001 WHERE id = 10000"); // same count, one key differs

    SyncResult r = sync("big");

    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(comparison.get().differingBuckets()).isEqualTo(2);
    assertSame("big");
  }

  @Test
  void compare_equalTables_oneQueryPerSide() {
    both("INSERT INTO big SELECT i, 'v' FROM generate_series(-100, 20000) i");

    SyncResult r = sync("big");

    assertThat(r.inserted() + r.deleted()).isZero();
    assertThat(comparison.get()).isEqualTo(new KeyComparison(1, 1, 0, 0, 0));
  }

  private SyncResult syncStamped() {
    TableSync sync = new TableSync(TestTables.read(src, QualifiedName.of("public", "stamped")), null, SyncMode.TIMESTAMP,
        List.of("id", "v", "ts"), List.of("id"), "ts", true);
    SyncRun run = Syncer.builder().source(src::connect).target(dst::connect).batchSize(64).build().sync("test", List.of(sync), List.of());
    assertThat(run.tables().get(0).error()).isNull();
    return run.tables().get(0);
  }

  @Test
  void compare_rowsJustUpsertedWithFreshEstimates_bucketPassWithoutWholeTableSummaryFindsTheDeletes() {
    both("INSERT INTO stamped SELECT i, 'v', timestamptz '2020-01-01' + i * interval '1 s' FROM generate_series(1, 20000) i; ANALYZE stamped");
    syncStamped(); // records the mark
    src.execute("UPDATE stamped SET v = 'new', ts = now() WHERE id % 500 = 0; DELETE FROM stamped WHERE id % 333 = 7;"
        + " INSERT INTO stamped VALUES (30000, 'late', now())");
    long gone = count(dst, "stamped", "id % 333 = 7");
    long updated = count(src, "stamped", "v = 'new'");

    SyncResult r = syncStamped();

    assertThat(r.updated()).isEqualTo(updated).isPositive();
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.deleted()).isEqualTo(gone);
    assertSame("stamped");
  }

  @Test
  void compare_rowsJustUpsertedWithoutEstimates_fallsBackToTheSummaryAndMatches() {
    both("INSERT INTO stamped SELECT i, 'v', timestamptz '2020-01-01' + i * interval '1 s' FROM generate_series(-500, 5000) i");
    dst.execute("DELETE FROM stamped WHERE id < 0"); // and never analyzed: no row estimate
    src.execute("UPDATE stamped SET ts = now() WHERE id = 17; DELETE FROM stamped WHERE id BETWEEN 100 AND 120");

    SyncResult r = syncStamped();

    assertThat(r.deleted()).isEqualTo(21);
    assertSame("stamped");
  }

  @Test
  void rangeShift_widthsCoverTheSpanWithoutOverflow() {
    assertThat(SyncDiff.rangeShift(1, 1_000_000, 1_000_000)).isEqualTo(2); // 4 keys a bucket
    assertThat(SyncDiff.rangeShift(-10, 10, 21)).isEqualTo(2);
    assertThat(SyncDiff.rangeShift(5, 5, 1)).isZero();
    assertThat(SyncDiff.rangeShift(Long.MIN_VALUE, Long.MAX_VALUE, 2)).isEqualTo(SyncDiff.MAX_RANGE_SHIFT);
    assertThat(SyncDiff.rangeShift(1, 1L << 40, 1_000)).isGreaterThan(SyncDiff.MAX_RANGE_WIDTH_SHIFT); // sparse: hash buckets
  }
}
