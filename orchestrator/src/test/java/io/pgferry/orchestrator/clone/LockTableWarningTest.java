package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.TargetGuard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** One-transaction phases warn before they outgrow the target's lock table. */
class LockTableWarningTest {
  @Test
  void lockTableWarning_belowAndAboveCapacity_warnsOnlyAboveWithASetting() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "locks"); Connection c = db.connect()) {
      long capacity = Long.parseLong(db.scalar("SELECT current_setting('max_locks_per_transaction')::int8 * "
          + "(current_setting('max_connections')::int8 + current_setting('max_prepared_transactions')::int8)"));
      assertThat(TargetGuard.lockTableWarning(c, "base", capacity)).isNull();
      assertThat(TargetGuard.lockTableWarning(c, "seal", capacity * 3))
          .startsWith("the seal phase takes about " + capacity * 3 + " locks in one transaction")
          .contains("set max_locks_per_transaction to at least " + (64 * 3 + 64));
    }
  }
}
