package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code TRUNCATE} + {@code COPY … FREEZE} for tables copied whole: the rows arrive frozen and (nearly all)
 * pages all-visible (ANALYZE reads the visibility map into {@code relallvisible}), so the target need not
 * rewrite them.
 */
class FreezeLoadTest {
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "freeze_src");
    dst = TestDatabase.create(PostgresServers.target(), "freeze_dst");
    String ddl = "CREATE TABLE f (id bigint, v text) WITH (autovacuum_enabled = off)";
    src.execute(ddl + "; INSERT INTO f SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
    TestTables.prepareTarget(dst, ddl);
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private Loader.Builder loader() {
    return Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst)).jobs(2);
  }

  private Table f(long size) {
    return TestTables.withSize(TestTables.read(src, QualifiedName.of("public", "f")), size);
  }

  /** {relpages, relallvisible} after ANALYZE. */
  private List<String> visibility() {
    dst.execute("ANALYZE f");
    return dst.query("SELECT relpages::text, relallvisible::text FROM pg_class WHERE oid = 'public.f'::regclass").get(0);
  }

  @Test
  void load_freeze_rowsIdenticalAndEveryPageAllVisible() {
    loader().freeze(true).build().load(List.of(TableLoad.of(f(1000))));

    assertThat(TableDigest.of(dst, "public.f")).isEqualTo(TableDigest.of(src, "public.f"));
    List<String> v = visibility();
    // COPY FREEZE marks the pages it fills in one batch all-visible; a few pages at batch edges stay unmarked.
    assertThat(Long.parseLong(v.get(0))).isPositive();
    assertThat(Long.parseLong(v.get(1))).isGreaterThan(Long.parseLong(v.get(0)) * 3 / 4);
  }

  @Test
  void load_withoutFreeze_noPageAllVisible() {
    loader().build().load(List.of(TableLoad.of(f(1000))));

    assertThat(TableDigest.of(dst, "public.f")).isEqualTo(TableDigest.of(src, "public.f"));
    assertThat(visibility().get(1)).isEqualTo("0");
  }

  @Test
  void load_freezeOnTableWithRows_truncatesThemFirst() {
    dst.execute("INSERT INTO f VALUES (-1, 'left over from an earlier attempt')");

    loader().freeze(true).build().load(List.of(TableLoad.of(f(1000))));

    assertThat(TableDigest.of(dst, "public.f")).isEqualTo(TableDigest.of(src, "public.f"));
  }

  @Test
  void load_freezeWithChunkedTable_chunksCopiedWithoutFreezeAndComplete() {
    loader().freeze(true).chunkBytes(4096).build().load(List.of(TableLoad.of(f(1_000_000))));

    assertThat(TableDigest.of(dst, "public.f")).isEqualTo(TableDigest.of(src, "public.f"));
    assertThat(visibility().get(1)).isEqualTo("0");
  }
}
