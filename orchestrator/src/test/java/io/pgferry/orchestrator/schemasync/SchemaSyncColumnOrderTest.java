package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A column the source has in the middle: appended by default, with a remark; with the table's column-order hazard
 * allowed, the table is rebuilt in the source's order and keeps its rows, identity and serial positions, the
 * foreign keys that point at it, its views and triggers.
 */
class SchemaSyncColumnOrderTest {
  private static final String OLD = """
      CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n serial, b text NOT NULL, gone text,
        parent int REFERENCES t, CHECK (b <> ''));
      CREATE INDEX t_b ON t (b);
      CREATE TABLE child (id int PRIMARY KEY, t_id int REFERENCES t);
      CREATE VIEW v AS SELECT id, b FROM t;
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.b := upper(NEW.b); RETURN NEW; END';
      CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
      COMMENT ON TABLE t IS 'the table';
      INSERT INTO t (b, gone, parent) VALUES ('x', 'g1', NULL), ('y', 'g2', 1), ('z', 'g3', 2);
      DELETE FROM t WHERE id = 3;
      INSERT INTO child VALUES (1, 1), (2, 2);""";
  private static final String NEW = """
      CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int NOT NULL DEFAULT 7, n serial, b text NOT NULL,
        parent int REFERENCES t, CHECK (b <> ''));
      CREATE INDEX t_b ON t (b);
      CREATE TABLE child (id int PRIMARY KEY, t_id int REFERENCES t);
      CREATE VIEW v AS SELECT id, b FROM t;
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.b := upper(NEW.b); RETURN NEW; END';
      CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
      COMMENT ON TABLE t IS 'the table';""";

  @Test
  void schemaSync_columnOrderNotAllowed_appendsAndSaysHowToRebuild() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sco_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sco_dst")) {
      SchemaPairs.load(target, "app", OLD);
      SchemaPairs.load(source, "app", NEW);
      SchemaSyncReport report = new SchemaSyncRunner(RunListener.SILENT).run(options(source, target, Set.of("app.t.gone:drop-column")));
      assertThat(columns(target)).containsExactly("id", "n", "b", "parent", "a");
      assertThat(report.plan().remarks()).singleElement().asString().contains("app.t:column-order");
      assertThat(report.script()).contains("app.t:column-order");
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(options(source, target, Set.of())).identical()).isTrue();
    }
  }

  @Test
  void schemaSync_columnOrderAllowed_rebuildsInSourceOrderKeepingRowsAndDependents() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sco_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sco_dst")) {
      SchemaPairs.load(target, "app", OLD);
      SchemaPairs.load(source, "app", NEW);
      List<String> before = target.query("SELECT id, n, b, parent FROM app.t ORDER BY id").stream().map(Object::toString).toList();
      new SchemaSyncRunner(RunListener.SILENT).run(options(source, target, Set.of("app.t:column-order")));
      assertThat(columns(target)).containsExactly("id", "a", "n", "b", "parent");
      assertThat(target.query("SELECT id, n, b, parent FROM app.t ORDER BY id").stream().map(Object::toString).toList()).isEqualTo(before);
      assertThat(target.scalar("SELECT string_agg(a::text, ',') FROM app.t")).isEqualTo("7,7");
      // the identity continues after the deleted row 3, the serial after its last value
      assertThat(target.query("INSERT INTO app.t (b) VALUES ('w') RETURNING id, n, b").get(0)).containsExactly("4", "4", "W");
      assertThat(target.scalar("SELECT count(*) FROM app.v")).isEqualTo("3");
      assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'app.child'::regclass AND contype = 'f'"
          + " AND confrelid = 'app.t'::regclass AND convalidated")).isEqualTo("1");
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 't_old%' OR relname LIKE 'bak_%'")).isEqualTo("0");
      assertThat(SchemaPairs.snapshot(target, "app")).isEqualTo(SchemaPairs.snapshot(source, "app"));
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(options(source, target, Set.of("all"))).identical()).isTrue();
    }
  }

  @Test
  void schemaSync_columnOrderRebuildDropsColumnUnderBackup_keepsOldTableWithItsValues() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sco_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sco_dst")) {
      SchemaPairs.load(target, "app", OLD);
      SchemaPairs.load(source, "app", NEW);
      new SchemaSyncRunner(RunListener.SILENT).run(options(source, target, Set.of("all")).withPreserve(DiffOptions.Preserve.BACKUP));
      assertThat(columns(target)).containsExactly("id", "a", "n", "b", "parent");
      assertThat(target.scalar("SELECT string_agg(gone, ',' ORDER BY id) FROM app.bak_t_" + SchemaPairs.STAMP)).isEqualTo("g1,g2");
      assertThat(SchemaPairs.snapshot(target, "app")).isEqualTo(SchemaPairs.snapshot(source, "app"));
    }
  }

  private static SchemaSyncOptions options(TestDatabase source, TestDatabase target, Set<String> allowed) {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withPreserve(DiffOptions.Preserve.NONE)
        .withAllowHazards(allowed).withClock(SchemaPairs.CLOCK);
  }

  private static List<String> columns(TestDatabase db) {
    return db.query("SELECT attname FROM pg_attribute WHERE attrelid = 'app.t'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")
        .stream().map(r -> r.get(0)).toList();
  }
}
