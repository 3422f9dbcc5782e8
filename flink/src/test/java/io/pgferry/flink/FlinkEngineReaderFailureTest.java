package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.CloneTuning;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A reader that fails in the middle of the load (its target connections are cut after some pieces have committed):
 * Flink restarts the readers and hands their pieces out again; those that had committed are found in the clone's
 * record and not copied twice, the others are copied whole. The target ends equal to the source, row for row.
 */
class FlinkEngineReaderFailureTest {
  @Test
  void clone_readersLoseTheirConnectionsAfterSomePieces_restartedAndEveryRowOnce() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "flf_src").execute(FlinkEngineCloneTest.SHOP + """
            INSERT INTO events SELECT g, 1 + g % 20000, 'more', jsonb_build_object('n', g, 'pad', repeat('y', 300))
              FROM generate_series(80001, 400000) g;
            ANALYZE events;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "flf_dst")) {
      AtomicInteger cut = new AtomicInteger();
      Thread saboteur = new Thread(() -> {
        // once three pieces are committed, end every load connection of the target: the pieces in flight fail
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
          try {
            if (Integer.parseInt(target.scalar("SELECT CASE WHEN to_regclass('pgferry.clone_piece') IS NULL THEN 0"
                + " ELSE (SELECT count(*) FROM pgferry.clone_piece WHERE done) END")) >= 3) {
              cut.set(Integer.parseInt(target.scalar("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                  + " WHERE application_name = 'pgferry load' AND datname = current_database()")));
              if (cut.get() > 0) {
                return;
              }
            }
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            // the database is busy being cloned into: ask again
          }
        }
      });
      saboteur.start();
      CloneReport report;
      try {
        report = new CloneRunner(RunListener.SILENT, CloneTuning.builder().chunkBytes(1024 * 1024).build())
            .run(FlinkEngineCloneTest.options(source, target).transforms(List.of()).engine("flink", null).build());
      } finally {
        saboteur.interrupt();
        saboteur.join();
      }
      assertThat(cut.get()).as("load connections were cut during the load").isPositive();
      for (String t : FlinkEngineCloneTest.TABLES) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
      assertThat(report.tables().stream().mapToLong(r -> r.rows()).sum()).isEqualTo(433500);
    }
  }
}
