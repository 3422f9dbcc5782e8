package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Work submitted to a {@link ParallelApplier} runs on at most its lanes' connections, every list to the end. */
class ParallelApplyLanesTest {
  @Test
  void applyParallel_twentyListsOnFourLanes_allCommittedOnAtMostFourConnections() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "lanes").execute("CREATE TABLE ran (pid int, n int)")) {
      try (ParallelApplier p = ParallelApplier.builder().connections(db::connect).lanes(4).build()) {
        for (int i = 0; i < 20; i++) {
          List<SqlStatement> list = List.of(
              new SqlStatement("CREATE TABLE t" + i + " (a int)", "create t" + i),
              new SqlStatement("INSERT INTO ran SELECT pg_backend_pid(), " + i + " FROM pg_sleep(0.05)", "note t" + i));
          p.submit(i, () -> p.apply(list, true));
        }
        p.await();
        assertThat(p.failure()).isNull();
      }
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname ~ '^t[0-9]+$' AND relkind = 'r'")).isEqualTo("20");
      assertThat(db.scalar("SELECT count(DISTINCT n) FROM ran")).isEqualTo("20");
      assertThat(Integer.parseInt(db.scalar("SELECT count(DISTINCT pid) FROM ran"))).isBetween(1, 4);
    }
  }
}
