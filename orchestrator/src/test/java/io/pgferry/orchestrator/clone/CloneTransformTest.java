package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Column rules resolved by the runner change exactly the configured columns, in every matching table. */
class CloneTransformTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "tr_src").execute("""
        CREATE SCHEMA crm;
        CREATE TABLE crm.people (id int PRIMARY KEY, email text UNIQUE, phone text, note varchar(10), born date);
        CREATE TABLE public.staff (id int PRIMARY KEY, email text, phone text);
        INSERT INTO crm.people SELECT g, 'p' || g || '@x.org', '+1 555 ' || g, E'tab\\there', date '2000-01-01' + g FROM generate_series(1, 300) g;
        INSERT INTO public.staff SELECT g, 's' || g || '@x.org', NULL FROM generate_series(1, 20) g""");
    target = TestDatabase.create(PostgresServers.target(), "tr_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void run_rules_changeOnlyConfiguredColumnsAndFirstMatchWins() {
    CloneOptions o = with(List.of(
        new CloneOptions.ColumnRule("crm.people", "email", "hash", Map.of("length", 16), "t:1:1"),
        new CloneOptions.ColumnRule("*", "email", "constant", Map.of("value", "hidden@x.org"), "t:2:1"),
        new CloneOptions.ColumnRule("people", "phone", "set_null", Map.of(), "t:3:1"),
        new CloneOptions.ColumnRule("crm.people", "note", "constant", Map.of("value", "x\ty\\z"), "t:4:1")));
    new CloneRunner(RunListener.SILENT).run(o);
    assertThat(target.query("SELECT id, born FROM crm.people ORDER BY id")).isEqualTo(source.query("SELECT id, born FROM crm.people ORDER BY id"));
    assertThat(target.scalar("SELECT count(DISTINCT email) FROM crm.people WHERE email ~ '^[0-9a-f]{16}$'")).isEqualTo("300");
    assertThat(target.scalar("SELECT count(*) FROM crm.people WHERE phone IS NOT NULL")).isEqualTo("0");
    assertThat(target.scalar("SELECT DISTINCT note FROM crm.people")).isEqualTo("x\ty\\z");
    assertThat(target.scalar("SELECT string_agg(DISTINCT email, ',') FROM public.staff")).isEqualTo("hidden@x.org");
    assertThat(target.query("SELECT id, phone FROM public.staff ORDER BY id")).isEqualTo(source.query("SELECT id, phone FROM public.staff ORDER BY id"));
  }

  @Test
  void run_sameSaltTwice_sameHashes() {
    CloneOptions o = with(List.of(new CloneOptions.ColumnRule("crm.people", "email", "hash", Map.of(), "t:1:1")));
    new CloneRunner(RunListener.SILENT).run(o);
    try (TestDatabase second = TestDatabase.create(PostgresServers.target(), "tr_dst2")) {
      new CloneRunner(RunListener.SILENT).run(o.toBuilder().target(Endpoints.of(second, "TARGET")).build());
      assertThat(second.query("SELECT id, email FROM crm.people ORDER BY id")).isEqualTo(target.query("SELECT id, email FROM crm.people ORDER BY id"));
    }
  }

  @Test
  void run_unknownColumn_failsBeforeTouchingTargetWithSuggestion() {
    CloneOptions o = with(List.of(new CloneOptions.ColumnRule("crm.people", "emial", "set_null", Map.of(), "demo.yaml:9:3")));
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
          assertThat(e.getMessage()).isEqualTo("demo.yaml:9:3: table crm.people has no column emial; did you mean 'email'?");
        });
    assertThat(target.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'crm'")).isEqualTo("0");
  }

  @Test
  void run_unknownTable_failsNamingIt() {
    CloneOptions o = with(List.of(new CloneOptions.ColumnRule("crm.peple", "email", "set_null", Map.of(), "demo.yaml:9:3")));
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
          assertThat(e.getMessage()).startsWith("demo.yaml:9:3: unknown table crm.peple; did you mean 'crm.people'?");
        });
  }

  @Test
  void run_setNullOnNotNullColumn_rejectedAsConfig() {
    source.execute("ALTER TABLE crm.people ALTER COLUMN phone SET NOT NULL");
    CloneOptions o = with(List.of(new CloneOptions.ColumnRule("crm.people", "phone", "set_null", Map.of(), "demo.yaml:4:3")));
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(o))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG);
          assertThat(e.getMessage()).startsWith("demo.yaml:4:3: crm.people.phone: ").contains("NOT NULL");
        });
  }

  private CloneOptions with(List<CloneOptions.ColumnRule> rules) {
    CloneOptions o = Endpoints.clone(source, target);
    return o.toBuilder().transforms(rules).salt("test-salt").build();
  }
}
