package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The first failure of a {@link ParallelApplier} is the one reported; it cancels what still runs on the other
 * lanes and the work after it runs no statement.
 */
class ParallelApplyFirstFailureTest {
  private static SqlStatement st(String sql) {
    return new SqlStatement(sql, "run: " + sql);
  }

  @Test
  void applyParallel_secondListFails_itsErrorReportedAndLaterListsSkipped() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "first_fail")) {
      List<String> done = new CopyOnWriteArrayList<>();
      try (ParallelApplier p = ParallelApplier.builder().connections(db::connect).lanes(1).build()) {
        p.submit(0, () -> p.apply(List.of(st("CREATE TABLE before_failure (a int)")), true));
        p.submit(0, () -> p.apply(List.of(st("CREATE TABLE rolled_back (a int)"), st("SELECT 1 / 0")), true));
        p.submit(0, () -> p.apply(List.of(st("SELECT * FROM missing_table")), true));
        p.submit(0, () -> {
          p.apply(List.of(st("CREATE TABLE after_failure (a int)")), true);
          done.add("bookkeeping of the skipped work");
        });
        p.await();
        assertThat(p.failure()).satisfies(e -> {
          assertThat(e.reason()).isEqualTo(ApplyException.Reason.STATEMENT_FAILED);
          assertThat(e.sqlState()).isEqualTo("22012");
          assertThat(e.statement().purpose()).isEqualTo("run: SELECT 1 / 0");
          assertThat(e.index()).isEqualTo(2);
          assertThat(e.getMessage()).contains("statement 2 of 2 (run: SELECT 1 / 0)", "division by zero", "rolled back");
        });
      }
      assertThat(done).containsExactly("bookkeeping of the skipped work");
      assertThat(db.query("SELECT relname FROM pg_class WHERE relname IN ('before_failure', 'rolled_back', 'after_failure')"))
          .containsExactly(List.of("before_failure"));
    }
  }

  @Test
  void applyParallel_failureWhileOtherLaneRuns_runningStatementCancelledAndFirstErrorKept() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "first_cancel")) {
      long t0 = System.nanoTime();
      try (ParallelApplier p = ParallelApplier.builder().connections(db::connect).lanes(2).build()) {
        p.submit(0, () -> p.apply(List.of(st("CREATE TABLE slow (a int)"), st("SELECT pg_sleep(60)")), true));
        while (!"1".equals(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND query = 'SELECT pg_sleep(60)' AND state = 'active'"))) {
          Thread.sleep(20);
        }
        p.submit(0, () -> p.apply(List.of(st("SELECT 1 / 0")), false));
        p.await();
        assertThat(p.failure().sqlState()).as("the first failure, not the cancel it caused").isEqualTo("22012");
      }
      assertThat(System.nanoTime() - t0).as("the sleep was cancelled").isLessThan(30_000_000_000L);
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'slow'")).isEqualTo("0");
    }
  }

  @Test
  void stop_beforeWork_nothingRunsAndReasonReported() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "first_stop")) {
      try (ParallelApplier p = ParallelApplier.builder().connections(db::connect).lanes(2).build()) {
        p.stop("stopped by the caller");
        p.apply(List.of(st("CREATE TABLE never (a int)")), true);
        p.stop("a later reason");
        assertThat(p.failure().reason()).isEqualTo(ApplyException.Reason.INTERRUPTED);
        assertThat(p.failure().getMessage()).isEqualTo("stopped by the caller");
      }
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'never'")).isEqualTo("0");
    }
  }
}
