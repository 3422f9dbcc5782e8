package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.LockBudget;
import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A seal transaction that fails with a transient error (deadlock, serialization failure, lock timeout) is run
 * again, a bounded number of times with growing waits; any other error, or the last try, stops the seal.
 */
class CloneSealRetryTest {
  /**
   * Raises {@code state} on the first {@code failures} calls. A sequence counts the calls, since it is not
   * rolled back with the failed transaction.
   */
  private static String flaky(int failures, String state) {
    return """
        CREATE SEQUENCE calls;
        CREATE FUNCTION flaky() RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('calls') <= %d THEN RAISE EXCEPTION 'induced' USING ERRCODE = '%s'; END IF;
          RETURN 1;
        END $$""".formatted(failures, state);
  }

  private static SealPlan objects(String... sql) {
    return new SealPlan(List.of(), List.of(), java.util.Arrays.stream(sql).map(s -> new SqlStatement(s, "object: " + s)).toList());
  }

  private static ParallelSeal seal(TestDatabase db, SealPlan plan, List<Long> waits) {
    return new ParallelSeal(plan, db::connect, 2, CloneTuning.defaults(), new LockBudget(1000), Thread.ofVirtual().factory(), null)
        .withSleeper(waits::add);
  }

  @Test
  void seal_deadlockTwice_transactionRunAgainAndCompleted() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "retry_ok").execute(flaky(2, "40P01"))) {
      List<Long> waits = new CopyOnWriteArrayList<>();
      try (ParallelSeal seal = seal(db, objects("CREATE TABLE before_flaky (a int)", "SELECT flaky()", "CREATE TABLE after_flaky (a int)"),
          waits)) {
        seal.finish();
        assertThat(seal.retries()).isEqualTo(2);
      }
      assertThat(waits).containsExactly(50L, 100L);
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('before_flaky', 'after_flaky')")).isEqualTo("2");
    }
  }

  @Test
  void seal_serializationFailureEveryTime_stopsAfterLastTryWithSqlState() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "retry_out").execute(flaky(100, "40001"))) {
      List<Long> waits = new CopyOnWriteArrayList<>();
      try (ParallelSeal seal = seal(db, objects("CREATE TABLE before_flaky (a int)", "SELECT flaky()"), waits)) {
        assertThatThrownBy(seal::finish).isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
          assertThat(e.getMessage()).contains("object: SELECT flaky()", "SQLSTATE 40001");
        });
      }
      assertThat(waits).containsExactly(50L, 100L, 200L);
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'before_flaky'")).isEqualTo("0");
    }
  }

  @Test
  void seal_otherError_notRunAgain() {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "retry_no").execute(flaky(100, "23505"))) {
      List<Long> waits = new CopyOnWriteArrayList<>();
      try (ParallelSeal seal = seal(db, objects("SELECT flaky()"), waits)) {
        assertThatThrownBy(seal::finish).isInstanceOf(PgferryException.class).hasMessageContaining("SQLSTATE 23505");
        assertThat(seal.retries()).isZero();
      }
      assertThat(waits).isEmpty();
      assertThat(db.scalar("SELECT last_value FROM calls")).isEqualTo("1");
    }
  }
}
