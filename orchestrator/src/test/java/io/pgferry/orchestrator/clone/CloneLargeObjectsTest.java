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

/** Large objects are data: each arrives under its OID with its bytes, owner, grants and comment, or not at all. */
class CloneLargeObjectsTest {
  private static final String ROLE = "DO $$ BEGIN CREATE ROLE lo_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$";

  private static final String SOURCE = """
      CREATE TABLE docs (id int PRIMARY KEY, blob oid);
      INSERT INTO docs VALUES (1, lo_from_bytea(4242, 'hello'));
      -- larger than three chunks, so it is copied in pieces
      INSERT INTO docs SELECT 2, lo_from_bytea(0, decode(string_agg(md5(g::text), ''), 'hex'))
        FROM generate_series(1, 200000) g;
      INSERT INTO docs VALUES (3, lo_create(0));
      COMMENT ON LARGE OBJECT 4242 IS 'greeting';
      ALTER LARGE OBJECT 4242 OWNER TO lo_owner;
      GRANT SELECT ON LARGE OBJECT 4242 TO PUBLIC;
      CREATE TABLE parent (id int PRIMARY KEY);
      CREATE TABLE child (id int, parent_id int REFERENCES parent);
      INSERT INTO parent SELECT generate_series(1, 10);
      INSERT INTO child SELECT g, g FROM generate_series(1, 10) g""";

  private static final String OBJECTS = """
      SELECT m.oid::text, md5(lo_get(m.oid)), length(lo_get(m.oid))::text, pg_get_userbyid(m.lomowner),
             coalesce(m.lomacl::text, ''), coalesce(obj_description(m.oid, 'pg_largeobject'), '')
      FROM pg_largeobject_metadata m JOIN docs d ON d.blob = m.oid ORDER BY d.id""";

  @Test
  void clone_largeObjects_sameOidsBytesOwnersGrantsAndComments() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "lo_src").execute(ROLE).execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "lo_dst").execute(ROLE)) {
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target).toBuilder().privileges(true).owners(true).build());
      List<List<String>> objects = source.query(OBJECTS);
      assertThat(objects).hasSize(3);
      assertThat(Long.parseLong(objects.get(1).get(2))).isGreaterThan(3L * LargeObjects.CHUNK);
      assertThat(target.query(OBJECTS)).isEqualTo(objects);
    }
  }

  @Test
  void clone_sealFails_largeObjectsRemovedAgain() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "lo_fail_src").execute(ROLE).execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "lo_fail_dst")) {
      CloneOptions all = Endpoints.clone(source, target);
      CloneOptions o = all.toBuilder().tables(List.of(new CloneOptions.TableRule("parent", "id <= 5", "test:1:1"))).build();
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o)).isInstanceOf(PgferryException.class)
          .hasMessageContaining("child_parent_id_fkey");
      assertThat(target.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("0");
    }
  }

  @Test
  void clone_targetUsesOneOfTheOids_refusedAndNothingChanged() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "lo_taken_src").execute(ROLE).execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "lo_taken_dst").execute("SELECT lo_from_bytea(4242, 'mine')")) {
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.TARGET_CONFLICT);
            assertThat(e.getMessage()).contains("large object 4242");
          });
      assertThat(target.scalar("SELECT convert_from(lo_get(4242), 'UTF8')")).isEqualTo("mine");
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE relname = 'docs'")).isEqualTo("0");
    }
  }
}
