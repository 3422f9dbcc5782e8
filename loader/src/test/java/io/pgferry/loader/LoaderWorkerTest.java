package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A load planned in one place and copied piece by piece by workers elsewhere (a distributed engine's readers):
 * every piece once, in any order and by any worker, and a piece handed out again after it committed is found in the
 * journal instead of being copied twice.
 */
class LoaderWorkerTest {
  @Test
  void worker_piecesInAnyOrderOnTwoWorkersAndOneTwice_everyRowOnce() {
    try (TestDatabase src = TestDatabase.create(PostgresServers.source(), "worker_src");
        TestDatabase dst = TestDatabase.create(PostgresServers.target(), "worker_dst")) {
      String ddl = "CREATE TABLE big (id int PRIMARY KEY, note text); CREATE TABLE small (k text PRIMARY KEY)";
      src.execute(ddl);
      TestTables.prepareTarget(dst, ddl);
      dst.execute(MarksInTarget.DDL);
      src.execute("INSERT INTO big SELECT g, repeat('n', g % 40) FROM generate_series(1, 30000) g;"
          + " INSERT INTO small SELECT 'k' || g FROM generate_series(1, 50) g");
      Table big = TestTables.withSize(TestTables.read(src, QualifiedName.of("public", "big")),
          Long.parseLong(src.scalar("SELECT pg_relation_size('big')")));
      List<TableLoad> loads = List.of(TableLoad.of(big), TableLoad.of(TestTables.read(src, QualifiedName.of("public", "small"))));
      Loader loader = Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst)).jobs(2)
          .chunkBytes(64 * 1024).journal(new MarksInTarget()).build();

      Loader.Planned planned = loader.plan(loads);
      assertThat(planned.pieces()).hasSizeGreaterThan(3).allMatch(p -> p.table().name().equals("big") ? p.count() > 1 : p.count() == 1);
      List<PieceSpec> shuffled = new ArrayList<>(planned.pieces());
      Collections.shuffle(shuffled, new java.util.Random(7));
      long rows = 0;
      try (Loader.Worker one = loader.worker(loads); Loader.Worker two = loader.worker(loads)) {
        for (int i = 0; i < shuffled.size(); i++) {
          PieceResult r = (i % 2 == 0 ? one : two).copy(shuffled.get(i));
          assertThat(r.already()).isFalse();
          rows += r.rows();
        }
        // handed out again (a reader failed after the commit): found in the journal, not copied
        PieceResult again = two.copy(shuffled.get(0));
        assertThat(again.already()).isTrue();
        assertThat(again.rows()).isEqualTo(Long.parseLong(dst.scalar("SELECT rows FROM marks WHERE tbl = '"
            + shuffled.get(0).table() + "' AND piece = " + shuffled.get(0).index())));
        assertThatThrownBy(() -> one.copy(new PieceSpec(QualifiedName.of("public", "gone"), 0, 1, null, false, false)))
            .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.CONFIG))
            .hasMessageContaining("does not hold");
      }
      assertThat(rows).isEqualTo(30050);
      assertThat(TableDigest.of(dst, "public.big")).isEqualTo(TableDigest.of(src, "public.big"));
      assertThat(TableDigest.of(dst, "public.small")).isEqualTo(TableDigest.of(src, "public.small"));
    }
  }
}
