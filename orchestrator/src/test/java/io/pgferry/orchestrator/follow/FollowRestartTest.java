package io.pgferry.orchestrator.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.RestartableServer;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The source restarts while follow streams: it connects again and goes on from the target's record, losing nothing. */
class FollowRestartTest {
  @Test
  void follow_sourceRestartedWhileStreaming_reconnectsAndTheTargetEqualsTheSource() throws Exception {
    try (RestartableServer server = RestartableServer.startLogical("follow-restart");
        TestDatabase source = TestDatabase.create(server.server(), "restart_src").execute("""
            CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL);
            INSERT INTO items SELECT g, 0 FROM generate_series(1, 2000) g;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "restart_dst")) {
      List<String> warnings = new CopyOnWriteArrayList<>();
      FollowRunner runner = new FollowRunner(new RunListener() {
        @Override
        public void warning(String message) {
          warnings.add(message);
        }
      });
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread follow = new Thread(() -> {
        try {
          runner.run(FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withJobs(2));
        } catch (Throwable t) {
          failed.set(t);
        }
      });
      follow.start();
      await(() -> "1".equals(target.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'pgferry' AND tablename = 'follow_state'")));
      write(source, 0, 100);
      server.restart(Duration.ofMillis(1500));
      write(source, 100, 200);
      String goal = source.scalar("SELECT pg_current_wal_lsn()::text");
      await(() -> "t".equals(target.scalar("SELECT (lsn >= '" + goal + "'::pg_lsn)::text::char FROM pgferry.follow_state")));
      runner.stop();
      follow.join(30_000);
      assertThat(failed.get()).isNull();
      assertThat(warnings).anyMatch(w -> w.startsWith("follow lost a connection"));
      assertThat(TableDigest.of(target, "public.items")).isEqualTo(TableDigest.of(source, "public.items"));
      new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withCleanup(true));
    }
  }

  private static void write(TestDatabase db, int from, int to) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (int i = from; i < to; i++) {
        s.execute("UPDATE items SET qty = qty + 1 WHERE id = " + (1 + i * 7 % 2000));
      }
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not reached within 90 s");
      }
      Thread.sleep(100);
    }
  }
}
