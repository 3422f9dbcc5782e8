package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A list failing with an error its {@link Applier.Retry} names runs again, with doubling waits, as many times
 * as allowed; a list of several statements outside a transaction never (the first ones were kept).
 */
class ParallelApplyRetryTest {
  /** Raises {@code state} on the first {@code failures} calls; the sequence is not rolled back with the transaction. */
  private static String flaky(int failures, String state) {
    return """
        CREATE SEQUENCE calls;
        CREATE FUNCTION flaky() RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('calls') <= %d THEN RAISE EXCEPTION 'induced' USING ERRCODE = '%s'; END IF;
          RETURN 1;
        END $$""".formatted(failures, state);
  }

  private static ParallelApplier applier(TestDatabase db, List<Long> waits) {
    Applier a = Applier.builder().retry(new Applier.Retry(Set.of("40P01"), 3, Duration.ofMillis(10))).sleeper(waits::add).build();
    return ParallelApplier.builder().applier(a).connections(db::connect).lanes(2).build();
  }

  @Test
  void applyParallel_deadlockTwice_listRunAgainAfterGrowingWaitsAndCommitted() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "retry_par").execute(flaky(2, "40P01"))) {
      List<Long> waits = new CopyOnWriteArrayList<>();
      try (ParallelApplier p = applier(db, waits)) {
        p.apply(List.of(new SqlStatement("CREATE TABLE kept (a int)", "create kept"), new SqlStatement("SELECT flaky()", "flaky")), true);
        assertThat(p.failure()).isNull();
        assertThat(p.retries()).isEqualTo(2);
      }
      assertThat(waits).containsExactly(10L, 20L);
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'kept'")).isEqualTo("1");
    }
  }

  @Test
  void applyParallel_deadlockInSeveralStatementsWithoutTransaction_notRunAgain() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "retry_auto").execute(flaky(1, "40P01"))) {
      List<Long> waits = new CopyOnWriteArrayList<>();
      try (ParallelApplier p = applier(db, waits)) {
        p.apply(List.of(new SqlStatement("CREATE TABLE kept_alone (a int)", "create kept_alone"),
            new SqlStatement("SELECT flaky()", "flaky")), false);
        assertThat(p.failure().sqlState()).isEqualTo("40P01");
        assertThat(p.failure().getMessage()).contains("statement 2 of 2 (flaky)", "the statements before it were kept");
        assertThat(p.retries()).isZero();
      }
      assertThat(waits).isEmpty();
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'kept_alone'")).isEqualTo("1");
    }
  }
}
