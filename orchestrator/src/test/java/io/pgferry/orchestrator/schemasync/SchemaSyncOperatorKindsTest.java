package io.pgferry.orchestrator.schemasync;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * schema-sync of an empty target from a source with operators, classes, casts, text search objects,
 * statistics and conversions: they are created after the functions they name and before the tables whose
 * indexes and generated columns use them, statistics with the indexes.
 */
class SchemaSyncOperatorKindsTest {
  @Test
  void schemaSync_operatorKindsIntoEmptyTarget_snapshotsEqual() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdops_src").executeResource("/io/pgferry/testkit/operators.sql");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdops_dst")) {
      SchemaSyncReport report = new SchemaSyncRunner(RunListener.SILENT)
          .run(SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withClock(SchemaPairs.CLOCK));
      assertThat(report.applied()).isTrue();
      assertThat(SchemaSnapshot.of(target, "Ops ☺")).isEqualTo(SchemaSnapshot.of(source, "Ops ☺"));
    }
  }
}
