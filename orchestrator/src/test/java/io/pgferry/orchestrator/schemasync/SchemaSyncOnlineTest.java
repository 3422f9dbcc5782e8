package io.pgferry.orchestrator.schemasync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With {@code online}, keys, indexes, checks, foreign keys and NOT NULLs on a table that already has rows are built
 * CONCURRENTLY or NOT VALID then validated, each after the plan's transaction; a failing step leaves what came before
 * it, no invalid index, and a second run finishes the rest.
 */
class SchemaSyncOnlineTest {
  private static final String OLD = """
      CREATE TABLE p (id int PRIMARY KEY); INSERT INTO p SELECT g FROM generate_series(1, 10) g;
      CREATE TABLE t (id int, email text, n int, parent int);
      INSERT INTO t SELECT g, 'u' || g || '@example.org', g % 7, 1 + g % 10 FROM generate_series(1, 1000) g;""";
  private static final String NEW = """
      CREATE TABLE p (id int PRIMARY KEY);
      CREATE TABLE t (id int PRIMARY KEY, email text UNIQUE, n int NOT NULL CHECK (n >= 0), parent int REFERENCES p);
      CREATE INDEX t_n ON t (n);
      CREATE TABLE q (id int PRIMARY KEY, t_id int REFERENCES t);""";

  @Test
  void schemaSync_onlineOnTableWithRows_buildsEverythingOutsideTheTransaction() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdon_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdon_dst")) {
      SchemaPairs.load(target, "app", OLD);
      SchemaPairs.load(source, "app", NEW);
      SchemaSyncReport report = new SchemaSyncRunner(RunListener.SILENT).run(options(source, target));
      List<String> online = report.plan().onlineSteps().stream().map(s -> s.sql().replace("\"", "")).toList();
      assertThat(online).anySatisfy(s -> assertThat(s).startsWith("CREATE UNIQUE INDEX CONCURRENTLY t_pkey"))
          .anySatisfy(s -> assertThat(s).startsWith("CREATE INDEX CONCURRENTLY t_n"))
          .anySatisfy(s -> assertThat(s).contains("VALIDATE CONSTRAINT t_parent_fkey"))
          .anySatisfy(s -> assertThat(s).contains("VALIDATE CONSTRAINT q_t_id_fkey"))
          .anySatisfy(s -> assertThat(s).contains("ALTER COLUMN n SET NOT NULL"));
      assertThat(online.indexOf("ALTER TABLE app.t ALTER COLUMN id SET NOT NULL")).as("NOT NULL before the primary key's index")
          .isBetween(0, online.indexOf("ALTER TABLE app.t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey"));
      assertThat(report.plan().statements()).noneSatisfy(s -> assertThat(s.sql().replace("\"", "")).containsAnyOf("CREATE INDEX t_n", "ADD CONSTRAINT t_pkey PRIMARY KEY ("));
      assertThat(SchemaPairs.snapshot(target, "app")).isEqualTo(SchemaPairs.snapshot(source, "app"));
      assertThat(new SchemaSyncRunner(RunListener.SILENT).diff(options(source, target)).identical()).isTrue();
    }
  }

  @Test
  void schemaSync_onlineStepFails_earlierStepsStayNoInvalidIndexAndRerunFinishes() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "sdon_src");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "sdon_dst")) {
      SchemaPairs.load(target, "app", OLD + "\nUPDATE t SET email = 'same@example.org' WHERE id IN (5, 6);");
      SchemaPairs.load(source, "app", NEW);
      assertThatThrownBy(() -> new SchemaSyncRunner(RunListener.SILENT).run(options(source, target))).isInstanceOf(PgferryException.class)
          .hasMessageContaining("online step").hasMessageContaining("t_email_key").hasMessageContaining("was dropped")
          .hasMessageContaining("run schema-sync again");
      assertThat(target.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM pg_class WHERE relname = 'q'")).isEqualTo("1");
      target.execute("UPDATE app.t SET email = 'other@example.org' WHERE id = 6");
      new SchemaSyncRunner(RunListener.SILENT).run(options(source, target));
      assertThat(SchemaPairs.snapshot(target, "app")).isEqualTo(SchemaPairs.snapshot(source, "app"));
    }
  }

  private static SchemaSyncOptions options(TestDatabase source, TestDatabase target) {
    return SchemaSyncOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withSchemas("app", "app").withOnline(true)
        .withAllowHazards(Set.of("all")).withClock(SchemaPairs.CLOCK);
  }
}
