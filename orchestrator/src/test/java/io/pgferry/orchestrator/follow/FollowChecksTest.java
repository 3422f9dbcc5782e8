package io.pgferry.orchestrator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The checks a first follow makes before it creates anything on the source, each with a message that says what to do. */
class FollowChecksTest {
  @Test
  void follow_roleWithoutReplication_refusedNamingTheAlterRole() {
    String role = "no_repl_" + ProcessHandle.current().pid();
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "chk_role").execute("CREATE TABLE t (id int PRIMARY KEY)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "chk_role_dst")) {
      source.execute("CREATE ROLE " + role + " LOGIN; GRANT SELECT ON t TO " + role);
      try {
        String url = "postgresql://" + role + "@127.0.0.1:" + source.port() + "/" + source.name();
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(url, "SOURCE"),
            Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.AUTHENTICATION))
            .hasMessageContaining("lacks the REPLICATION attribute").hasMessageContaining("ALTER ROLE \"" + role + "\" REPLICATION");
        assertThat(source.scalar("SELECT count(*) FROM pg_publication")).isEqualTo("0");
      } finally {
        source.execute("DROP OWNED BY " + role);
      }
    }
  }

  @Test
  void follow_noFreeReplicationSlot_refusedNamingTheSetting() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "chk_slots").execute("CREATE TABLE t (id int PRIMARY KEY)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "chk_slots_dst")) {
      int free = Integer.parseInt(source.scalar(
          "SELECT current_setting('max_replication_slots')::int - (SELECT count(*) FROM pg_replication_slots)"));
      for (int i = 0; i < free; i++) {
        source.execute("SELECT pg_create_logical_replication_slot('filler_" + i + "', 'pgoutput')");
      }
      try {
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(source, "SOURCE"),
            Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
            .hasMessageContaining("no free replication slot").hasMessageContaining("max_replication_slots is 10");
        assertThat(source.scalar("SELECT count(*) FROM pg_publication")).isEqualTo("0");
      } finally {
        for (int i = 0; i < free; i++) {
          source.execute("SELECT pg_drop_replication_slot('filler_" + i + "')");
        }
      }
    }
  }

  @Test
  void follow_slotOfThatNameWithoutARecord_refusedNamingCleanup() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "chk_exists").execute("CREATE TABLE t (id int PRIMARY KEY)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "chk_exists_dst")) {
      source.execute("SELECT pg_create_logical_replication_slot('pgferry_follow', 'pgoutput')");
      try {
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(source, "SOURCE"),
            Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.TARGET_CONFLICT))
            .hasMessageContaining("replication slot named pgferry_follow").hasMessageContaining("`cleanup=true`");
      } finally {
        source.execute("SELECT pg_drop_replication_slot('pgferry_follow')");
      }
    }
  }
}
