package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tables larger than the chunk size are copied as ctid page ranges by several workers, row for row. */
class ChunkedLoadTest {
  /** Every table of the tests below is larger than this, so each is split (into at most 4 × jobs chunks). */
  private static final long CHUNK = 8 * 1024;

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "chunk_src");
    dst = TestDatabase.create(PostgresServers.target(), "chunk_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private void both(String ddl) {
    src.execute(ddl);
    TestTables.prepareTarget(dst, ddl);
  }

  private Table sized(String schema, String name) {
    Table t = TestTables.read(src, QualifiedName.of(schema, name));
    return TestTables.withSize(t, Long.parseLong(src.scalar("SELECT pg_relation_size('" + schema + "." + name + "')")));
  }

  private Loader.Builder loader(int jobs) {
    return Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst)).jobs(jobs).chunkBytes(CHUNK);
  }

  private void assertSameRows(String quotedTable) {
    assertThat(TableDigest.of(dst, quotedTable)).as(quotedTable).isEqualTo(TableDigest.of(src, quotedTable));
  }

  @Test
  void load_tablesWithoutKeyCompositeKeyAndTextKey_splitAndIdenticalRowForRow() {
    both("""
        CREATE TABLE heap (v int, note text);
        CREATE TABLE composite (a int, b text, payload text, PRIMARY KEY (a, b));
        CREATE TABLE texty (k text PRIMARY KEY, n numeric)""");
    src.execute("""
        INSERT INTO heap SELECT g % 97, repeat('x', g % 50) FROM generate_series(1, 20000) g;
        INSERT INTO heap SELECT 1, 'duplicate' FROM generate_series(1, 500);
        INSERT INTO composite SELECT g / 10, md5(g::text), repeat('y', g % 30) FROM generate_series(1, 15000) g;
        INSERT INTO texty SELECT md5(g::text), g / 3.0 FROM generate_series(1, 12000) g;
        DELETE FROM heap WHERE v = 5;""");
    Map<String, Integer> finished = new ConcurrentHashMap<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void finished(TableResult r) {
        finished.merge(r.source().name(), 1, Integer::sum);
      }
    };
    LoadReport report = loader(3).progress(listener).build()
        .load(List.of(TableLoad.of(sized("public", "heap")), TableLoad.of(sized("public", "composite")),
            TableLoad.of(sized("public", "texty"))));

    assertSameRows("public.heap");
    assertSameRows("public.composite");
    assertSameRows("public.texty");
    assertThat(finished).containsOnly(Map.entry("heap", 1), Map.entry("composite", 1), Map.entry("texty", 1));
    assertThat(report.tables()).extracting(TableResult::rows)
        .containsExactlyInAnyOrder(Long.parseLong(src.scalar("SELECT count(*) FROM heap")), 15000L, 12000L);
    // Each chunk commits in its own transaction: more than one inserting transaction means the table was split.
    for (String t : List.of("heap", "composite", "texty")) {
      assertThat(Long.parseLong(dst.scalar("SELECT count(DISTINCT xmin::text) FROM " + t))).as(t).isGreaterThan(1);
    }
  }

  @Test
  void load_chunkedTable_oneTransactionPerPageRange() {
    both("CREATE TABLE big (id bigint, v text)");
    src.execute("INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 30000) g");
    loader(2).build().load(List.of(TableLoad.of(sized("public", "big"))));
    assertSameRows("public.big");
    // The ranges tile the pages: counting each range's rows on the source adds up to the table.
    long pages = Long.parseLong(src.scalar("SELECT pg_relation_size('big') / current_setting('block_size')::int"));
    int n = Chunks.count(Long.parseLong(src.scalar("SELECT pg_relation_size('big')")), CHUNK, 2);
    long sum = 0;
    for (String range : Chunks.ranges(pages, n)) {
      sum += Long.parseLong(src.scalar("SELECT count(*) FROM big WHERE " + range));
    }
    assertThat(n).isEqualTo(8);
    assertThat(sum).isEqualTo(30000);
    assertThat(dst.scalar("SELECT count(DISTINCT xmin::text) FROM big")).isEqualTo("8");
  }

  @Test
  void load_partitionsSplitWithWhereFilter_copiesExactlyTheMatchingRows() {
    both("""
        CREATE TABLE events (id bigint, region text, at date, body text) PARTITION BY LIST (region);
        CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
        CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us')""");
    src.execute("""
        INSERT INTO events SELECT g, CASE WHEN g % 3 = 0 THEN 'us' ELSE 'eu' END, date '2024-01-01' + g % 400,
          repeat('b', g % 40) FROM generate_series(1, 24000) g""");
    String where = "at >= date '2024-06-01' AND id % 7 <> 0";
    List<TableLoad> loads = List.of(
        TableLoad.of(TestTables.read(src, QualifiedName.of("public", "events"))),
        new TableLoad(sized("public", "events_eu"), null, where, Map.of()),
        new TableLoad(sized("public", "events_us"), null, where, Map.of()));

    LoadReport report = loader(2).build().load(loads);

    for (String p : List.of("events_eu", "events_us")) {
      String expected = src.scalar("SELECT count(*) FROM " + p + " WHERE " + where);
      assertThat(dst.scalar("SELECT count(*) FROM " + p)).as(p).isEqualTo(expected);
      assertThat(dst.scalar("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + p + " t"))
          .isEqualTo(src.scalar("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + p + " t WHERE " + where));
    }
    assertThat(report.tables()).hasSize(2);
  }

  @Test
  void load_withSnapshot_everyChunkSeesTheSameInstant() throws Exception {
    both("CREATE TABLE moving (id bigint, v text)");
    src.execute("INSERT INTO moving SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
    try (Connection holder = src.connect()) {
      String snapshot = Snapshots.export(holder);
      // Written after the snapshot: no chunk may see these changes, wherever their pages are.
      src.execute("DELETE FROM moving WHERE id % 2 = 0; INSERT INTO moving SELECT g, 'late' FROM generate_series(1, 5000) g");
      loader(2).snapshot(snapshot).build().load(List.of(TableLoad.of(sized("public", "moving"))));
      holder.rollback();
    }
    assertThat(dst.scalar("SELECT count(*) FROM moving")).isEqualTo("20000");
    assertThat(dst.scalar("SELECT count(*) FROM moving WHERE v = 'late'")).isEqualTo("0");
  }

  @Test
  void chunks_countAndRanges_coverEveryPageOnce() {
    assertThat(Chunks.count(100, 0, 4)).isEqualTo(1);
    assertThat(Chunks.count(100, 1000, 4)).isEqualTo(1);
    assertThat(Chunks.count(1000, 100, 1)).isEqualTo(1);
    assertThat(Chunks.count(250, 100, 2)).isEqualTo(3);
    assertThat(Chunks.count(1_000_000, 100, 2)).isEqualTo(8);
    assertThat(Chunks.ranges(10, 3)).containsExactly("ctid < '(4,0)'::tid", "ctid >= '(4,0)'::tid AND ctid < '(8,0)'::tid",
        "ctid >= '(8,0)'::tid");
  }

  @Test
  void load_shuffledColumnOnTableLargerThanChunk_copiedWholeSoValuesMoveAcrossTheTable() {
    both("CREATE TABLE people (id int PRIMARY KEY, salary int NOT NULL, pad text)");
    src.execute("INSERT INTO people SELECT g, g, repeat('p', 100) FROM generate_series(1, 20000) g");
    TableLoad load = new TableLoad(sized("public", "people"), null, null, Map.of("salary", new SourceSide.Shuffle("seed")));

    LoadReport report = loader(2).build().load(List.of(load));

    // One piece: the whole table was one query, so the shuffle could pair any row with any other.
    assertThat(report.tables()).hasSize(1);
    assertThat(dst.scalar("SELECT count(*) FROM people")).isEqualTo("20000");
    assertThat(dst.scalar("SELECT sum(salary) FROM people")).isEqualTo(src.scalar("SELECT sum(salary) FROM people"));
    // Split into page ranges of 8 kB (about 70 rows), a value could move at most a range away from its row;
    // a shuffle of the whole table moves most values much farther.
    assertThat(Long.parseLong(dst.scalar("SELECT count(*) FROM people WHERE abs(salary - id) > 1000"))).isGreaterThan(15000);
  }
}
