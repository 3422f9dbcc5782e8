package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A base phase of many transactions (the target's lock table holds a few hundred locks): the load copies the tables
 * the base phase has committed while it creates the rest. The target's event trigger holds the last table's creation
 * until the load has committed the first table's rows, which happens only when the two run at once.
 */
class CloneEarlyLoadTest {
  private static final int TABLES = 200;
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "early_src").execute("""
        DO $$
        BEGIN
          FOR i IN 1..%1$d LOOP
            EXECUTE format('CREATE TABLE t%%s (id int PRIMARY KEY, ref int, name text NOT NULL DEFAULT ''x'')', i);
            EXECUTE format('CREATE INDEX ON t%%s (name)', i);
            EXECUTE format('INSERT INTO t%%s (id, ref, name) SELECT g, 1, ''row '' || g FROM generate_series(1, 3) g', i);
            IF i %% 20 = 0 THEN COMMIT; END IF;
          END LOOP;
          FOR i IN 1..%1$d LOOP
            EXECUTE format('ALTER TABLE t%%s ADD FOREIGN KEY (ref) REFERENCES t%%s (id)', i, (i * 7) %% %1$d + 1);
            IF i %% 20 = 0 THEN COMMIT; END IF;
          END LOOP;
        END $$;
        CREATE TABLE zz_last (id int PRIMARY KEY);
        INSERT INTO zz_last VALUES (1)""".formatted(TABLES));
    target = TestDatabase.create(PostgresServers.smallLocks(), "early_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  /** Holds the creation of zz_last until t1 has rows (then {@code then}); gives up after 60 s. */
  private void holdLastTableUntilFirstIsCopied(String then) {
    target.execute("""
        CREATE FUNCTION hold_last() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'public.zz_last') THEN
            FOR i IN 1..1200 LOOP
              IF to_regclass('public.t1') IS NOT NULL AND EXISTS (SELECT 1 FROM public.t1) THEN
                %s;
                RETURN;
              END IF;
              PERFORM pg_sleep(0.05);
            END LOOP;
            RAISE EXCEPTION 'the load did not copy t1 while the base phase ran';
          END IF;
        END $$;
        CREATE EVENT TRIGGER hold_last ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION hold_last()""".formatted(then));
  }

  @Test
  void clone_manyBaseTransactions_loadCopiesCommittedTablesWhileTheBaseGoesOn() {
    holdLastTableUntilFirstIsCopied("NULL");

    CloneReport report = new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));

    target.execute("DROP EVENT TRIGGER hold_last; DROP FUNCTION hold_last()");
    assertThat(SchemaSnapshot.of(target, "public")).isEqualTo(SchemaSnapshot.of(source, "public"));
    for (String t : List.of("t1", "t100", "t" + TABLES, "zz_last")) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
    }
    assertThat(report.rows()).isEqualTo(3L * TABLES + 1);
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")).isEqualTo(String.valueOf(TABLES));
  }

  @Test
  void clone_baseFailsWhileTablesAreCopied_baseErrorShownAndEverythingRemoved() {
    holdLastTableUntilFirstIsCopied("RAISE EXCEPTION 'zz_last refused by the test'");
    String before = relations(target);

    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
        .isInstanceOfSatisfying(PgferryException.class, e -> {
          assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA);
          assertThat(e.getMessage()).contains("zz_last refused by the test");
        });
    assertThat(relations(target)).isEqualTo(before);
  }

  private static String relations(TestDatabase db) {
    return db.scalar("SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '') FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pgferry')");
  }
}
