package io.pgferry.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.TableLoad;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.CloneTuning;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A clone on the Flink engine cancelled by interrupting its thread (what Ctrl-C and the wizard's Cancel do) while the
 * job copies: the job is cancelled, the clone stops with INTERRUPTED and removes what it created, and no load
 * connection is left writing into the target.
 */
class FlinkEngineCancelTest {
  @Test
  void clone_interruptedDuringTheFlinkLoad_cancelsTheJobAndLeavesTheTargetAsFound() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "flcan_src").execute(FlinkEngineCloneTest.SHOP + """
            INSERT INTO events SELECT g, 1 + g % 20000, 'more', jsonb_build_object('pad', repeat('z', 400))
              FROM generate_series(80001, 600000) g;
            ANALYZE events;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "flcan_dst").execute("CREATE TABLE mine (id int)")) {
      CountDownLatch copying = new CountDownLatch(1);
      RunListener listener = new RunListener() {
        @Override
        public ProgressListener loadProgress() {
          return new ProgressListener() {
            @Override
            public void progress(TableLoad load, long rows, long bytes) {
              copying.countDown(); // a piece has committed: the job runs
            }
          };
        }
      };
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CloneOptions o = FlinkEngineCloneTest.options(source, target).transforms(List.of()).schemaMap(java.util.Map.of("public", "migrated"))
          .engine("flink", null).build();
      Thread run = new Thread(() -> {
        try {
          new CloneRunner(listener, CloneTuning.builder().chunkBytes(1024 * 1024).build()).run(o);
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      run.start();
      assertThat(copying.await(120, TimeUnit.SECONDS)).as("the job copied a piece").isTrue();
      run.interrupt();
      run.join(120_000);
      assertThat(run.isAlive()).isFalse();
      assertThat(failure.get()).isInstanceOfSatisfying(PgferryException.class,
          e -> assertThat(e.code()).as(String.valueOf(e)).isEqualTo(PgferryException.Code.INTERRUPTED));
      assertThat(target.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
          + " ORDER BY 1")).containsExactly(List.of("public"));
      assertThat(target.query("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace")).containsExactly(List.of("mine"));
      assertThat(target.scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgferry load'")).isEqualTo("0");
    }
  }
}
