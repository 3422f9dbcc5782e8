package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.TableLoad;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clone cancelled by interrupting the thread that runs it (what the wizard's Cancel does): it stops with
 * INTERRUPTED and removes what it created, so the target is as it was found.
 */
class CloneCancelTest {
  private static TestDatabase source;

  @BeforeAll
  static void big() {
    source = TestDatabase.create(PostgresServers.source(), "cancel_src").execute("""
        CREATE TABLE big (id int PRIMARY KEY, v text);
        INSERT INTO big SELECT g, md5(g::text) || md5((g + 1)::text) FROM generate_series(1, 1500000) g;
        CREATE TABLE small (id int PRIMARY KEY, big_id int REFERENCES big);
        INSERT INTO small SELECT g, g FROM generate_series(1, 1000) g;
        ANALYZE;
        """);
  }

  @AfterAll
  static void drop() {
    source.close();
  }

  @Test
  void clone_threadInterruptedDuringTheLoad_stopsAndLeavesTheTargetAsFound() throws Exception {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "cancel_dst").execute("CREATE TABLE mine (id int)")) {
      CountDownLatch loading = new CountDownLatch(1);
      List<String> warnings = new CopyOnWriteArrayList<>();
      RunListener listener = new RunListener() {
        @Override
        public void warning(String message) {
          warnings.add(message);
        }

        @Override
        public ProgressListener loadProgress() {
          return new ProgressListener() {
            @Override
            public void progress(TableLoad load, long rows, long bytes) {
              if (rows > 100_000) {
                loading.countDown();
              }
            }
          };
        }
      };
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread run = new Thread(() -> {
        try {
          new CloneRunner(listener, CloneTuning.defaults()).run(Endpoints.clone(source, target).toBuilder().jobs(2)
              .schemaMap(java.util.Map.of("public", "migrated")).build());
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      run.start();
      assertThat(loading.await(60, TimeUnit.SECONDS)).as("the load started").isTrue();
      run.interrupt();
      run.join(60_000);
      assertThat(run.isAlive()).isFalse();
      assertThat(failure.get()).isInstanceOf(PgferryException.class);
      assertThat(((PgferryException) failure.get()).code()).as("%s; warnings: %s", failure.get(), warnings)
          .isEqualTo(PgferryException.Code.INTERRUPTED);
      assertThat(target.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
          + " ORDER BY 1")).as("warnings: %s", warnings).containsExactly(List.of("public"));
      assertThat(target.query("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace")).containsExactly(List.of("mine"));
    }
  }
}
