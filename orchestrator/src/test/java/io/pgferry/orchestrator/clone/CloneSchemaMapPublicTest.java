package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A clone that renames the source's public schema (public=migrated, what the wizard does by default) gives the
 * renamed schema the source schema's settings, and leaves the target's own public schema as it was.
 */
class CloneSchemaMapPublicTest {
  @Test
  void clone_publicMappedElsewhere_settingsLandOnTheRenamedSchemaNotOnTheTargetsPublic() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "map_pub_src")
            .execute("COMMENT ON SCHEMA public IS 'the source''s public'; CREATE TABLE t (id int PRIMARY KEY)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "map_pub_dst")
            .execute("COMMENT ON SCHEMA public IS 'the target''s own public'")) {
      new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
          .run(Endpoints.clone(source, target).toBuilder().schemaMap(Map.of("public", "migrated")).build());
      assertThat(target.scalar("SELECT obj_description('public'::regnamespace, 'pg_namespace')")).isEqualTo("the target's own public");
      assertThat(target.scalar("SELECT obj_description('migrated'::regnamespace, 'pg_namespace')")).isEqualTo("the source's public");
      assertThat(target.scalar("SELECT count(*) FROM migrated.t")).isEqualTo("0");
    }
  }
}
