package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A foreign key to a partitioned table has a constraint per referenced partition; adding the key NOT VALID
 * and validating it afterwards left those NOT VALID (found by the random-schema test, seed 102).
 */
class CloneForeignKeyToPartitionedTest {
  private static final String SOURCE = """
      CREATE TYPE region AS ENUM ('eu', 'us', 'ap');
      CREATE TABLE p (id integer NOT NULL, r region NOT NULL, PRIMARY KEY (id, r)) PARTITION BY LIST (r);
      CREATE TABLE p_eu PARTITION OF p FOR VALUES IN ('eu');
      CREATE TABLE p_us PARTITION OF p FOR VALUES IN ('us');
      CREATE TABLE p_def PARTITION OF p DEFAULT;
      CREATE TABLE c (id integer PRIMARY KEY, pid integer, pr region);
      ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid, pr) REFERENCES p (id, r);
      INSERT INTO p VALUES (1, 'eu'), (2, 'us'), (3, 'ap');
      INSERT INTO c VALUES (1, 1, 'eu'), (2, 2, 'us'), (3, 3, 'ap')""";

  private static final String KEYS = "SELECT conname || ' ' || convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1";

  @Test
  void clone_foreignKeyToPartitionedTable_everyConstraintValidAsInSource() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "fkpart_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "fkpart_dst")) {
      new CloneRunner(RunListener.SILENT, CloneTuning.defaults(), 0).run(Endpoints.clone(source, target));
      assertThat(target.query(KEYS)).isEqualTo(source.query(KEYS)).hasSizeGreaterThan(1);
    }
  }
}
