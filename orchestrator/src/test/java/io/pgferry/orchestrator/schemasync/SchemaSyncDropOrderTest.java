package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plain drops (--preserve none) of tables that other objects still need until they are dropped or released. */
class SchemaSyncDropOrderTest {
  private static void syncAndCheck(String oldSql, String newSql) {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdo_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdo_dst")) {
      SchemaPairs.load(target, "app", oldSql);
      SchemaPairs.load(source, "app", newSql);
      SchemaSyncOptions o = SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withSchemas("app", "app")
          .withPreserve(DiffOptions.Preserve.NONE).withAllowHazards(Set.of("all")).withClock(SchemaPairs.CLOCK);
      SchemaSyncReport r = new SchemaSyncRunner(RunListener.SILENT).run(o);
      assertThat(SchemaSnapshot.of(target, "app")).as(r.script()).isEqualTo(SchemaSnapshot.of(source, "app"));
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(o).identical()).isTrue();
    }
  }

  @Test
  void none_droppedTableOwnsAKeptSequence_sequenceReleasedBeforeTheDrop() {
    syncAndCheck("CREATE SEQUENCE \"foobar sequence\" START 10; CREATE TABLE \"some foobar\" (\"some id\" bigint);"
        + " ALTER SEQUENCE \"foobar sequence\" OWNED BY \"some foobar\".\"some id\"; SELECT nextval('\"foobar sequence\"');",
        "CREATE SEQUENCE \"foobar sequence\" START 10;");
  }

  @Test
  void none_droppedColumnOwnsASequenceMovedToAnotherTable_sequenceKept() {
    syncAndCheck("CREATE SEQUENCE s; CREATE TABLE a (id int, n bigint); CREATE TABLE b (id int); ALTER SEQUENCE s OWNED BY a.n;",
        "CREATE SEQUENCE s; CREATE TABLE a (id int); CREATE TABLE b (id int); ALTER SEQUENCE s OWNED BY b.id;");
  }

  @Test
  void none_droppedTableWithRoutinesAndDomainOnItsRowType_dependentsDroppedFirst() {
    syncAndCheck("CREATE TABLE keep (id int); CREATE TABLE gone (id int PRIMARY KEY, v text);"
        + " CREATE FUNCTION gone_label(g gone) RETURNS text LANGUAGE sql AS $$ SELECT g.v $$;"
        + " CREATE DOMAIN gone_row AS gone CHECK ((VALUE).id > 0);"
        + " CREATE FUNCTION first_id(d gone_row) RETURNS int LANGUAGE sql AS $$ SELECT (d).id $$;",
        "CREATE TABLE keep (id int);");
  }

  @Test
  void none_droppedTableStillReferencedFromTheKeptOne_foreignKeyGoesFirst() {
    syncAndCheck("CREATE TABLE gone (id int PRIMARY KEY); CREATE TABLE keep (id int, g int REFERENCES gone);",
        "CREATE TABLE keep (id int);");
  }
}
