package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** A child of two parents joins their inheritance trees into one seal group, parents' keys before the child's. */
class CloneMultipleInheritanceTest {
  @Test
  void clone_childOfTwoTrees_parallelSealBuildsEveryKeyAndEqualsSource() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "minh_src").execute("""
            CREATE TABLE a (id int PRIMARY KEY, x text);
            CREATE TABLE a1 (y int) INHERITS (a);
            CREATE TABLE b (code text UNIQUE);
            CREATE TABLE b1 (z int) INHERITS (b);
            CREATE TABLE ab (w int PRIMARY KEY) INHERITS (a, b);
            CREATE TABLE ab1 () INHERITS (ab, b1);
            INSERT INTO a VALUES (1, 'a'); INSERT INTO a1 VALUES (2, 'a1', 2); INSERT INTO b VALUES ('b');
            INSERT INTO ab VALUES (3, 'ab', 'c', 3); INSERT INTO ab1 VALUES (4, 'ab1', 'd', 4, 5)""");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "minh_dst")) {
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
      assertThat(SchemaSnapshot.of(target, "public")).isEqualTo(SchemaSnapshot.of(source, "public"));
      assertThat(target.scalar("SELECT string_agg(id::text, ',' ORDER BY id) FROM a")).isEqualTo("1,2,3,4");
    }
  }
}
