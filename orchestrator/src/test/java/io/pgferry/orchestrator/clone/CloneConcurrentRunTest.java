package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.FaultFixtures;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second run into a database a clone is still writing: a {@code --resume} (which would copy the pieces the live
 * run is copying, twice), an {@code --abort} (which would drop what it writes) or a new clone is refused while the
 * first holds its claim on the target; the first completes untouched.
 */
class CloneConcurrentRunTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "concurrent_src").execute(FaultFixtures.indexedTables(12, 40000));
    target = TestDatabase.create(PostgresServers.target(), "concurrent_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void secondRun_whileTheFirstClones_refusedAndTheFirstCompletes() throws Exception {
    CloneOptions o = Endpoints.clone(source, target).toBuilder().jobs(2).build();
    // the first run waits at the start of its load (recorded, base DDL committed) until the others were tried
    CountDownLatch atLoad = new CountDownLatch(1);
    CountDownLatch tried = new CountDownLatch(1);
    RunListener pausing = new RunListener() {
      @Override
      public void phaseStarted(String phase, String detail) {
        if (phase.equals("load")) {
          atLoad.countDown();
          try {
            tried.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    CompletableFuture<CloneReport> first = CompletableFuture.supplyAsync(
        () -> new CloneRunner(pausing, CloneTuning.builder().chunkBytes(256 * 1024).build()).run(o));
    assertThat(atLoad.await(60, TimeUnit.SECONDS)).as("the first clone reached its load").isTrue();
    try (Connection c = target.connect()) {
      assertThat(recorded(c)).as("the first clone's record").isTrue();
    }
    for (CloneOptions.Recovery r : CloneOptions.Recovery.values()) {
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT, CloneTuning.defaults()).run(o.toBuilder().recovery(r).build()))
          .as("a second run with %s", r).isInstanceOfSatisfying(PgferryException.class,
              e -> assertThat(e.code()).isEqualTo(PgferryException.Code.TARGET_CONFLICT))
          .hasMessageContaining("another pgferry clone is running into this database");
    }
    tried.countDown();
    first.join();
    assertThat(DatabaseSnapshot.of(target)).isEqualTo(DatabaseSnapshot.of(source));
    for (String table : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, table)).as(table).isEqualTo(TableDigest.of(source, table));
    }
  }

  private static boolean recorded(Connection c) {
    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT to_regclass('pgferry.clone_piece') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }
}
