package io.pgferry.orchestrator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Follow on a logical-replication source: a copy from the slot's snapshot while the source is written to, then the
 * stream; a second run goes on from the target's record. The target ends equal to the source, table by table.
 */
class FollowTest {
  private static final String SHOP = """
      CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL, balance numeric(12, 2), note text);
      CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id int NOT NULL REFERENCES accounts,
        kind text NOT NULL, at timestamptz NOT NULL DEFAULT now(), payload jsonb);
      CREATE TABLE tags (account_id int, label text);
      ALTER TABLE tags REPLICA IDENTITY FULL;
      INSERT INTO accounts SELECT g, 'account ' || g, g * 1.5, CASE WHEN g % 3 = 0 THEN repeat('x', 3000) END FROM generate_series(1, 20000) g;
      INSERT INTO events (account_id, kind, payload) SELECT 1 + g % 20000, 'open', jsonb_build_object('n', g) FROM generate_series(1, 50000) g;
      INSERT INTO tags SELECT g % 500, 'tag ' || (g % 7) FROM generate_series(1, 3000) g;
      CREATE TABLE codes (code text PRIMARY KEY, v int);
      INSERT INTO codes SELECT 'c' || g, g FROM generate_series(1, 1000) g;
      """;

  private static final List<String> TABLES = List.of("public.accounts", "public.events", "public.tags", "public.codes");

  @Test
  void follow_writesDuringTheCopyAndAfter_targetEqualsTheSourceAndASecondRunGoesOn() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "follow_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "follow_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withJobs(2).withUntilCaughtUp(true);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong writes = new AtomicLong();
      Thread writer = new Thread(() -> write(source, writing, writes, 7));
      writer.start();
      FollowReport first;
      try {
        first = new FollowRunner(RunListener.SILENT).run(o);
      } finally {
        writing.set(false);
        writer.join();
      }
      assertThat(first.copy()).isNotNull();
      assertThat(first.created()).anyMatch(c -> c.startsWith("publication pgferry_follow")).anyMatch(c -> c.startsWith("logical replication slot"));
      assertThat(writes.get()).as("the source was written to during the first run").isGreaterThan(10);
      // more changes, then a second run from the target's record: no copy, the stream alone
      write(source, new AtomicBoolean(true), writes, 200);
      source.execute("TRUNCATE tags; INSERT INTO tags VALUES (1, 'after truncate')");
      FollowReport second = new FollowRunner(RunListener.SILENT).run(o);
      assertThat(second.copy()).isNull();
      assertThat(second.created()).isEmpty();
      assertThat(second.caughtUp()).isTrue();
      assertThat(second.changes()).isGreaterThan(0);
      for (String t : TABLES) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
      // the cut-over: the identity's sequence moved to the source's value, so the target's next insert does not collide
      assertThat(second.sequencesMoved()).isPositive();
      assertThat(target.scalar("SELECT last_value FROM pg_sequences WHERE sequencename = 'events_id_seq'"))
          .isEqualTo(source.scalar("SELECT last_value FROM pg_sequences WHERE sequencename = 'events_id_seq'"));
      target.execute("INSERT INTO events (account_id, kind) VALUES (1, 'after cut-over')");
      target.execute("DELETE FROM events WHERE kind = 'after cut-over'");
      assertThat(target.scalar("SELECT count(*) FROM pgferry.follow_state")).isEqualTo("1");
      FollowReport cleaned = new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
      assertThat(cleaned.dropped()).containsExactly("replication slot pgferry_follow", "publication pgferry_follow",
          "the target's record of slot pgferry_follow");
      assertThat(source.scalar("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
      assertThat(source.scalar("SELECT count(*) FROM pg_publication")).isEqualTo("0");
    }
  }

