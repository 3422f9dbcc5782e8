package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.ChildJvm;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source transaction larger than follow's heap: 250,000 rows of 1 KB (about 250 MB of values) followed in a JVM of
 * 96 MB. Held whole until its commit, it would not fit; follow sends it in parts within one target transaction, with
 * small transactions before and after it in the same stream, and the target ends equal to the source.
 */
class CliFollowLargeTransactionTest {
  @Test
  void follow_transactionLargerThanTheHeap_appliedInPartsAndEqual(@TempDir Path home) throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "flarge_src").execute("""
            CREATE TABLE small (id int PRIMARY KEY, v int NOT NULL);
            CREATE TABLE big (id int PRIMARY KEY, pad text NOT NULL);
            INSERT INTO small SELECT g, 0 FROM generate_series(1, 100) g;
            """);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "flarge_dst")) {
      List<String> follow = List.of("follow", "-s", source.url(), "-t", target.url(), "--until-caught-up");
      List<String> heap = List.of("-Xmx96m");
      try (ChildJvm first = ChildJvm.start(home, heap, Main.class.getName(), follow)) {
        assertThat(first.await(Duration.ofMinutes(2))).as(first.output()).isEqualTo(0);
      }
      for (int i = 1; i <= 20; i++) {
        source.execute("UPDATE small SET v = v + 1 WHERE id = " + i);
      }
      source.execute("INSERT INTO big SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 250000) g");
      for (int i = 21; i <= 40; i++) {
        source.execute("UPDATE small SET v = v + 1 WHERE id = " + i);
      }
      source.execute("UPDATE big SET pad = 'x' WHERE id % 1000 = 0");
      try (ChildJvm second = ChildJvm.start(home, heap, Main.class.getName(), follow)) {
        assertThat(second.await(Duration.ofMinutes(5))).as(second.output()).isEqualTo(0);
        assertThat(second.output()).doesNotContain("OutOfMemoryError");
      }
      assertThat(target.scalar("SELECT count(*) FROM big")).isEqualTo("250000");
      assertThat(TableDigest.of(target, "public.big")).isEqualTo(TableDigest.of(source, "public.big"));
      assertThat(TableDigest.of(target, "public.small")).isEqualTo(TableDigest.of(source, "public.small"));
      try (ChildJvm cleanup = ChildJvm.start(home, Main.class.getName(), List.of("follow", "-s", source.url(), "-t", target.url(), "--cleanup"))) {
        assertThat(cleanup.await(Duration.ofMinutes(1))).as(cleanup.output()).isEqualTo(0);
      }
    }
  }
}
