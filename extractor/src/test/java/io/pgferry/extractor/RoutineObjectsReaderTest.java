package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.RoutineSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutineObjectsReaderTest {
  /** Created on source and target alike: what the routines and triggers need around them. */
  private static final String TABLES = """
      CREATE SCHEMA "Odd ""Schema"" ü";
      CREATE TABLE public.orders (id int, amount numeric, status text);
      CREATE TABLE public.audit (n bigint);
      CREATE TABLE "Odd ""Schema"" ü"."Täble x" ("cöl ""1""\" int);
      CREATE TABLE public.parted (id int, k int) PARTITION BY RANGE (k);
      CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES FROM (0) TO (10);
      CREATE TABLE public.parted_2 PARTITION OF public.parted FOR VALUES FROM (10) TO (20);
      CREATE TABLE public.parted_3 PARTITION OF public.parted FOR VALUES FROM (20) TO (30);
      CREATE VIEW public.v AS SELECT id FROM public.orders;
      """;

  /** Routines only (string bodies and SQL-standard ones), in creation order. */
  private static final List<String> ROUTINES = List.of(
      "CREATE FUNCTION public.f(i int) RETURNS int LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS $$ SELECT i + 1 $$",
      "CREATE FUNCTION public.f(t text) RETURNS text LANGUAGE sql AS $$ SELECT upper(t) $$",
      "CREATE FUNCTION public.defaults(a int, b text DEFAULT 'x''y', c numeric DEFAULT 1.5) RETURNS text"
          + " LANGUAGE sql AS $$ SELECT a || b || c $$",
      "CREATE FUNCTION public.outs(IN a int, OUT doubled int, INOUT label text) LANGUAGE plpgsql"
          + " AS $$ BEGIN doubled := a * 2; label := label || '!'; END $$",
      "CREATE FUNCTION public.total(VARIADIC xs numeric[]) RETURNS numeric LANGUAGE sql AS $$ SELECT sum(x) FROM unnest(xs) x $$",
      "CREATE FUNCTION public.secure() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog"
          + " COST 500 AS $$ BEGIN RETURN (SELECT count(*) FROM public.orders); END $$",
      "CREATE FUNCTION public.setof_rows(n int) RETURNS SETOF int LANGUAGE sql STABLE ROWS 42"
          + " AS $$ SELECT generate_series(1, n) $$",
      "CREATE FUNCTION public.table_fn(n int) RETURNS TABLE (a int, \"B b\" text) LANGUAGE sql"
          + " AS $$ SELECT id, status FROM public.orders WHERE id > n $$",
      "CREATE FUNCTION public.atomic_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM public.orders; END",
      "CREATE FUNCTION public.ret_expr(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x * 2",
      "CREATE PROCEDURE public.bump(IN delta int, INOUT total int DEFAULT 0) LANGUAGE plpgsql"
          + " AS $$ BEGIN total := total + delta; END $$",
      "CREATE PROCEDURE public.atomic_proc(v bigint) LANGUAGE sql BEGIN ATOMIC INSERT INTO public.audit VALUES (v); END",
      "CREATE FUNCTION \"Odd \"\"Schema\"\" ü\".\"fün \"\"quoted\"\" name\"(\"wëird arg\" int) RETURNS int"
          + " LANGUAGE sql AS $$ SELECT 1 $$");

  private static final String AGGREGATES = """
      CREATE FUNCTION public.acc(state numeric, v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT state + v $$;
      CREATE FUNCTION public.dec(state numeric, v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT state - v $$;
      CREATE FUNCTION public.fin(state numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'sum=' || state $$;
      CREATE AGGREGATE public.my_sum(numeric) (SFUNC = public.acc, STYPE = numeric, FINALFUNC = public.fin,
          INITCOND = '0', COMBINEFUNC = public.acc, PARALLEL = SAFE);
      CREATE AGGREGATE public.msum(numeric) (SFUNC = public.acc, STYPE = numeric, INITCOND = '0', FINALFUNC = public.fin,
          MSFUNC = public.acc, MINVFUNC = public.dec, MSTYPE = numeric, MINITCOND = '0', MFINALFUNC = public.fin);
      CREATE AGGREGATE public.my_avg(numeric) (SFUNC = numeric_avg_accum, STYPE = internal, SSPACE = 128,
          FINALFUNC = numeric_avg, FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = numeric_avg_combine,
          SERIALFUNC = numeric_avg_serialize, DESERIALFUNC = numeric_avg_deserialize, PARALLEL = RESTRICTED);
      CREATE AGGREGATE public.my_max(int) (SFUNC = int4larger, STYPE = int, SORTOP = >);
      CREATE AGGREGATE public.my_count(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
      CREATE FUNCTION public.os_trans(state text[], v text) RETURNS text[] LANGUAGE sql AS $$ SELECT state || v $$;
      CREATE FUNCTION public.os_final(state text[], pos int, v text) RETURNS text LANGUAGE sql
          AS $$ SELECT x FROM unnest(state) x ORDER BY x OFFSET pos LIMIT 1 $$;
      CREATE AGGREGATE public.nth_sorted(int ORDER BY text) (SFUNC = public.os_trans, STYPE = text[],
          FINALFUNC = public.os_final, FINALFUNC_EXTRA, INITCOND = '{}');
      CREATE AGGREGATE public.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi,
          STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
      CREATE AGGREGATE "Odd ""Schema"" ü"."ägg ""q""\" (text) (SFUNC = textcat, STYPE = text, INITCOND = 'it''s \\ here');
      """;

  private static final String TRIGGERS = """
      CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE FUNCTION public.trg_stmt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      CREATE FUNCTION "Odd ""Schema"" ü".tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      CREATE TRIGGER before_row BEFORE INSERT OR UPDATE ON public.orders
          FOR EACH ROW WHEN (NEW.amount > 0) EXECUTE FUNCTION public.trg();
      CREATE TRIGGER after_stmt AFTER DELETE ON public.orders FOR EACH STATEMENT EXECUTE FUNCTION public.trg_stmt();
      CREATE TRIGGER upd_of AFTER UPDATE OF status, amount ON public.orders FOR EACH ROW
          WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION public.trg('arg one', 'it''s');
      CREATE TRIGGER transition AFTER INSERT ON public.orders REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION public.trg_stmt();
      CREATE CONSTRAINT TRIGGER deferred_check AFTER INSERT OR UPDATE ON public.orders FROM public.audit
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.trg();
      CREATE TRIGGER disabled_one BEFORE INSERT ON public.audit FOR EACH ROW EXECUTE FUNCTION public.trg();
      ALTER TABLE public.audit DISABLE TRIGGER disabled_one;
      CREATE TRIGGER replica_one BEFORE UPDATE ON public.audit FOR EACH ROW EXECUTE FUNCTION public.trg();
      ALTER TABLE public.audit ENABLE REPLICA TRIGGER replica_one;
      CREATE TRIGGER always_one BEFORE DELETE ON public.audit FOR EACH ROW EXECUTE FUNCTION public.trg();
      ALTER TABLE public.audit ENABLE ALWAYS TRIGGER always_one;
      CREATE TRIGGER "trïgger ""q"" x" AFTER INSERT ON "Odd ""Schema"" ü"."Täble x"
          FOR EACH ROW EXECUTE FUNCTION "Odd ""Schema"" ü".tf();
      CREATE TRIGGER parted_trg AFTER INSERT ON public.parted FOR EACH ROW EXECUTE FUNCTION public.trg();
      CREATE TRIGGER parted_off AFTER UPDATE ON public.parted FOR EACH ROW EXECUTE FUNCTION public.trg();
      ALTER TABLE public.parted DISABLE TRIGGER parted_off;
      ALTER TABLE public.parted_1 ENABLE TRIGGER parted_off;
      ALTER TABLE public.parted_2 DISABLE TRIGGER parted_trg;
      ALTER TABLE public.parted_3 ENABLE ALWAYS TRIGGER parted_off;
      CREATE TRIGGER instead INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.trg();
      CREATE FUNCTION public.evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER "evt ""one"" ü" ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
          EXECUTE FUNCTION public.evt();
      CREATE EVENT TRIGGER evt_two ON sql_drop EXECUTE FUNCTION public.evt();
      ALTER EVENT TRIGGER evt_two DISABLE;
      CREATE EVENT TRIGGER evt_three ON ddl_command_start EXECUTE FUNCTION public.evt();
      ALTER EVENT TRIGGER evt_three ENABLE ALWAYS;
      """;

  private static TestDatabase source;
  private static List<SchemaObject> read;

  @BeforeAll
  static void createSource() throws SQLException {
    source = TestDatabase.create(PostgresServers.source(), "routines_src");
    source.execute(TABLES);
    // One statement at a time: a BEGIN ATOMIC body holds semicolons that a script splitter would cut at.
    run(source, ROUTINES);
    source.execute(AGGREGATES);
    source.execute(TRIGGERS);
    read = readFrom(source);
  }

  @AfterAll
  static void dropSource() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void replay_everyKind_targetCatalogMatchesSource() throws SQLException {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "routines_tgt")) {
      target.execute(TABLES);
      replay(target, read);

      RoutineSnapshot expected = RoutineSnapshot.of(source);
      assertThat(expected.routines()).hasSize(ROUTINES.size() + 9);
      assertThat(expected.aggregates()).hasSize(8);
      assertThat(expected.triggers()).hasSize(18);
      assertThat(expected.eventTriggers()).hasSize(3);
      RoutineSnapshot actual = RoutineSnapshot.of(target);
      assertThat(actual.routines()).containsExactlyElementsOf(expected.routines());
      assertThat(actual.aggregates()).containsExactlyElementsOf(expected.aggregates());
      assertThat(actual.triggers()).containsExactlyElementsOf(expected.triggers());
      assertThat(actual.eventTriggers()).containsExactlyElementsOf(expected.eventTriggers());
      assertThat(readFrom(target)).containsExactlyElementsOf(read);
    }
  }

  @Test
  void replayBase_emptyDatabaseWithoutTables_succeedsWithBodyChecksOff() throws SQLException {
    try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "routines_base")) {
      target.execute("CREATE SCHEMA \"Odd \"\"Schema\"\" ü\"");
      replay(target, read.stream().filter(o -> o.phase() == SchemaObject.Phase.BASE).toList());
      assertThat(target.scalar("SELECT count(*) FROM pg_proc WHERE proname = 'secure'")).isEqualTo("1");
    }
  }

  @Test
  void read_keys_comeFromObjectAddresses() {
    Map<ObjectKey, SchemaObject> byKey = read.stream().collect(Collectors.toMap(SchemaObject::key, Function.identity()));
    assertThat(byKey).hasSameSizeAs(read);
    assertThat(byKey).containsKeys(
        new ObjectKey("function", List.of("public", "f"), List.of("integer")),
        new ObjectKey("function", List.of("public", "f"), List.of("pg_catalog.text")),
        new ObjectKey("procedure", List.of("public", "bump"), List.of("integer", "integer")),
        new ObjectKey("function", List.of("Odd \"Schema\" ü", "fün \"quoted\" name"), List.of("integer")),
        new ObjectKey("aggregate", List.of("public", "my_sum"), List.of("numeric")),
        new ObjectKey("trigger", List.of("public", "orders", "before_row"), List.of()),
        new ObjectKey("trigger", List.of("Odd \"Schema\" ü", "Täble x", "trïgger \"q\" x"), List.of()),
        new ObjectKey("event trigger", List.of("evt \"one\" ü"), List.of()));
    assertThat(read).allSatisfy(o -> assertThat(o.dependsOn()).isEmpty());
  }

  @Test
  void read_phases_sqlStandardBodiesAndTriggersWaitForSeal() {
    Map<String, SchemaObject.Phase> phase = read.stream()
        .collect(Collectors.toMap(o -> String.join(".", o.key().names()) + o.key().args(), SchemaObject::phase, (a, b) -> a));
    assertThat(phase).containsEntry("public.secure[]", SchemaObject.Phase.BASE)
        .containsEntry("public.table_fn[integer]", SchemaObject.Phase.BASE)
        .containsEntry("public.atomic_count[]", SchemaObject.Phase.SEAL)
        .containsEntry("public.ret_expr[integer]", SchemaObject.Phase.SEAL)
        .containsEntry("public.atomic_proc[bigint]", SchemaObject.Phase.SEAL)
        .containsEntry("public.my_rank[pg_catalog.\"any\"]", SchemaObject.Phase.BASE)
        .containsEntry("public.orders.deferred_check[]", SchemaObject.Phase.SEAL)
        .containsEntry("evt_two[]", SchemaObject.Phase.SEAL);
  }

  @Test
  void read_functionDefinition_createsInsteadOfReplacing() {
    assertThat(read).filteredOn(o -> o.key().type().equals("function") || o.key().type().equals("procedure"))
        .allSatisfy(o -> assertThat(o.statements()).singleElement()
            .satisfies(s -> assertThat(s).startsWith("CREATE ").doesNotStartWith("CREATE OR REPLACE").doesNotEndWith("\n")));
  }

  @Test
  void read_firingStates_becomeAlterStatements() {
    assertThat(statementsOf("audit", "disabled_one")).last()
        .isEqualTo("ALTER TABLE \"public\".\"audit\" DISABLE TRIGGER \"disabled_one\"");
    assertThat(statementsOf("audit", "replica_one")).last()
        .isEqualTo("ALTER TABLE \"public\".\"audit\" ENABLE REPLICA TRIGGER \"replica_one\"");
    assertThat(statementsOf("orders", "before_row")).hasSize(1);
    // Partition clones: only the firing state, and only where it or the parent's is not the default.
    assertThat(statementsOf("parted_1", "parted_off"))
        .containsExactly("ALTER TABLE \"public\".\"parted_1\" ENABLE TRIGGER \"parted_off\"");
    assertThat(statementsOf("parted_2", "parted_trg"))
        .containsExactly("ALTER TABLE \"public\".\"parted_2\" DISABLE TRIGGER \"parted_trg\"");
    assertThat(statementsOf("parted_2", "parted_off"))
        .containsExactly("ALTER TABLE \"public\".\"parted_2\" DISABLE TRIGGER \"parted_off\"");
    assertThat(read).noneMatch(o -> o.key().names().equals(List.of("public", "parted_1", "parted_trg")));
    assertThat(read).filteredOn(o -> o.key().names().equals(List.of("evt_two")))
        .singleElement().satisfies(o -> assertThat(o.statements()).last().isEqualTo("ALTER EVENT TRIGGER \"evt_two\" DISABLE"));
  }

  @Test
  void read_partitionCloneTriggersAndExtensionMembers_areSkipped() throws SQLException {
    try (TestDatabase db = TestDatabase.create(PostgresServers.source(), "routines_skip")) {
      db.execute("""
          CREATE EXTENSION citext;
          CREATE TABLE public.p (k int) PARTITION BY LIST (k);
          CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES IN (1);
          CREATE FUNCTION public.t() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
          CREATE TRIGGER pt AFTER INSERT ON public.p FOR EACH ROW EXECUTE FUNCTION public.t();
          ALTER TABLE public.p ADD UNIQUE (k);
          CREATE TABLE public.r (k int REFERENCES public.p (k), u int UNIQUE DEFERRABLE);
          """);
      assertThat(readFrom(db)).extracting(o -> o.key().toString())
          .containsExactly("function public.t()", "trigger public.p.pt");
    }
  }

  private List<String> statementsOf(String table, String trigger) {
    return read.stream().filter(o -> o.key().names().equals(List.of("public", table, trigger)))
        .findFirst().orElseThrow().statements();
  }

  private static List<SchemaObject> readFrom(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT set_config('search_path', '', false)");
      return RoutineObjectsReader.read(c);
    }
  }

  /** What the central writer does: base with body checks off, then seal, one statement at a time. */
  private static void replay(TestDatabase db, List<SchemaObject> objects) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET check_function_bodies = off");
      for (SchemaObject.Phase phase : SchemaObject.Phase.values()) {
        for (SchemaObject o : objects) {
          if (o.phase() == phase) {
            for (String sql : o.statements()) {
              s.execute(sql);
            }
          }
        }
      }
    }
  }

  private static void run(TestDatabase db, List<String> statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

}
