package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Security labels are not cloned (the target would need the same label provider, sepgsql, loaded), so the
 * coverage guard names each one: the clone stops, or with --allow-uncovered warns.
 *
 * <p>No label provider ships with the test servers, so the labels are written into pg_seclabel and
 * pg_shseclabel directly, as a provider would store them ({@code allow_system_table_mods}); pg_dump prints
 * such rows as {@code SECURITY LABEL FOR selinux ON TABLE …}.
 */
class CloneSecurityLabelGuardTest {
  private static final String SOURCE = """
      CREATE TABLE secret (id int PRIMARY KEY, note text);
      CREATE TABLE open (id int PRIMARY KEY);
      INSERT INTO secret VALUES (1, 'x');
      SET allow_system_table_mods = on;
      INSERT INTO pg_seclabel VALUES ('public.secret'::regclass, 'pg_class'::regclass, 0, 'selinux', 'system_u:object_r:sepgsql_table_t:s0');
      INSERT INTO pg_seclabel VALUES ('public.secret'::regclass, 'pg_class'::regclass, 2, 'selinux', 'system_u:object_r:sepgsql_secret_t:s0');
      INSERT INTO pg_shseclabel VALUES ((SELECT oid FROM pg_database WHERE datname = current_database()), 'pg_database'::regclass,
                                        'selinux', 'system_u:object_r:sepgsql_db_t:s0');
      RESET allow_system_table_mods""";

  @Test
  void clone_securityLabels_stopsAndNamesEach() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "seclabel_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "seclabel_dst")) {
      assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
          .isInstanceOfSatisfying(PgferryException.class, e -> {
            assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
            assertThat(e.getMessage()).contains("3 object(s) this clone would not create",
                "security label on table public.secret (provider selinux)",
                "security label on table column public.secret.note (provider selinux)",
                "security label on database " + source.name() + " (provider selinux)");
          });
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE oid >= 16384")).isEqualTo("0");
    }
  }

  @Test
  void clone_securityLabelsAllowUncovered_clonesTheRestAndWarnsByName() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "seclabel_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "seclabel_dst")) {
      CloneReport report = new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target).withAllowUncovered(true));
      assertThat(report.warnings()).contains(
          "not cloned (pgferry cannot create it yet): security label on table public.secret (provider selinux)");
      assertThat(target.scalar("SELECT count(*) FROM secret")).isEqualTo("1");
    }
  }
}
