package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.resume.CloneJournal;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.FaultFixtures;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.RestartableServer;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A server restarted (fast shutdown, down for a moment, up again on the same port) while a clone runs: the source
 * during the load, the target while the seal builds indexes. A target restart is ridden out (every connection is
 * opened again); a source restart loses the exported snapshot, so the clone stops keeping what it committed, and
 * {@code --resume} finishes it. Either way the target ends equal to the source; it never ends half-built and
 * unrecorded.
 */
class CloneServerRestartTest {
  private static final String DATA = FaultFixtures.indexedTables(24, 20000);

  @Test
  void clone_sourceRestartedDuringLoad_resumedAndEqualsSource() throws Exception {
    try (RestartableServer server = RestartableServer.start("restartable-source")) {
      TestDatabase source = TestDatabase.create(server.server(), "restart_src").execute(DATA);
      try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "restart_dst")) {
        List<String> events = cloneAndRestart(source, target, server, target, c -> FaultFixtures.piecesDone(c) >= 3);
        assertThat(events).as("what happened").contains("restarted");
        assertEqualsSource(source, target);
      }
    }
  }

  @Test
  void clone_targetRestartedDuringSeal_resumedAndEqualsSource() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "restart_src2").execute(DATA);
        RestartableServer server = RestartableServer.start("restartable-target")) {
      TestDatabase target = TestDatabase.create(server.server(), "restart_dst2");
      List<String> events = cloneAndRestart(source, target, server, target, c -> sealActive(c, target.name()));
      // every target connection (the load's, the seal's and the run's own) is opened again: no resume needed
      assertThat(events).as("what happened").containsExactly("restarted", "completed");
      assertEqualsSource(source, target);
    }
  }

  /**
   * Runs the clone; when {@code when} holds on the target, restarts {@code server}. When the clone fails, its
   * record must be kept and a resume must finish it. Returns what happened, in order.
   */
  private static List<String> cloneAndRestart(TestDatabase source, TestDatabase target, RestartableServer server,
      TestDatabase watched, Predicate<Connection> when) throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread watcher = Thread.ofPlatform().start(() -> {
      while (!done.get()) {
        try (Connection c = watched.connect()) {
          while (!done.get()) {
            if (when.test(c)) {
              server.restart(Duration.ofMillis(700));
              events.add("restarted");
              return;
            }
            Thread.sleep(2);
          }
        } catch (Exception e) {
          // the watched server is the one restarted, or the record went away: look again
        }
      }
    });
    CloneOptions o = Endpoints.clone(source, target).toBuilder().jobs(2).build();
    CloneRunner runner = new CloneRunner(RunListener.SILENT, CloneTuning.builder().chunkBytes(512 * 1024).build());
    try {
      runner.run(o);
      events.add("completed");
    } catch (PgferryException e) {
      events.add("failed: " + e.getMessage());
      e.printStackTrace(System.out);
      done.set(true);
      watcher.join();
      try (Connection c = target.connect()) {
        assertThat(CloneJournal.find(c)).as("the record of the interrupted clone, after: %s", e.getMessage()).isNotNull();
      }
      runner.run(o.toBuilder().recovery(CloneOptions.Recovery.RESUME).build());
      events.add("resumed");
    } finally {
      done.set(true);
      watcher.join();
    }
    System.out.println("restart events: " + events);
    return events;
  }

  private static boolean sealActive(Connection c, String database) {
    try (var p = c.prepareStatement("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = ? AND application_name ="
        + " 'pgferry seal' AND state = 'active')")) {
      p.setString(1, database);
      try (var rs = p.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  private static void assertEqualsSource(TestDatabase source, TestDatabase target) {
    assertThat(DatabaseSnapshot.of(target)).isEqualTo(DatabaseSnapshot.of(source));
    for (String table : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, table)).as(table).isEqualTo(TableDigest.of(source, table));
    }
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgferry'")).isEqualTo("0");
  }
}
