package io.pgferry.orchestrator.schemasync;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What happens to the data of dropped tables and columns under each --preserve mode. */
class SchemaSyncPreserveTest {
  private static final String STAMP = SchemaPairs.STAMP;
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void create() {
    source = TestDatabase.create(PostgresServers.source(), "sdp_src");
    target = TestDatabase.create(PostgresServers.target(), "sdp_dst");
    SchemaPairs.load(target, "app", """
        CREATE TABLE keep (id int PRIMARY KEY, name text NOT NULL, secret text NOT NULL DEFAULT 's');
        INSERT INTO keep VALUES (1, 'a', 'x1'), (2, 'b', 'x2');
        CREATE TABLE nokey (a int, b text); INSERT INTO nokey VALUES (1, 'one'), (2, 'two');
        CREATE TABLE gone (id int PRIMARY KEY, v text); INSERT INTO gone VALUES (7, 'seven');""");
    SchemaPairs.load(source, "app", "CREATE TABLE keep (id int PRIMARY KEY, name text NOT NULL); CREATE TABLE nokey (a int);");
  }

  @AfterEach
  void drop() {
    source.close();
    target.close();
  }

  private SchemaSyncReport sync(DiffOptions.Preserve p) {
    return new SchemaSyncRunner(RunListener.SILENT).run(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET"))
        .withPreserve(p).withClock(SchemaPairs.CLOCK));
  }

  private boolean identicalAfterwards() {
    return new SchemaSyncRunner(RunListener.SILENT).diff(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")))
        .identical();
  }

  @Test
  void backup_droppedTableAndColumns_dataKeptInBakTablesWithKeys() {
    sync(DiffOptions.Preserve.BACKUP);
    assertThat(target.query("SELECT * FROM app.bak_gone_" + STAMP)).containsExactly(List.of("7", "seven"));
    assertThat(target.query("SELECT * FROM app.bak_keep_secret_" + STAMP + " ORDER BY 1")).containsExactly(List.of("1", "x1"), List.of("2", "x2"));
    assertThat(target.query("SELECT * FROM app.bak_nokey_b_" + STAMP + " ORDER BY 1")).containsExactly(List.of("1", "one"), List.of("2", "two"));
    assertThat(target.query("SELECT id, name FROM app.keep ORDER BY 1")).containsExactly(List.of("1", "a"), List.of("2", "b"));
    assertThat(identicalAfterwards()).isTrue();
  }

  @Test
  void rename_droppedTableAndColumns_renamedAndCleanupCommentedInScript() {
    SchemaSyncReport r = sync(DiffOptions.Preserve.RENAME);
    assertThat(target.query("SELECT * FROM app.gone_dropped_" + STAMP)).containsExactly(List.of("7", "seven"));
    assertThat(target.query("SELECT id, secret_dropped_" + STAMP + " FROM app.keep ORDER BY 1")).containsExactly(List.of("1", "x1"), List.of("2", "x2"));
    // the kept column no longer gets in the way of new rows
    target.execute("INSERT INTO app.keep (id, name) VALUES (3, 'c')");
    assertThat(r.script()).contains("-- DROP TABLE \"app\".\"gone_dropped_" + STAMP + "\";")
        .contains("-- ALTER TABLE \"app\".\"keep\" DROP COLUMN \"secret_dropped_" + STAMP + "\";");
    assertThat(r.plan().statements()).noneMatch(s -> s.sql().startsWith("DROP"));
    assertThat(identicalAfterwards()).isTrue();
  }

  @Test
  void none_droppedTableAndColumns_goneWithoutLeftovers() {
    SchemaSyncReport r = sync(DiffOptions.Preserve.NONE);
    assertThat(r.plan().hazards()).anyMatch(h -> h.id().equals("app.gone:drop-table") && h.kind().label().equals("data-loss"));
    assertThat(target.query("SELECT relname FROM pg_class WHERE relnamespace = 'app'::regnamespace AND relkind = 'r' ORDER BY 1"))
        .containsExactly(List.of("keep"), List.of("nokey"));
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(SchemaSnapshot.of(source, "app"));
    assertThat(identicalAfterwards()).isTrue();
  }

  @Test
  void backup_secondSyncAfterFirst_keepsEarlierBackupsAndChangesNothing() {
    sync(DiffOptions.Preserve.BACKUP);
    SchemaSyncReport again = sync(DiffOptions.Preserve.BACKUP);
    assertThat(again.identical()).isTrue();
    assertThat(target.query("SELECT count(*) FROM pg_class WHERE relname LIKE 'bak\\_%' AND relkind = 'r'")).containsExactly(List.of("3"));
    assertThat(Set.copyOf(again.plan().statements())).isEmpty();
  }
}
