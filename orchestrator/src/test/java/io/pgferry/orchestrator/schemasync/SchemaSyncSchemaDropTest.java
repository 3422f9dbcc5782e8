package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A schema the source does not have, when the whole database is compared: dropped after its contents, kept
 * while it holds the backups of its tables, never touched when only named schemas are compared.
 */
class SchemaSyncSchemaDropTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void create() {
    source = TestDatabase.create(PostgresServers.source(), "sdd_src");
    target = TestDatabase.create(PostgresServers.target(), "sdd_dst");
    SchemaPairs.load(target, "app", "CREATE TABLE keep (id int PRIMARY KEY); INSERT INTO keep VALUES (1);");
    // Cross-kind and cross-schema dependents: a foreign key into the kept schema and one back from it, a
    // routine and a domain on the table's row type, a view, an enum, an owned and a free sequence.
    SchemaPairs.load(target, "gone", """
        CREATE TYPE mood AS ENUM ('ok', 'sad');
        CREATE SEQUENCE free_seq;
        CREATE TABLE t (id serial PRIMARY KEY, k int REFERENCES app.keep, n bigint DEFAULT nextval('free_seq'));
        INSERT INTO t (k) VALUES (1);
        CREATE FUNCTION t_label(x t) RETURNS text LANGUAGE sql AS $$ SELECT x.id::text $$;
        CREATE DOMAIN t_row AS t CHECK ((VALUE).id > 0);
        CREATE VIEW v AS SELECT id, t_label(t) AS label FROM t;
        CREATE FUNCTION plain() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;""");
    target.execute("ALTER TABLE app.keep ADD COLUMN g int REFERENCES gone.t (id)");
    SchemaPairs.load(target, "empty_gone", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE TYPE e AS ENUM ('a');");
    SchemaPairs.load(source, "app", "CREATE TABLE keep (id int PRIMARY KEY);");
  }

  @AfterEach
  void drop() {
    source.close();
    target.close();
  }

  private SchemaSyncOptions options(DiffOptions.Preserve p) {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withPreserve(p)
        .withAllowHazards(java.util.Set.of("all")).withClock(SchemaPairs.CLOCK);
  }

  private List<List<String>> schemas(TestDatabase db) {
    return db.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1");
  }

  @Test
  void none_schemasMissingFromSource_droppedAfterTheirContents() {
    SchemaSyncReport r = new SchemaSyncRunner(RunListener.SILENT).run(options(DiffOptions.Preserve.NONE));
    assertThat(r.plan().hazards()).anyMatch(h -> h.id().equals("gone:drop-schema") && h.kind().label().equals("data-loss"));
    assertThat(schemas(target)).isEqualTo(schemas(source));
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(SchemaSnapshot.of(source, "app"));
    assertThat(target.query("SELECT id FROM app.keep")).containsExactly(List.of("1"));
    assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(options(DiffOptions.Preserve.NONE)).identical()).isTrue();
  }

  @Test
  void backup_schemaHoldingTablesMissingFromSource_keptWithTheBackupsOthersDropped() {
    new SchemaSyncRunner(RunListener.SILENT).run(options(DiffOptions.Preserve.BACKUP));
    assertThat(schemas(target)).containsExactly(List.of("app"), List.of("gone"), List.of("public"));
    assertThat(target.query("SELECT k FROM gone.bak_t_" + SchemaPairs.STAMP)).containsExactly(List.of("1"));
    SchemaSyncReport again = new SchemaSyncRunner(RunListener.SILENT).run(options(DiffOptions.Preserve.BACKUP));
    assertThat(again.identical()).as(again.script()).isTrue();
  }

  @Test
  void namedSchemas_schemaMissingFromSource_leftAlone() {
    new SchemaSyncRunner(RunListener.SILENT).run(options(DiffOptions.Preserve.NONE).withSchemas("app", "app"));
    assertThat(schemas(target)).containsExactly(List.of("app"), List.of("empty_gone"), List.of("gone"), List.of("public"));
    assertThat(target.query("SELECT count(*) FROM gone.t")).containsExactly(List.of("1"));
  }
}
