package io.pgferry.orchestrator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.loader.SyncResult;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.connect.Endpoint;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.RestartableServer;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync whose table connections are terminated by the server mid-table (as a restart or a failover ends them):
 * the table is tried again on new connections, going on from the mark its committed batches recorded, and the run
 * reports it synced, with the target equal to the source. The connection holding the run's snapshot is idle, so
 * it is spared, as it would be by a failover of the other side. A target server restarted mid-table is ridden out
 * the same way, and the run's end is recorded on a new connection.
 */
class SyncLostConnectionTest {
  @TempDir Path home;
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "synclost_src").execute("""
        CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty integer, updated_at timestamptz NOT NULL);
        INSERT INTO items SELECT i, repeat(md5(i::text), 3), i % 1000, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 s'
        FROM generate_series(1, 80000) i;""");
    dst = TestDatabase.create(PostgresServers.target(), "synclost_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  @Test
  void sync_targetTableConnectionsTerminated_triedAgainAndEqualsSource() throws Exception {
    assertSyncedDespite(dst, 2);
  }

  @Test
  void sync_sourceTableConnectionsTerminated_triedAgainAndEqualsSource() throws Exception {
    assertSyncedDespite(src, 2);
  }

  @Test
  void sync_targetServerRestartedMidTable_completesAndEqualsSource() throws Exception {
    try (RestartableServer server = RestartableServer.start("restartable-sync-target")) {
      TestDatabase target = TestDatabase.create(server.server(), "synclost_restart");
      AtomicBoolean done = new AtomicBoolean();
      AtomicBoolean restarted = new AtomicBoolean();
      Thread watcher = Thread.ofPlatform().start(() -> {
        while (!done.get() && !restarted.get()) {
          try (Connection d = target.connect(); var batches = d.prepareStatement(
              "SELECT coalesce(max(batches), 0) FROM pgferry.sync_table WHERE status = 'running'")) {
            while (!done.get()) {
              try (var rs = batches.executeQuery()) {
                if (rs.next() && rs.getLong(1) >= 3) {
                  server.restart(Duration.ofMillis(700));
                  restarted.set(true);
                  return;
                }
              } catch (java.sql.SQLException e) {
                // the state tables do not exist yet
              }
              Thread.sleep(2);
            }
          } catch (Exception e) {
            // look again
          }
        }
      });
      SyncReport r;
      try {
        r = new SyncRunner(RunListener.SILENT).run(options(target));
      } finally {
        done.set(true);
        watcher.join();
      }
      assertThat(restarted).as("target restarted mid-table").isTrue();
      assertThat(r.tables()).extracting(SyncResult::status).containsOnly(SyncResult.Status.OK);
      assertThat(TableDigest.of(target, "public.items")).isEqualTo(TableDigest.of(src, "public.items"));
    }
  }

  private SyncOptions options(TestDatabase target) {
    Endpoint s = ConnectionSpec.resolve(ConnectionInput.ofUrl(src.url()), "SOURCE", Map.of(), home);
    Endpoint t = ConnectionSpec.resolve(ConnectionInput.ofUrl(target.url()), "TARGET", Map.of(), home);
    return SyncOptions.builder(s, t).jobs(1).batchSize(2000).build();
  }

  private void assertSyncedDespite(TestDatabase where, int times) throws Exception {
    SyncOptions o = options(dst);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger terminated = new AtomicInteger();
    Thread watcher = Thread.ofPlatform().start(() -> {
      try (Connection w = where.connect(); Connection d = dst.connect();
          var batches = d.prepareStatement("SELECT coalesce(max(batches), 0) FROM pgferry.sync_table WHERE status = 'running'");
          var kill = w.prepareStatement("""
              SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database()
                AND application_name = 'pgferry sync' AND state = 'active' AND pid <> pg_backend_pid()""")) {
        while (!done.get() && terminated.get() < times) {
          long n = 0;
          try (var rs = batches.executeQuery()) {
            n = rs.next() ? rs.getLong(1) : 0;
          } catch (java.sql.SQLException e) {
            // the state tables do not exist yet
          }
          if (n >= 3 * (terminated.get() + 1)) {
            try (var rs = kill.executeQuery()) {
              rs.next();
              terminated.addAndGet(Math.min(1, rs.getInt(1)));
            }
          }
          Thread.sleep(2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    SyncReport r;
    try {
      r = new SyncRunner(RunListener.SILENT).run(o);
    } finally {
      done.set(true);
      watcher.join();
    }
    assertThat(terminated.get()).as("table connections terminated").isPositive();
    assertThat(r.tables()).extracting(SyncResult::status).containsOnly(SyncResult.Status.OK);
    assertThat(TableDigest.of(dst, "public.items")).isEqualTo(TableDigest.of(src, "public.items"));
  }
}
