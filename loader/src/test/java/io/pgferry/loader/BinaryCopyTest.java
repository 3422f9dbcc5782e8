package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Binary COPY where every column type allows it, text otherwise (user types in arrays, transformed tables). */
class BinaryCopyTest {
  private static final String DDL = """
      CREATE TYPE mood AS ENUM ('ok', 'sad');
      CREATE TABLE builtin (id bigint, n numeric(12,3), r real, d double precision, b boolean, t text, vc varchar(20),
        ch char(3), by bytea, u uuid, dt date, ts timestamp(3), tz timestamptz, iv interval, j json, jb jsonb, ip inet,
        ci cidr, mac macaddr, ta text[], ia int[][], rg int4range, tv tsvector, bits bit(4), m mood);
      CREATE TABLE moods (id int, ms mood[])""";
  private static final Predicate<String> SAFE = t -> BinaryTypes.builtin(t) || t.equals("public.mood");

  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "binary_src");
    dst = TestDatabase.create(PostgresServers.target(), "binary_dst");
    src.execute(DDL + """
        ;
        INSERT INTO builtin SELECT g, CASE WHEN g % 50 = 0 THEN 'NaN' ELSE g * 1.125 END, g / 3.0, g / 7.0, g % 2 = 0,
          E'tab\\there ' || g, 'v' || g, 'c' || (g % 10), decode(md5(g::text), 'hex'), md5(g::text)::uuid,
          CASE WHEN g = 1 THEN 'infinity'::date ELSE date '2024-02-29' + g END, timestamp '2024-01-01 00:00:00.123' + g * interval '1 s',
          CASE WHEN g = 2 THEN '-infinity'::timestamptz ELSE timestamptz '2024-03-31 02:30+02' + g * interval '1 min' END,
          make_interval(days => g, secs => g / 10.0), json_build_object('g', g), jsonb_build_object('k', g, 'a', ARRAY[g, NULL]),
          ('10.0.' || (g % 256) || '.1')::inet, '192.168.0.0/24', '08:00:2b:01:02:03', ARRAY['x', NULL, g::text],
          ARRAY[[g, 2], [3, NULL]], int4range(g, g + 10), to_tsvector('simple', 'a quick ' || g), (g % 16)::bit(4),
          CASE WHEN g % 3 = 0 THEN NULL WHEN g % 2 = 0 THEN 'ok'::mood ELSE 'sad' END
        FROM generate_series(1, 3000) g;
        INSERT INTO builtin (id) VALUES (0);
        INSERT INTO moods SELECT g, ARRAY['ok', 'sad']::mood[] FROM generate_series(1, 100) g""");
    TestTables.prepareTarget(dst, DDL);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private Loader.Builder loader() {
    return Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst));
  }

  private Table table(String name) {
    return TestTables.read(src, QualifiedName.of("public", name));
  }

  @Test
  void load_builtinTypesAndEnum_binaryRowsIdenticalToSource() {
    LoadReport binary = loader().binary(SAFE).build().load(List.of(TableLoad.of(table("builtin"))));
    assertThat(TableDigest.of(dst, "public.builtin")).isEqualTo(TableDigest.of(src, "public.builtin"));

    dst.execute("TRUNCATE builtin");
    LoadReport text = loader().build().load(List.of(TableLoad.of(table("builtin"))));
    assertThat(TableDigest.of(dst, "public.builtin")).isEqualTo(TableDigest.of(src, "public.builtin"));
    // Same rows, other bytes on the wire: the first load really was binary.
    assertThat(binary.rows()).isEqualTo(text.rows()).isEqualTo(3001);
    assertThat(binary.bytes()).isNotEqualTo(text.bytes());
  }

  @Test
  void progress_binaryTable_countsRowsNotTheTrailer() {
    java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void progress(TableLoad load, long rows, long bytes) {
        last.set(rows);
      }
    };
    // every row reported: the clock moves a second at each reading
    long[] clock = {0};
    loader().binary(SAFE).progress(listener).nanoTime(() -> clock[0] += 1_000_000_000L).build()
        .load(List.of(TableLoad.of(table("builtin"))));
    assertThat(last.get()).as("rows on the progress line").isEqualTo(3001);
  }

  @Test
  void load_enumArrayColumn_fallsBackToTextAndCopies() {
    LoadReport r = loader().binary(SAFE).build().load(List.of(TableLoad.of(table("moods"))));
    assertThat(TableDigest.of(dst, "public.moods")).isEqualTo(TableDigest.of(src, "public.moods"));
    assertThat(r.rows()).isEqualTo(100);
  }

  @Test
  void load_transformedTable_copiedAsTextThroughTheTransformer() {
    Table t = table("builtin");
    RowTransformer constant = (value, row) -> "hidden"; // what the anonymizer's constant transformer does
    loader().binary(SAFE).build().load(List.of(new TableLoad(t, null, null, Map.of("t", constant))));
    assertThat(dst.scalar("SELECT count(*) FROM builtin WHERE t = 'hidden'")).isEqualTo("3001");
    assertThat(dst.scalar("SELECT md5(string_agg(n::text || by::text || tz::text || jb::text, ',' ORDER BY id)) FROM builtin"))
        .isEqualTo(src.scalar("SELECT md5(string_agg(n::text || by::text || tz::text || jb::text, ',' ORDER BY id)) FROM builtin"));
  }

  @Test
  void builtin_formatTypeSpellings_builtInsAndTheirArraysOnly() {
    assertThat(List.of("integer", "numeric(10,2)", "character varying(20)[]", "timestamp(3) with time zone", "\"char\"",
        "bit varying(8)", "text[][]")).allMatch(BinaryTypes::builtin);
    assertThat(List.of("public.mood", "public.mood[]", "\"My Schema\".addr", "app.domain_int", "hstore", "public.citext"))
        .noneMatch(BinaryTypes::builtin);
  }
}
