package io.pgferry.orchestrator.schemasync;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.CatalogSnapshot;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.RoutineSnapshot;
import io.pgferry.testkit.SecuritySnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * schema-sync of an empty target from the kitchen sink (every object kind of the fidelity fixtures): the
 * target's catalog, compared with the testkit's server-only snapshots, equals the source's, and a second
 * diff finds nothing.
 */
class SchemaSyncKitchenSinkTest {
  private static TestDatabase source;
  private static TestDatabase target;
  private static SchemaSyncReport report;

  @BeforeAll
  static void syncOnce() {
    source = TestDatabase.create(PostgresServers.source(), "sdk_src")
        .executeResource("/io/pgferry/testkit/types-prelude.sql")
        .executeResource("/io/pgferry/testkit/types.sql")
        .executeResource("/io/pgferry/testkit/kitchen-sink.sql");
    target = TestDatabase.create(PostgresServers.target(), "sdk_dst");
    report = new SchemaSyncRunner(RunListener.SILENT).run(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET"))
        .withClock(SchemaPairs.CLOCK));
  }

  @AfterAll
  static void drop() {
    source.close();
    target.close();
  }

  @Test
  void schemaSync_kitchenSinkIntoEmptyTarget_typesRoutinesSecurityEqual() {
    assertThat(report.applied()).isTrue();
    assertThat(CatalogSnapshot.extensions(target)).isEqualTo(CatalogSnapshot.extensions(source));
    assertThat(CatalogSnapshot.collations(target)).isEqualTo(CatalogSnapshot.collations(source));
    assertThat(CatalogSnapshot.domains(target)).isEqualTo(CatalogSnapshot.domains(source));
    assertThat(CatalogSnapshot.composites(target)).isEqualTo(CatalogSnapshot.composites(source));
    assertThat(CatalogSnapshot.ranges(target)).isEqualTo(CatalogSnapshot.ranges(source));
    assertThat(RoutineSnapshot.of(target)).isEqualTo(RoutineSnapshot.of(source));
    for (String part : List.of("row security", "policies", "comments")) {
      assertThat(SecuritySnapshot.part(target, part)).as(part).isEqualTo(SecuritySnapshot.part(source, part));
    }
  }

  @Test
  void schemaSync_emptySchemasOverKitchenSinkWithPreserveNone_everyObjectKindDropped() {
    try (TestDatabase empty = TestDatabase.create(PostgresServers.source(), "sdk_empty");
        TestDatabase sink = TestDatabase.create(PostgresServers.target(), "sdk_sink")
            .executeResource("/io/pgferry/testkit/types-prelude.sql")
            .executeResource("/io/pgferry/testkit/types.sql")
            .executeResource("/io/pgferry/testkit/kitchen-sink.sql")) {
      for (List<String> schema : sink.query("SELECT format('%I', nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
          + " AND nspname NOT IN ('information_schema', 'public')")) {
        empty.execute("CREATE SCHEMA " + schema.get(0));
      }
      SchemaSyncOptions o = SchemaSyncOptions.of(Endpoints.of(empty, "SOURCE"), Endpoints.of(sink, "TARGET"))
          .withPreserve(io.pgferry.schemadiff.DiffOptions.Preserve.NONE).withClock(SchemaPairs.CLOCK);
      SchemaSyncReport r = new SchemaSyncRunner(RunListener.SILENT).run(o);
      assertThat(r.applied()).isTrue();
      assertThat(sink.query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')"
          + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND NOT EXISTS (SELECT 1 FROM pg_depend d"
          + " WHERE d.objid = c.oid AND d.deptype = 'e')")).isEmpty();
      assertThat(RoutineSnapshot.of(sink)).isEqualTo(RoutineSnapshot.of(empty));
      assertThat(CatalogSnapshot.domains(sink)).isEqualTo(CatalogSnapshot.domains(empty));
      assertThat(CatalogSnapshot.composites(sink)).isEqualTo(CatalogSnapshot.composites(empty));
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(o).identical()).as(r.script()).isTrue();
    }
  }

  @Test
  void schemaSync_kitchenSinkIntoEmptyTarget_secondDiffEmpty() {
    SchemaSyncReport again = new SchemaSyncRunner(RunListener.SILENT).diff(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"),
        Endpoints.of(target, "TARGET")));
    assertThat(again.identical()).as(again.script()).isTrue();
  }
}
