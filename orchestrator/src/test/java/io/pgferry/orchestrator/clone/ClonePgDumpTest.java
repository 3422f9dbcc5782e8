package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What users check first: {@code pg_dump --schema-only} of source and clone print the same text. Runs where
 * a pg_dump of the server's major version is installed (Debian's PostgreSQL 15 here, so in CI's PostgreSQL
 * 15 pass of the version matrix); pg_dump refuses servers newer than itself.
 */
class ClonePgDumpTest {
  @Test
  void clone_everyFixture_pgDumpSchemaOnlyIdentical() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "dump_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "dump_dst")) {
      assumeTrue(pgDumpMatches(source), "no pg_dump of the server's major version on PATH");
      source.executeResource("/io/pgferry/testkit/types-prelude.sql").executeResource("/io/pgferry/testkit/types.sql")
          .executeResource("/io/pgferry/testkit/kitchen-sink.sql").executeResource("/io/pgferry/testkit/awkward.sql")
          .executeResource("/io/pgferry/testkit/partitions.sql").executeResource("/io/pgferry/demo/shop.sql")
          // PostgreSQL 15+ only, like the pg_dump this test needs.
          .execute("CREATE TABLE app.nulls_once (a int, b int, CONSTRAINT nulls_once_ab UNIQUE NULLS NOT DISTINCT (a, b));"
              + " INSERT INTO app.nulls_once VALUES (1, NULL), (NULL, NULL)");
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
      List<String> a = dump(source, "--no-owner", "--no-privileges");
      List<String> b = dump(target, "--no-owner", "--no-privileges");
      assertThat(a).hasSizeGreaterThan(300).anyMatch(l -> l.contains("UNIQUE NULLS NOT DISTINCT (a, b)"));
      assertThat(b).isEqualTo(a);
    }
  }

  @Test
  void clone_withPrivilegesAndOwners_fullPgDumpIdentical() throws Exception {
    String roles = "DO $$ BEGIN CREATE ROLE dump_owner; CREATE ROLE \"dump Reader\"; EXCEPTION WHEN duplicate_object THEN NULL; END $$";
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "dumpp_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "dumpp_dst")) {
      assumeTrue(pgDumpMatches(source), "no pg_dump of the server's major version on PATH");
      source.execute(roles);
      target.execute(roles);
      source.executeResource("/io/pgferry/demo/shop.sql").execute("""
          CREATE SCHEMA reporting AUTHORIZATION dump_owner;
          CREATE TABLE reporting.daily (day date PRIMARY KEY, total numeric);
          ALTER TABLE reporting.daily OWNER TO dump_owner;
          CREATE FUNCTION reporting.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
          ALTER FUNCTION reporting.f() OWNER TO dump_owner;
          REVOKE EXECUTE ON FUNCTION reporting.f() FROM PUBLIC;
          GRANT EXECUTE ON FUNCTION reporting.f() TO "dump Reader";
          GRANT USAGE ON SCHEMA reporting TO "dump Reader";
          GRANT SELECT ON reporting.daily TO "dump Reader" WITH GRANT OPTION;
          GRANT SELECT (id, email), UPDATE (phone) ON public.customers TO "dump Reader";
          ALTER TABLE public.orders OWNER TO dump_owner;
          ALTER DEFAULT PRIVILEGES FOR ROLE dump_owner IN SCHEMA reporting GRANT SELECT ON TABLES TO "dump Reader";
          ALTER DEFAULT PRIVILEGES FOR ROLE dump_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC""");
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target).toBuilder().privileges(true).owners(true).build());
      List<String> a = dump(source);
      assertThat(a).anyMatch(l -> l.contains("GRANT SELECT(id) ON TABLE public.customers TO \"dump Reader\""))
          .anyMatch(l -> l.contains("OWNER TO dump_owner"));
      assertThat(dump(target)).isEqualTo(a);
    }
  }

  private static boolean pgDumpMatches(TestDatabase db) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      String major = out.replaceAll("(?s).*?(\\d+)\\.\\d+.*", "$1").strip();
      return major.equals(String.valueOf(Integer.parseInt(db.scalar("SHOW server_version_num")) / 10000));
    } catch (IOException e) {
      return false;
    }
  }

  /** Schema-only dump without comments, blank lines and session settings (which carry no schema). */
  private static List<String> dump(TestDatabase db, String... flags) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("pg_dump", "--schema-only", "-h", "127.0.0.1", "-p", String.valueOf(db.port()),
        "-U", "postgres", "-d", db.name()));
    cmd.addAll(List.of(flags));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank() && !l.startsWith("--") && !l.startsWith("SET ") && !l.startsWith("\\")
        && !l.startsWith("SELECT pg_catalog.set_config")).toList();
  }
}
