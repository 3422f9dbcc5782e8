package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.ChildJvm;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgferry follow killed with SIGKILL at random moments while the source is written to, and started again each
 * time: it goes on from the target's record, and after the last run (until caught up) the target equals the
 * source, with no change lost and none applied twice (an insert applied twice fails on the key; a lost one
 * shows in the digests). {@code -Dpgferry.followKills=N} kills more often (default 4).
 */
class CliFollowKillTest {
  @Test
  void follow_killedAtRandomMomentsAndStartedAgain_targetEqualsTheSource(@TempDir Path home) throws Exception {
    int kills = Integer.getInteger("pgferry.followKills", 4);
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "fkill_src").execute("""
            CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, note text);
            CREATE TABLE moves (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item_id int NOT NULL REFERENCES items, delta int);
            INSERT INTO items SELECT g, 0, 'item ' || g FROM generate_series(1, 5000) g;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "fkill_dst")) {
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer = new Thread(() -> write(source, writing));
      writer.start();
      Random r = new Random(42);
      try {
        for (int i = 0; i < kills; i++) {
          try (ChildJvm follow = ChildJvm.start(home, Main.class.getName(), List.of("follow", "-s", source.url(), "-t", target.url(), "-j", "2"))) {
            Thread.sleep(2500 + r.nextInt(2500)); // the first run's copy, then some streaming
            assertThat(follow.alive()).as(follow.output()).isTrue();
            follow.killHard();
          }
        }
        // SIGTERM stops it gracefully: after the transaction being applied, with its summary, and the record is usable
        try (ChildJvm follow = ChildJvm.start(home, Main.class.getName(), List.of("follow", "-s", source.url(), "-t", target.url()))) {
          Thread.sleep(3000);
          assertThat(follow.alive()).as(follow.output()).isTrue();
          follow.terminate();
          assertThat(follow.await(Duration.ofSeconds(60))).as(follow.output()).isEqualTo(143);
          assertThat(follow.output()).contains("going on from").containsPattern("transactions \\([0-9,]+ changes\\) applied up to");
        }
      } finally {
        writing.set(false);
        writer.join();
      }
      Cli.Result last = Cli.run(home, "follow", "-s", source.url(), "-t", target.url(), "--until-caught-up", "--json");
      assertThat(last.code()).as(last.err()).isZero();
      assertThat(last.out()).contains("\"caught_up\":true");
      for (String t : List.of("public.items", "public.moves")) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
      Cli.Result status = Cli.run(home, "status", "-t", target.url(), "-s", source.url());
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(status.out()).contains("follow of slot pgferry_follow from " + source.url() + ": applied up to ")
          .contains("replication slot pgferry_follow on the source: idle, keeps ").contains("pgferry follow --cleanup");
      Cli.Result json = Cli.run(home, "status", "-t", target.url(), "-s", source.url(), "--json");
      assertThat(json.out()).contains("\"follows\":[{\"slot\":\"pgferry_follow\"").contains("\"slots\":[{\"name\":\"pgferry_follow\",\"active\":false");
      Cli.Result cleanup = Cli.run(home, "follow", "-s", source.url(), "-t", target.url(), "--cleanup");
      assertThat(cleanup.code()).as(cleanup.err()).isZero();
      assertThat(cleanup.err()).contains("removed replication slot pgferry_follow, publication pgferry_follow");
      assertThat(source.scalar("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
      assertThat(Cli.run(home, "status", "-t", target.url(), "-s", source.url()).out()).contains("no pgferry replication slot on the source")
          .doesNotContain("follow of slot");
    }
  }

  /** Small transactions that move quantities and log each move, as fast as the source takes them. */
  private static void write(TestDatabase db, AtomicBoolean go) {
    Random r = new Random(7);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      while (go.get()) {
        int id = 1 + r.nextInt(5000);
        int delta = r.nextInt(21) - 10;
        s.execute("UPDATE items SET qty = qty + " + delta + " WHERE id = " + id);
        s.execute("INSERT INTO moves (item_id, delta) VALUES (" + id + ", " + delta + ")");
        if (r.nextInt(10) == 0) {
          s.execute("DELETE FROM moves WHERE id = (SELECT min(id) FROM moves)");
        }
        c.commit();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
