package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.FaultFixtures;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections of a running clone terminated by the server (an administrator's pg_terminate_backend, as a restart
 * or a failover does to them): the piece or seal statements in flight run again on new connections, and the clone
 * completes equal to the source. Nothing is mocked: the servers end the backends.
 */
class CloneLostConnectionTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "lost_src").execute(FaultFixtures.indexedTables(30, 15000));
    target = TestDatabase.create(PostgresServers.target(), "lost_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_sourceLoadConnectionsTerminated_retriedAndEqualsSource() throws Exception {
    int killed = cloneWhileTerminating(source, "pgferry load", 2) + cloneCheck();
    assertThat(killed).as("source load backends terminated").isPositive();
  }

  @Test
  void clone_targetLoadConnectionsTerminated_retriedAndEqualsSource() throws Exception {
    int killed = cloneWhileTerminating(target, "pgferry load", 2) + cloneCheck();
    assertThat(killed).as("target load backends terminated").isPositive();
  }

  @Test
  void clone_sealConnectionsTerminated_retriedAndEqualsSource() throws Exception {
    int killed = cloneWhileTerminating(target, "pgferry seal", 2) + cloneCheck();
    assertThat(killed).as("seal backends terminated").isPositive();
  }

  private int cloneCheck() {
    assertThat(DatabaseSnapshot.of(target)).isEqualTo(DatabaseSnapshot.of(source));
    for (String table : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, table)).as(table).isEqualTo(TableDigest.of(source, table));
    }
    return 0;
  }

  /**
   * Runs the clone while a watcher terminates, in database {@code where}, up to {@code times}
   * backends named {@code application} while they run a statement; returns how many it terminated.
   */
  private int cloneWhileTerminating(TestDatabase where, String application, int times) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger terminated = new AtomicInteger();
    Thread watcher = Thread.ofPlatform().start(() -> {
      try (var c = where.connect(); var st = c.prepareStatement("""
          SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = ?
            AND state = 'active' AND pid <> pg_backend_pid() LIMIT 1) x""")) {
        st.setString(1, where.name());
        st.setString(2, application);
        while (!done.get() && terminated.get() < times) {
          try (var rs = st.executeQuery()) {
            rs.next();
            if (rs.getInt(1) > 0) {
              terminated.incrementAndGet();
              Thread.sleep(150); // let the retry start before the next one
            }
          }
          Thread.sleep(2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      CloneOptions o = Endpoints.clone(source, target).toBuilder().jobs(2).build();
      new CloneRunner(RunListener.SILENT, CloneTuning.builder().chunkBytes(256 * 1024).build()).run(o);
    } finally {
      done.set(true);
      watcher.join();
    }
    return terminated.get();
  }
}
