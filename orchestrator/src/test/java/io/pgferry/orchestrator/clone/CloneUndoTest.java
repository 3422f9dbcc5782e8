package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed clone removes every kind of object it created, and its own error is the one the user sees. */
class CloneUndoTest {
  /** Everything a run could leave behind in the target, printed by the server. */
  private static final String EVERYTHING = """
      SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
      UNION ALL SELECT 'extension ' || extname FROM pg_extension
      UNION ALL SELECT 'relation ' || oid::regclass::text FROM pg_class WHERE oid >= 16384
      UNION ALL SELECT 'routine ' || oid::regprocedure::text FROM pg_proc WHERE oid >= 16384
      UNION ALL SELECT 'type ' || oid::regtype::text FROM pg_type WHERE oid >= 16384
      ORDER BY 1""";

  /** Parent keeps half its rows, so the child's foreign key fails in the seal, after everything else was created. */
  private static final String SOURCE = """
      CREATE SCHEMA ext;
      CREATE EXTENSION citext SCHEMA ext;
      CREATE TABLE ext.word (w ext.citext PRIMARY KEY);
      CREATE FUNCTION dummy(int) RETURNS int LANGUAGE sql AS 'SELECT 1';
      CREATE AGGREGATE cnt(*) (SFUNC = dummy, STYPE = int);
      COMMENT ON AGGREGATE cnt(*) IS 'counts';
      CREATE TABLE parent (id int PRIMARY KEY);
      CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
      INSERT INTO ext.word VALUES ('a'), ('B');
      INSERT INTO parent SELECT generate_series(1, 100);
      INSERT INTO child SELECT g, 1 + g % 100 FROM generate_series(1, 200) g""";

  @Test
  void clone_zeroArgumentAggregateWithOwnerAndComment_created() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "undo_agg_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "undo_agg_dst")) {
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target).toBuilder().privileges(true).owners(true).build());
      String agg = "SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner), obj_description(p.oid, 'pg_proc')"
          + " FROM pg_proc p WHERE p.proname = 'cnt'";
      assertThat(target.query(agg)).isEqualTo(source.query(agg)).hasSize(1);
      assertThat(target.scalar("SELECT count(*) FROM ext.word WHERE w OPERATOR(ext.=) 'b'")).isEqualTo("1");
    }
  }

  @Test
  void clone_sealFailsWithExtensionSchemaAndZeroArgumentAggregate_targetExactlyAsBefore() {
    for (CloneTuning.SealMode mode : CloneTuning.SealMode.values()) {
      try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "undo_src").execute(SOURCE);
          TestDatabase target = TestDatabase.create(PostgresServers.target(), "undo_dst")) {
        List<List<String>> before = target.query(EVERYTHING);
        CloneOptions o = withParentFilter(Endpoints.clone(source, target).toBuilder().privileges(true).owners(true).build());
        CloneTuning tuning = CloneTuning.builder().seal(mode).build();
        assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT, tuning).run(o))
            .as(mode.toString())
            .isInstanceOfSatisfying(PgferryException.class, e -> {
              assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL);
              assertThat(e.getMessage()).contains("child_parent_id_fkey", "SQLSTATE 23503");
              assertThat(e.getSuppressed()).isEmpty();
            });
        assertThat(target.query(EVERYTHING)).as(mode.toString()).isEqualTo(before);
      }
    }
  }

  private static CloneOptions withParentFilter(CloneOptions o) {
    return o.toBuilder().tables(List.of(new CloneOptions.TableRule("parent", "id <= 50", "test:1:1"))).build();
  }
}
