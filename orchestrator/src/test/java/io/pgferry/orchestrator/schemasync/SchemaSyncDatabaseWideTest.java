package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.schemadiff.DiffOptions;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.SecuritySnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pairs of database-wide shapes (default privileges without IN SCHEMA), which a schema selection leaves out:
 * synced across servers without one, then the target's default privileges and effective ACLs must equal the
 * source's and a second diff must be empty. Pair files in the corpus format, listed in {@code database-wide.txt}.
 */
class SchemaSyncDatabaseWideTest {
  static List<String> pairs() {
    return TestDatabase.resource("/io/pgferry/testkit/schemadiff/database-wide.txt").lines().filter(l -> !l.isBlank()).toList();
  }

  private static SchemaSyncOptions options(TestDatabase source, TestDatabase target) {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withPreserve(DiffOptions.Preserve.BACKUP)
        .withAllowHazards(Set.of("all")).withClock(SchemaPairs.CLOCK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void schemaSync_databaseWidePair_defaultPrivilegesAndAclsEqualSource(String file) {
    String[] p = SchemaPairs.split(file);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdw_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdw_dst")) {
      target.execute(p[0]);
      source.execute(p[1]);
      SchemaSyncRunner runner = new SchemaSyncRunner(RunListener.SILENT);
      SchemaSyncReport report = runner.run(options(source, target));
      for (String part : List.of("default acls", "acls")) {
        assertThat(SecuritySnapshot.part(target, part)).as("%s: %s equal the source's; script:%n%s", file, part, report.script())
            .isEqualTo(SecuritySnapshot.part(source, part));
      }
      assertThat(SchemaSnapshot.of(target, "public")).as("%s: schema public", file).isEqualTo(SchemaSnapshot.of(source, "public"));
      SchemaSyncReport again = runner.diff(options(source, target));
      assertThat(again.identical()).as("%s: second diff is empty, but:%n%s%nfirst script:%n%s", file, again.script(), report.script()).isTrue();
    }
  }

  @Test
  void schemaSync_defaultPrivilegeForRoleTargetLacks_failsNamingTheRoleBeforeApplying() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdw_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdw_dst")) {
      // the role exists on the source's server only (roles are cluster-wide)
      source.execute("DO $$ BEGIN CREATE ROLE \"sd_dp Source Only\"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
          + " CREATE TABLE t (id int); ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO \"sd_dp Source Only\"");
      assertThatThrownBy(() -> new SchemaSyncRunner(RunListener.SILENT).run(options(source, target)))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA))
          .hasMessageContaining("\"sd_dp Source Only\"");
      assertThat(target.query("SELECT 1 FROM pg_class WHERE relname = 't'")).as("nothing applied").isEmpty();
    }
  }
}
