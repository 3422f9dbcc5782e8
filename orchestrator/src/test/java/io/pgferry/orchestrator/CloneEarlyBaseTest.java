package io.pgferry.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The largest tables are created in a first base transaction and loaded while a second creates the rest;
 * the clone ends as a single base transaction would, and a failing second part fails the clone cleanly.
 */
class CloneEarlyBaseTest {
  private static final String SCHEMA = """
      CREATE TYPE mood AS ENUM ('ok', 'sad');
      CREATE TABLE big (id serial PRIMARY KEY, m mood, payload text) WITH (fillfactor = 90);
      ALTER TABLE big ALTER COLUMN payload SET STORAGE EXTERNAL;
      CREATE TABLE big_too (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
      CREATE TABLE parent_t (id int, note text);
      CREATE TABLE child_t (extra int) INHERITS (parent_t);
      CREATE TABLE part (id int, r text) PARTITION BY LIST (r);
      CREATE TABLE part_a PARTITION OF part FOR VALUES IN ('a');
      INSERT INTO big (m, payload) SELECT CASE WHEN g % 2 = 0 THEN 'ok'::mood ELSE 'sad' END, repeat('x', 200) || g
        FROM generate_series(1, 20000) g;
      INSERT INTO big_too (note) SELECT 'n' || g FROM generate_series(1, 10000) g;
      INSERT INTO parent_t VALUES (1, 'p');
      INSERT INTO child_t VALUES (2, 'c', 3);
      INSERT INTO part VALUES (1, 'a');
      DO $$ BEGIN FOR i IN 1..20 LOOP
        EXECUTE format('CREATE TABLE small_%s (id int PRIMARY KEY, big_id int REFERENCES big (id))', i);
        EXECUTE format('INSERT INTO small_%s SELECT g, g FROM generate_series(1, 5) g', i);
      END LOOP; END $$;
      ANALYZE""";

  /**
   * An event trigger in the target that runs {@code action} when the clone creates small_1: only the second
   * base transaction creates it, so the action holds or breaks that transaction alone.
   */
  private static String onSmall1(String action) {
    return """
        CREATE FUNCTION on_small_1() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'public.small_1'
                     AND command_tag = 'CREATE TABLE') THEN
            %s;
          END IF;
        END $$;
        CREATE EVENT TRIGGER on_small_1 ON ddl_command_end EXECUTE FUNCTION on_small_1()""".formatted(action);
  }

  private static CloneOptions twoJobs(TestDatabase source, TestDatabase target) {
    CloneOptions o = Endpoints.clone(source, target);
    return new CloneOptions(o.source(), o.target(), List.of(), List.of(), Map.of(), 2, o.phases(), List.of(), List.of(), null, false,
        false, false, false);
  }

  /** Early tables: any table of a byte or more, so the two largest, big and big_too, qualify. */
  private static CloneRunner runner() {
    return new CloneRunner(RunListener.SILENT, CloneTuning.defaults(), SealPlan.SPLIT_BYTES, 1);
  }

  @Test
  void clone_secondBaseTransactionHeld_largestTablesLoadedMeanwhileAndCloneMatchesSource() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "early_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "early_dst")
            .execute(onSmall1("PERFORM pg_advisory_xact_lock(4242)"));
        Connection holder = target.connect()) {
      CompletableFuture<CloneReport> running;
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT pg_advisory_lock(4242)");
        running = CompletableFuture.supplyAsync(() -> runner().run(twoJobs(source, target)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!loaded(target) && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        // both large tables are created, loaded and committed while the rest of the base DDL still waits
        assertThat(target.scalar("SELECT count(*) FROM big")).isEqualTo("20000");
        assertThat(target.scalar("SELECT count(*) FROM big_too")).isEqualTo("10000");
        assertThat(target.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).isEqualTo("1");
        assertThat(target.scalar("SELECT to_regclass('public.small_2') IS NULL AND to_regclass('public.parent_t') IS NULL"))
            .isEqualTo("t");
        assertThat(running).isNotDone();
        s.execute("SELECT pg_advisory_unlock(4242)");
      }

      CloneReport report = running.get(120, TimeUnit.SECONDS);

      assertThat(report.phases()).extracting(CloneReport.PhaseReport::phase).containsExactly("extract", "base", "load", "seal");
      target.execute("DROP EVENT TRIGGER on_small_1; DROP FUNCTION on_small_1()"); // the target's own, not cloned
      assertThat(SchemaSnapshot.of(target, "public")).isEqualTo(SchemaSnapshot.of(source, "public"));
      for (String t : TableDigest.userTables(source)) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
      assertThat(target.scalar("SELECT nextval('big_id_seq')")).isEqualTo("20001");
    }
  }

  private static boolean loaded(TestDatabase target) {
    return "t".equals(target.scalar("SELECT to_regclass('public.big') IS NOT NULL AND to_regclass('public.big_too') IS NOT NULL"))
        && "20000".equals(target.scalar("SELECT count(*) FROM big")) && "10000".equals(target.scalar("SELECT count(*) FROM big_too"));
  }

  @Test
  void clone_secondBaseTransactionFails_cloneFailsWithItsErrorAndTargetIsAsBefore() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "early_fail_src").execute(SCHEMA);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "early_fail_dst")
            .execute(onSmall1("RAISE EXCEPTION 'no small tables here'"))) {

      assertThatThrownBy(() -> runner().run(twoJobs(source, target))).isInstanceOfSatisfying(PgferryException.class, e -> {
        assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
        assertThat(e.getMessage()).contains("base phase failed", "no small tables here");
      });
      assertThat(target.scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'public'")).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE n.nspname = 'public' AND t.typtype = 'e'")).isEqualTo("0");
      assertThat(target.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND pid <> pg_backend_pid()")).isEqualTo("0");
    }
  }
}