  @Test
  void follow_columnAddedOnTheSource_stopsNamingItAndGoesOnOnceTheTargetHasIt() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "follow_ddl_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "follow_ddl_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true);
      new FollowRunner(RunListener.SILENT).run(o);
      source.execute("UPDATE accounts SET balance = 0 WHERE id = 1"); // each its own transaction, as an application's would be
      source.execute("ALTER TABLE accounts ADD COLUMN tier int");
      source.execute("UPDATE accounts SET tier = 2 WHERE id = 2");
      String before = target.scalar("SELECT lsn::text FROM pgferry.follow_state");
      assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(o))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA))
          .hasMessageContaining("public.accounts").hasMessageContaining("tier").hasMessageContaining("schema-sync");
      assertThat(target.scalar("SELECT balance FROM accounts WHERE id = 1")).as("applied up to the change").isEqualTo("0.00");
      assertThat(target.scalar("SELECT lsn::text FROM pgferry.follow_state")).isNotEqualTo(before);
      target.execute("ALTER TABLE accounts ADD COLUMN tier int"); // what schema-sync would do
      FollowReport again = new FollowRunner(RunListener.SILENT).run(o);
      assertThat(again.caughtUp()).isTrue();
      assertThat(TableDigest.of(target, "public.accounts")).isEqualTo(TableDigest.of(source, "public.accounts"));
      new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
    }
  }

  @Test
  void follow_columnAddedWithSchemaSync_bringsTheSchemaAlongAndGoesOn() throws Exception {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "follow_ss_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "follow_ss_dst")) {
      List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
      RunListener listener = new RunListener() {
        @Override
        public void phaseStarted(String phase, String detail) {
          phases.add(phase + ": " + detail);
        }
      };
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)
          .withSchemaSync(true);
      new FollowRunner(listener).run(o);
      source.execute("UPDATE accounts SET balance = 0 WHERE id = 1");
      source.execute("ALTER TABLE accounts ADD COLUMN tier int");
      source.execute("UPDATE accounts SET tier = 2 WHERE id = 2");
      source.execute("INSERT INTO accounts VALUES (900001, 'after', 1, NULL, 3)");
      FollowReport r = new FollowRunner(listener).run(o);
      assertThat(r.caughtUp()).isTrue();
      assertThat(phases).anyMatch(p -> p.startsWith("schema-sync: the source's table public.accounts has column(s) the target's lacks: tier"));
      for (String t : TABLES) {
        assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
      }
      new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
    }
  }

  @Test
  void follow_sourceWithoutLogicalWal_refusedNamingTheSettingAndCreatesNothing() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "follow_nowal").execute("CREATE TABLE t (id int PRIMARY KEY)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "follow_nowal_dst")) {
      assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(source, "SOURCE"),
          Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
          .hasMessageContaining("wal_level is minimal").hasMessageContaining("wal_level = logical").hasMessageContaining("restart");
      assertThat(source.scalar("SELECT count(*) FROM pg_publication")).isEqualTo("0");
    }
  }

  @Test
  void follow_tableWithoutKeyOrIdentity_refusedNamingItAndCreatesNothing() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "follow_keyless")
            .execute("CREATE TABLE ok (id int PRIMARY KEY); CREATE TABLE \"Log Lines\" (line text)");
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "follow_keyless_dst")) {
      assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(source, "SOURCE"),
          Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)))
          .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.SCHEMA))
          .hasMessageContaining("public.Log Lines").hasMessageContaining("REPLICA IDENTITY FULL").hasMessageContaining("`exclude`");
      assertThat(source.scalar("SELECT count(*) FROM pg_publication")).isEqualTo("0");
      assertThat(source.scalar("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
    }
  }

  /** Random inserts, updates (some to the TOASTed note, some not), deletes and keyless-table changes, a transaction each. */
  private static void write(TestDatabase db, AtomicBoolean go, AtomicLong count, int seedOrRounds) {
    Random r = new Random(seedOrRounds);
    int rounds = 0;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      while (go.get() && rounds++ < 200) {
        int id = 1 + r.nextInt(20000);
        switch (r.nextInt(8)) {
          case 6 -> s.execute("UPDATE codes SET code = code || 'k' WHERE code = (SELECT min(code) FROM codes WHERE v % 50 = " + (id % 50) + ")");
          case 7 -> s.execute("INSERT INTO events (account_id, kind) SELECT 1 + g % 20000, 'bulk' FROM generate_series(1, 3000) g");
          case 0 -> s.execute("INSERT INTO accounts VALUES (" + (100000 + rounds * 1000 + r.nextInt(1000)) + ", 'new', 1, NULL) ON CONFLICT DO NOTHING");
          case 1 -> s.execute("UPDATE accounts SET balance = balance + 1 WHERE id = " + id);
          case 2 -> s.execute("UPDATE accounts SET note = 'changed " + rounds + "' WHERE id = " + id);
          case 3 -> s.execute("INSERT INTO events (account_id, kind) VALUES (" + id + ", 'k" + rounds + "')");
          case 4 -> s.execute("DELETE FROM events WHERE id = (SELECT min(id) FROM events WHERE account_id = " + id + ")");
          default -> s.execute("UPDATE tags SET label = 'relabelled' WHERE ctid = (SELECT ctid FROM tags WHERE account_id = " + (id % 500)
              + " LIMIT 1)");
        }
        count.incrementAndGet();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
