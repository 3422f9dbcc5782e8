package io.pgferry.orchestrator.schemasync;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input and failures: schema-sync either applies everything or leaves the target exactly as it was. */
class SchemaSyncSafetyTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void create() {
    source = TestDatabase.create(PostgresServers.source(), "sds_src");
    target = TestDatabase.create(PostgresServers.target(), "sds_dst");
    SchemaPairs.load(target, "app", "CREATE TABLE t (id int PRIMARY KEY, qty text, age int); INSERT INTO t VALUES (1, '5', -1), (2, 'x', 3);");
    SchemaPairs.load(source, "app", "CREATE TABLE t (id int PRIMARY KEY, qty text, age int CHECK (age >= 0), added int);");
  }

  @AfterEach
  void drop() {
    source.close();
    target.close();
  }

  private SchemaSyncOptions options() {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withClock(SchemaPairs.CLOCK);
  }

  private SchemaSyncReport run(SchemaSyncOptions o) {
    return new SchemaSyncRunner(RunListener.SILENT).run(o);
  }

  @Test
  void schemaSync_statementFailsHalfWay_rolledBackAndTargetUnchanged() {
    Map<String, List<String>> before = SchemaSnapshot.of(target, "app");
    List<String> rows = SchemaSnapshot.rows(target, "app.t", List.of("id", "qty", "age"));
    // the new CHECK (age >= 0) fails on the row with age -1, after the column was already added
    assertThatThrownBy(() -> run(options()))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA_SYNC))
        .hasMessageContaining("t_age_check").hasMessageContaining("23514").hasMessageContaining("nothing was applied");
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(before);
    assertThat(SchemaSnapshot.rows(target, "app.t", List.of("id", "qty", "age"))).isEqualTo(rows);
  }

  @Test
  void schemaSync_hazardNotAllowed_refusedAndTargetUnchanged() {
    target.execute("UPDATE app.t SET age = 0");
    source.execute("ALTER TABLE app.t ALTER COLUMN qty TYPE int USING qty::int");
    Map<String, List<String>> before = SchemaSnapshot.of(target, "app");
    assertThatThrownBy(() -> run(options()))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.HAZARDS))
        .hasMessageContaining("app.t.qty:type-change");
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(before);
  }

  @Test
  void schemaSync_hazardAllowedByIdButCastFails_rolledBackNamingTheStatement() {
    target.execute("UPDATE app.t SET age = 0");
    source.execute("ALTER TABLE app.t ALTER COLUMN qty TYPE int USING qty::int");
    Map<String, List<String>> before = SchemaSnapshot.of(target, "app");
    assertThatThrownBy(() -> run(options().withAllowHazards(Set.of("app.t.qty:type-change"))))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA_SYNC))
        .hasMessageContaining("column app.t.qty is integer").hasMessageContaining("invalid input syntax");
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(before);
    target.execute("UPDATE app.t SET qty = '7' WHERE id = 2");
    SchemaSyncReport r = run(options().withAllowHazards(Set.of("app.t.qty:type-change")));
    assertThat(r.applied()).isTrue();
    assertThat(target.query("SELECT id, qty FROM app.t ORDER BY id")).containsExactly(List.of("1", "5"), List.of("2", "7"));
  }

  @Test
  void schemaSync_unknownSourceSchema_schemaErrorNamingIt() {
    assertThatThrownBy(() -> run(options().withSchemas("nope", "app")))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA))
        .hasMessageContaining("schema nope does not exist in the source");
  }

  @Test
  void schemaSync_unreachableTarget_connectionError() {
    ConnectionSpec nowhere = ConnectionSpec.resolve(ConnectionInput.ofUrl("postgresql://postgres@127.0.0.1:1/none"), "TARGET",
        Map.of(), Path.of("/nonexistent-home"));
    assertThatThrownBy(() -> run(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), nowhere)))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONNECTION));
  }

  @Test
  void schemaSync_sameDatabaseSameSchema_refused() {
    assertThatThrownBy(() -> run(SchemaSyncOptions.of(Endpoints.of(target, "SOURCE"), Endpoints.of(target, "TARGET"))))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SAME_DATABASE));
    assertThatThrownBy(() -> run(SchemaSyncOptions.of(Endpoints.of(target, "SOURCE"), Endpoints.of(target, "TARGET")).withSchemas("app", "app")))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SAME_DATABASE));
  }

  @Test
  void schemaSync_tableLockedElsewhere_givesUpAfterLockTimeout() throws Exception {
    target.execute("UPDATE app.t SET age = 0");
    try (Connection blocker = target.connect(); Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("LOCK TABLE app.t IN ACCESS SHARE MODE");
      SchemaSyncOptions o = SchemaSyncOptions.builder(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET"))
          .lockTimeout(Duration.ofMillis(300)).clock(SchemaPairs.CLOCK).build();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA_SYNC))
          .hasMessageContaining("55P03");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      blocker.rollback();
    }
  }

  @Test
  void diff_dryRun_neverWritesTheTarget() {
    Map<String, List<String>> before = SchemaSnapshot.of(target, "app");
    SchemaSyncReport r = run(options().withDryRun(true));
    assertThat(r.applied()).isFalse();
    assertThat(r.identical()).isFalse();
    assertThat(r.script()).contains("ALTER TABLE \"app\".\"t\" ADD CONSTRAINT \"t_age_check\" CHECK");
    assertThat(SchemaSnapshot.of(target, "app")).isEqualTo(before);
  }
}
