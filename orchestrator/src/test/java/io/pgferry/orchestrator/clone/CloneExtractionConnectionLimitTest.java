package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The extraction reads side by side on extra source connections; a source that refuses them (here a role
 * limited to one connection) is read on the one connection, with the same plan, instead of failing.
 */
class CloneExtractionConnectionLimitTest {
  private static final String SOURCE = """
      CREATE SEQUENCE public.counter; SELECT nextval('public.counter');
      CREATE TABLE public.parent (id int PRIMARY KEY, n int DEFAULT nextval('public.counter'));
      CREATE TABLE public.child (id int PRIMARY KEY, parent_id int REFERENCES public.parent);
      CREATE VIEW public.v AS SELECT p.id, count(c.id) AS children FROM public.parent p LEFT JOIN public.child c ON c.parent_id = p.id GROUP BY p.id;
      CREATE FUNCTION public.f(p public.parent) RETURNS int LANGUAGE sql AS 'SELECT p.id';
      """;

  @Test
  void dryRun_sourceRoleLimitedToOneConnection_readsOnItAndPlansTheSame() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "connlim_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "connlim_dst")) {
      source.execute("DROP ROLE IF EXISTS pgferry_one_conn; CREATE ROLE pgferry_one_conn LOGIN CONNECTION LIMIT 1;"
          + " GRANT pg_read_all_data TO pgferry_one_conn");
      try {
        ConnectionSpec limited = ConnectionSpec.resolve(ConnectionInput.ofUrl(source.url().replace("postgres@", "pgferry_one_conn@")),
            "SOURCE", Map.of(), Path.of("/nonexistent-home"));
        CloneOptions usual = Endpoints.clone(source, target).toBuilder().dryRun(true).build();
        CloneOptions one = usual.toBuilder().source(limited).build();

        CloneReport expected = new CloneRunner(RunListener.SILENT).run(usual);
        CloneReport report = new CloneRunner(RunListener.SILENT).run(one);

        assertThat(report.plan().render()).isEqualTo(expected.plan().render()).contains("public.counter", "public.v", "public.f");
        assertThat(report.warnings()).isEqualTo(expected.warnings());
      } finally {
        source.execute("DROP OWNED BY pgferry_one_conn; DROP ROLE pgferry_one_conn");
      }
    }
  }
}
