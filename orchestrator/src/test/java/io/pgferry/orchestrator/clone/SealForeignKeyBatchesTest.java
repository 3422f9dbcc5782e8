package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The parallel seal adds foreign keys in transactions of at most {@link ParallelSeal#ADD_BATCH} keys, queued on any
 * lane, instead of one transaction after another on one: at 10,000 tables every key is ready at the end, and one
 * lane adding them all left the other idle for seconds.
 */
class SealForeignKeyBatchesTest {
  private static final int TABLES = 100;

  @Test
  void clone_manyForeignKeysReadyAtOnce_addedInSmallTransactionsAndValid() {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= TABLES; i++) {
      sb.append("CREATE TABLE s").append(i).append(" (id int PRIMARY KEY, ref int);\n")
          .append("INSERT INTO s").append(i).append(" VALUES (1, 1), (2, 2);\n");
    }
    for (int i = 1; i <= TABLES; i++) {
      sb.append("ALTER TABLE s").append(i).append(" ADD FOREIGN KEY (ref) REFERENCES s").append(i * 31 % TABLES + 1).append(";\n");
    }
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "fk_batch_src").execute(sb.toString());
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "fk_batch_dst")) {
      new CloneRunner(RunListener.SILENT, CloneTuning.defaults()).run(Endpoints.clone(source, target).toBuilder().jobs(2).build());

      String keys = "SELECT string_agg(conrelid::regclass || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated, '; '"
          + " ORDER BY conrelid::regclass::text) FROM pg_constraint WHERE contype = 'f'";
      assertThat(target.scalar(keys)).isEqualTo(source.scalar(keys));
      // a constraint's catalog row carries the id of the transaction that added it
      int transactions = Integer.parseInt(target.scalar("SELECT count(DISTINCT xmin::text) FROM pg_constraint WHERE contype = 'f'"));
      assertThat(transactions).isGreaterThanOrEqualTo((TABLES + ParallelSeal.ADD_BATCH - 1) / ParallelSeal.ADD_BATCH);
    }
  }
}
