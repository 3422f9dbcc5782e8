package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.SchemaSnapshot;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A target whose lock table cannot hold the whole clone in one transaction (here a few hundred locks; on a
 * server with default settings, 10,000 tables): the phases are split into transactions that fit, and a failed
 * run still removes everything it created.
 */
class CloneSmallLockTableTest {
  private static final int TABLES = 300;
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    // Each table: a serial key (a sequence), a text column (TOAST), a default, an index and a foreign key to
    // another table (i*7 mod N: many cycles), three rows.
    source = tables(TestDatabase.create(PostgresServers.source(), "locks_src"));
    target = TestDatabase.create(PostgresServers.smallLocks(), "locks_dst");
  }

  /** The fixture, committed every 20 tables so that the small server can hold it too. */
  private static TestDatabase tables(TestDatabase db) {
    return db.execute("""
        DO $$
        BEGIN
          FOR i IN 1..%1$d LOOP
            EXECUTE format('CREATE TABLE t%%s (id serial PRIMARY KEY, ref int, name text NOT NULL DEFAULT ''x'')', i);
            EXECUTE format('CREATE INDEX ON t%%s (name)', i);
            EXECUTE format('INSERT INTO t%%s (ref, name) SELECT 1, ''row '' || g FROM generate_series(1, 3) g', i);
            IF i %% 20 = 0 THEN COMMIT; END IF;
          END LOOP;
          FOR i IN 1..%1$d LOOP
            EXECUTE format('ALTER TABLE t%%s ADD FOREIGN KEY (ref) REFERENCES t%%s (id)', i, (i * 7) %% %1$d + 1);
            IF i %% 20 = 0 THEN COMMIT; END IF;
          END LOOP;
        END $$""".formatted(TABLES));
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_moreTablesThanOneTransactionHolds_succeedsAndEqualsSource() {
    new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
    assertThat(SchemaSnapshot.of(target, "public")).isEqualTo(SchemaSnapshot.of(source, "public"));
    assertThat(target.scalar("SELECT sum(n) FROM (SELECT count(*) n FROM t1 UNION ALL SELECT count(*) FROM t" + TABLES + ") x"))
        .isEqualTo("6");
    assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")).isEqualTo(String.valueOf(TABLES));
  }

  @Test
  void clone_sourceOnSmallLockTable_snapshotAndLoadReleaseTheirLocksAndEqualsSource() {
    // The snapshot transaction stays open for the whole run, and every load worker reads many tables:
    // neither may keep a lock per table (or per sequence) it read.
    try (TestDatabase small = tables(TestDatabase.create(PostgresServers.smallLocks(), "locks_src_small"));
        TestDatabase dst = TestDatabase.create(PostgresServers.target(), "locks_dst_big")) {
      small.execute("SELECT setval('t5_id_seq', 42)");
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(small, dst));
      assertThat(SchemaSnapshot.of(dst, "public")).isEqualTo(SchemaSnapshot.of(small, "public"));
      assertThat(dst.scalar("SELECT last_value FROM t5_id_seq")).isEqualTo("42");
      assertThat(dst.scalar("SELECT count(*) FROM t" + TABLES)).isEqualTo("3");
    }
  }

  @Test
  void clone_singleTransactionSealOnSmallLockTable_succeedsAndEqualsSource() {
    CloneTuning single = CloneTuning.builder().seal(CloneTuning.SealMode.SINGLE_TRANSACTION).build();
    new CloneRunner(RunListener.SILENT, single).run(Endpoints.clone(source, target));
    assertThat(SchemaSnapshot.of(target, "public")).isEqualTo(SchemaSnapshot.of(source, "public"));
  }

  @Test
  void clone_lateBaseBatchFails_earlierBatchesRemovedAndFirstErrorShown() {
    // The last table of the base phase fails (an event trigger refuses it), after earlier batches committed.
    source.execute("CREATE TABLE zz_last (id int PRIMARY KEY)");
    target.execute("""
        CREATE FUNCTION refuse_last() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'public.zz_last') THEN
            RAISE EXCEPTION 'zz_last refused by the test';
          END IF;
        END $$;
        CREATE EVENT TRIGGER refuse_last ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION refuse_last()""");
    List<String> before = relations(target);
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target)))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.getMessage()).contains("zz_last refused by the test"));
    assertThat(relations(target)).isEqualTo(before);
  }

  @Test
  void clone_sealFailsAfterManyForeignKeys_everythingRemoved() {
    // A row filter on t1 drops the row t400 refers to: that foreign key fails in the seal, after the base
    // phase (several transactions) and with every table's key and most foreign keys in place.
    List<String> before = relations(target);
    CloneOptions o = Endpoints.clone(source, target);
    CloneOptions failing = o.toBuilder().tables(List.of(new CloneOptions.TableRule("t1", "id = 2", "test:1:1"))).build();
    assertThatThrownBy(() -> new CloneRunner(RunListener.SILENT).run(failing))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SEAL));
    assertThat(relations(target)).isEqualTo(before);
  }

  private static List<String> relations(TestDatabase db) {
    return List.of(db.scalar("SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '') FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"));
  }
}
