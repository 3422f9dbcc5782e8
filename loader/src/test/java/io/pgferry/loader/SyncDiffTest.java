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

/** The hash-bucket key comparison behind --delete and append mode, on the two embedded servers. */
class SyncDiffTest {
  private static final String DDL = """
      CREATE TABLE logs (id bigint PRIMARY KEY, msg text);
      CREATE TABLE words (lang text, word text, n integer, PRIMARY KEY (lang, word));
      """;
  private static final String FILL = "INSERT INTO logs SELECT i, 'log ' || i FROM generate_series(1, 20000) i";

  private TestDatabase src;
  private TestDatabase dst;
  private final AtomicReference<KeyComparison> comparison = new AtomicReference<>();

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "diff_src").execute(DDL);
    dst = TestDatabase.create(PostgresServers.target(), "diff_dst").execute(DDL);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private SyncResult sync(String table, List<String> columns, List<String> key, int batch, SyncDiff.Limits limits) {
    SyncListener record = new SyncListener() {
      @Override
      public void keysCompared(TableSync t, KeyComparison c) {
        comparison.set(c);
      }
    };
    TableSync sync = new TableSync(TestTables.read(src, QualifiedName.of("public", table)), null, SyncMode.APPEND, columns, key, null,
        true);
    SyncRun run = Syncer.builder().source(src::connect).target(dst::connect).batchSize(batch).listener(record).diffLimits(limits)
        .build().sync("test", List.of(sync), List.of());
    assertThat(run.tables()).hasSize(1);
    assertThat(run.tables().get(0).error()).isNull();
    return run.tables().get(0);
  }

  private SyncResult logs(int batch, SyncDiff.Limits limits) {
    return sync("logs", List.of("id", "msg"), List.of("id"), batch, limits);
  }

  private void assertSame(String table) {
    assertThat(TableDigest.of(dst, table)).as(table).isEqualTo(TableDigest.of(src, table));
  }

  private long count(TestDatabase db, String where) {
    return Long.parseLong(db.scalar("SELECT count(*) FROM logs WHERE " + where));
  }

  @Test
  void compare_scatteredChangesInManyBucketsTinyBatch_rowForRowInThreeQueriesPerSide() {
    src.execute(FILL);
    dst.execute(FILL + "; INSERT INTO logs SELECT i, 'extra' FROM generate_series(30001, 30050) i");
    src.execute("DELETE FROM logs WHERE id % 37 = 0");
    dst.execute("DELETE FROM logs WHERE id % 101 = 5");
    long gone = count(dst, "id % 37 = 0 OR id > 30000");
    long missing = count(src, "id % 101 = 5");

    SyncResult r = logs(16, SyncDiff.Limits.DEFAULT);

    assertThat(r.deleted()).isEqualTo(gone);
    assertThat(r.inserted()).isEqualTo(missing);
    assertThat(r.batches()).isGreaterThanOrEqualTo((gone + 15) / 16 + (missing + 15) / 16); // never more than 16 rows a transaction
    assertSame("logs");
    KeyComparison c = comparison.get();
    assertThat(c.sourceQueries()).isEqualTo(3); // whole table, every bucket, the keys of all differing buckets
    assertThat(c.targetQueries()).isEqualTo(3);
    assertThat(c.differingBuckets()).isGreaterThan(500);
    assertThat(c.keysListed()).isLessThan(2 * 20000);
  }

  @Test
  void compare_tinyMemoryLimits_resumesAndChunksToTheSameRows() {
    src.execute(FILL);
    dst.execute(FILL);
    src.execute("DELETE FROM logs WHERE id % 53 = 1; INSERT INTO logs SELECT i, 'new' FROM generate_series(40001, 40100) i");

    SyncResult r = logs(100, new SyncDiff.Limits(7, 3, 40));

    assertThat(r.deleted()).isEqualTo(20000 - count(src, "id <= 20000"));
    assertThat(r.inserted()).isEqualTo(100);
    assertSame("logs");
    KeyComparison c = comparison.get();
    assertThat(c.sourceQueries()).isGreaterThan(1 + 400 / 7); // a bucket pass per 7 differing buckets, listings of at most 3
    assertThat(c.differingBuckets()).isGreaterThanOrEqualTo(400 / 20);
  }

  @Test
  void compare_hashBucketsWithTinyMemoryLimits_resumeAndChunkToTheSameRows() {
    // composite text keys take hash buckets: a resumed bucket pass filters on the bucket id, not on a key
    String fill = "INSERT INTO words SELECT l, w || i, i FROM unnest(ARRAY['en', 'de', 'x y', 'q\"t', '']) l,"
        + " unnest(ARRAY['plain', 'a,b', '{br}', 'quote''s', 'ü ñ']) w, generate_series(1, 40) i";
    src.execute(fill);
    dst.execute(fill);
    src.execute("DELETE FROM words WHERE n % 9 = 2; INSERT INTO words SELECT 'new', 'w' || i, i FROM generate_series(1, 30) i");
    long gone = Long.parseLong(dst.scalar("SELECT count(*) FROM words WHERE n % 9 = 2"));

    SyncResult r = sync("words", List.of("lang", "word", "n"), List.of("lang", "word"), 16, new SyncDiff.Limits(7, 3, 40));

    assertThat(r.deleted()).isEqualTo(gone);
    assertThat(r.inserted()).isEqualTo(30);
    assertSame("words");
    KeyComparison c = comparison.get();
    assertThat(c.differingBuckets()).isGreaterThan(14);
    // the whole-table summary, then a bucket pass per 7 differing buckets (each listed in chunks of at most 3)
    assertThat(c.sourceQueries()).isGreaterThanOrEqualTo(1 + c.differingBuckets() / 7 + c.differingBuckets() / 3);
    assertThat(c.targetQueries()).isEqualTo(c.sourceQueries());
  }

  @Test
  void compare_nothingChanged_oneQueryPerSide() {
    src.execute(FILL);
    dst.execute(FILL);

    SyncResult r = logs(100, SyncDiff.Limits.DEFAULT);

    assertThat(r.deleted() + r.inserted()).isZero();
    assertThat(comparison.get()).isEqualTo(new KeyComparison(1, 1, 0, 0, 0));
  }

  @Test
  void compare_compositeTextKeysWithQuotesCommasAndBraces_deletedAndCopiedExactly() {
    String fill = "INSERT INTO words SELECT l, w || i, i FROM unnest(ARRAY['en', 'de', 'x y', 'q\"t', '']) l,"
        + " unnest(ARRAY['plain', 'a,b', '{br}', 'back\\\\slash', 'quote''s', 'ü ñ', '(p)', 'NULL']) w, generate_series(1, 40) i";
    src.execute(fill);
    dst.execute(fill);
    src.execute("DELETE FROM words WHERE n % 7 = 3; INSERT INTO words VALUES ('zz', 'new,\"one\"', 1), ('', '', 2)");
    dst.execute("DELETE FROM words WHERE n % 11 = 4 AND lang <> ''; INSERT INTO words VALUES ('only', 'target{}', 3)");

    SyncResult r = sync("words", List.of("lang", "word", "n"), List.of("lang", "word"), 16, SyncDiff.Limits.DEFAULT);

    assertThat(r.deleted()).isPositive();
    assertThat(r.inserted()).isPositive();
    assertSame("words");
  }
}
