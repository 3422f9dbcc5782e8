package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parallel seal builds small tables' keys and indexes several tables to a transaction (a transaction each
 * cost more than the builds with 10,000 tiny tables); a failure among them still names its statement and
 * leaves the target as it was.
 */
class CloneSealSmallTablesTest {
  private static final int TABLES = 120;

  private static String schema() {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= TABLES; i++) {
      sb.append("CREATE TABLE s").append(i).append(" (id int PRIMARY KEY, code text UNIQUE, name text);\n")
          .append("CREATE INDEX s").append(i).append("_name ON s").append(i).append(" (name);\n")
          .append("INSERT INTO s").append(i).append(" VALUES (1, 'a', 'x'), (2, 'b', 'y');\n");
    }
    return sb.toString();
  }

  private static CloneRunner runner() {
    return new CloneRunner(RunListener.SILENT, CloneTuning.builder().seal(CloneTuning.SealMode.PARALLEL)
        .parallelMaintenanceWorkers(0).build());
  }

  @Test
  void clone_manySmallTables_buildsSeveralTablesPerTransaction() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "small_seal_src").execute(schema());
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "small_seal_dst")) {
      runner().run(Endpoints.clone(source, target).toBuilder().jobs(2).build());

      String indexes = "SELECT string_agg(pg_get_indexdef(i.indexrelid), '; ' ORDER BY pg_get_indexdef(i.indexrelid))"
          + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace";
      assertThat(target.scalar(indexes)).isEqualTo(source.scalar(indexes));
      assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace"))
          .isEqualTo(Integer.toString(2 * TABLES));
      // an index's catalog row carries the id of the transaction that built it: one per table before, fewer once
      // tables wait for a lane (how many share one depends on timing)
      int transactions = Integer.parseInt(target.scalar("SELECT count(DISTINCT c.xmin::text) FROM pg_class c"
          + " WHERE c.relkind = 'i' AND c.relnamespace = 'public'::regnamespace"));
      assertThat(transactions).isLessThan(TABLES);
    }
  }

  @Test
  void clone_oneSmallTableKeyFails_errorNamesItAndTargetCleanedUp() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "small_fail_src").execute(schema());
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "small_fail_dst")) {
      // the same code for every row of one table in the middle: its unique key cannot be built
      CloneOptions o = Endpoints.clone(source, target).toBuilder().jobs(2)
          .transforms(List.of(new CloneOptions.ColumnRule("s57", "code", "sql", Map.of("expression", "'same'"), "test:1:1")))
          .build();

      assertThatThrownBy(() -> runner().run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
            assertThat(e.getMessage()).contains("s57_code_key", "public.s57", "SQLSTATE 23505", "rolled back")
                .doesNotContain("Batch entry");
          });
      assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'public'")).isEqualTo("0");
      assertThat(target.otherSessionsAfterClose()).isEqualTo("0");
    }
  }
}
