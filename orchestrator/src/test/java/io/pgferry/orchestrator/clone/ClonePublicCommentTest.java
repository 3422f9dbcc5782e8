package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** A source whose public schema has no comment (recreated, or the comment removed) ends without one in the target too. */
class ClonePublicCommentTest {
  private static final String COMMENT = "SELECT coalesce(obj_description('public'::regnamespace, 'pg_namespace'), '<none>')";

  @Test
  void clone_publicWithoutComment_targetsDefaultCommentRemoved() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "pubc_src")
            .execute("COMMENT ON SCHEMA public IS NULL; CREATE TABLE t (id int)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "pubc_dst")) {
      assertThat(target.scalar(COMMENT)).isNotEqualTo("<none>");
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
      assertThat(target.scalar(COMMENT)).isEqualTo("<none>");
    }
  }

  @Test
  void clone_publicWithOwnComment_copied() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "pubc2_src")
            .execute("COMMENT ON SCHEMA public IS 'the shop'; CREATE TABLE t (id int)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "pubc2_dst")) {
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
      assertThat(target.scalar(COMMENT)).isEqualTo("the shop");
    }
  }
}
