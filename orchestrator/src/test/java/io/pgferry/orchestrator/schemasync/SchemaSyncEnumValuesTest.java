package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.schemadiff.SchemaPlan;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * New enum values stay in the plan's one transaction unless the plan itself uses one (a default, a check), which
 * PostgreSQL refuses before the value is committed: then that enum's new values are committed first.
 */
class SchemaSyncEnumValuesTest {
  @Test
  void schemaSync_newEnumValueUnused_addedInsideTheTransaction() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sev_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sev_dst")) {
      SchemaPairs.load(target, "app", "CREATE TYPE level AS ENUM ('a', 'c'); CREATE TABLE t (l level);");
      SchemaPairs.load(source, "app", "CREATE TYPE level AS ENUM ('a', 'b', 'c'); CREATE TABLE t (l level);");
      SchemaSyncReport report = new SchemaSyncRunner(RunListener.SILENT).run(options(source, target));
      assertThat(report.plan().committedFirst()).isEmpty();
      assertThat(report.plan().statements()).anySatisfy(s -> assertThat(s.sql()).contains("ADD VALUE 'b'"));
      assertThat(target.scalar("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'app.level'::regtype"))
          .isEqualTo("a,b,c");
    }
  }

  @Test
  void schemaSync_newEnumValueUsedByDefault_committedFirstInItsOwnSection() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sev_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sev_dst")) {
      SchemaPairs.load(target, "app", "CREATE TYPE level AS ENUM ('a', 'c'); CREATE TABLE t (l level);");
      SchemaPairs.load(source, "app", "CREATE TYPE level AS ENUM ('a', 'b', 'c', 'd'); CREATE TABLE t (l level DEFAULT 'b');");
      SchemaSyncReport report = new SchemaSyncRunner(RunListener.SILENT).run(options(source, target));
      // both of the enum's new values move: 'd' is added AFTER 'c', and a moved value could follow an unmoved one
      assertThat(report.plan().committedFirst()).hasSize(2);
      assertThat(report.script()).contains("-- ==== " + SchemaPlan.COMMITTED_FIRST);
      assertThat(target.scalar("INSERT INTO app.t DEFAULT VALUES RETURNING l")).isEqualTo("b");
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(options(source, target)).identical()).isTrue();
    }
  }

  private static SchemaSyncOptions options(TestDatabase source, TestDatabase target) {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withAllowHazards(Set.of("all"))
        .withClock(SchemaPairs.CLOCK);
  }
}
