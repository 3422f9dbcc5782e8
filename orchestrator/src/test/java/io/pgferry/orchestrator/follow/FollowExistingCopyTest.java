package io.pgferry.orchestrator.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A follow that goes on from the target's record first checks that the copy still belongs to the source and the
 * slot; whatever it finds wrong stops the run before a change is applied, and says how to start over.
 */
class FollowExistingCopyTest {
  private static final String SHOP = """
      CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);
      CREATE TABLE codes (code text PRIMARY KEY, v int);
      INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 1000) g;
      INSERT INTO codes SELECT 'c' || g, g FROM generate_series(1, 100) g;
      """;

  @Test
  void follow_recordOfAnotherSource_refusedNamingBothDatabases() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ec_src").execute(SHOP);
        TestDatabase other = TestDatabase.create(PostgresServers.logical(), "ec_other").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ec_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true);
      new FollowRunner(RunListener.SILENT).run(o);
      try {
        String recorded = target.scalar("SELECT lsn::text FROM pgferry.follow_state");
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(FollowOptions.of(Endpoints.of(other, "SOURCE"),
            Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.VERIFY))
            .hasMessageContaining("of database " + source.name()).hasMessageContaining("not the source given (database " + other.name());
        assertThat(other.scalar("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()")).isEqualTo("0");
        assertThat(target.scalar("SELECT lsn::text FROM pgferry.follow_state")).isEqualTo(recorded);
      } finally {
        new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
      }
    }
  }

  @Test
  void follow_recordMadeBeforeIdentitiesWereKept_learnsItsSourceAndGoesOn() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ec_old_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ec_old_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true);
      new FollowRunner(RunListener.SILENT).run(o);
      try {
        target.execute("ALTER TABLE pgferry.follow_state DROP COLUMN system_id, DROP COLUMN database");
        source.execute("UPDATE accounts SET balance = 7 WHERE id <= 10");
        FollowReport again = new FollowRunner(RunListener.SILENT).run(o);
        assertThat(again.caughtUp()).isTrue();
        assertThat(target.scalar("SELECT database FROM pgferry.follow_state")).isEqualTo(source.name());
        assertThat(TableDigest.of(target, "public.accounts")).isEqualTo(TableDigest.of(source, "public.accounts"));
      } finally {
        new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
      }
    }
  }

  @Test
  void follow_targetBehindWhatTheSlotConfirmed_refusedAsAGapBeforeApplyingAnything() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ec_gap_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ec_gap_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true);
      new FollowRunner(RunListener.SILENT).run(o);
      try {
        String older = target.scalar("SELECT lsn::text FROM pgferry.follow_state");
        for (int i = 0; i < 20; i++) {
          source.execute("UPDATE accounts SET balance = balance + 1 WHERE id = " + (i + 1));
        }
        new FollowRunner(RunListener.SILENT).run(o);
        assertThat(source.scalar("SELECT confirmed_flush_lsn > '" + older + "'::pg_lsn FROM pg_replication_slots")).isEqualTo("t");
        // as if the target were restored from a backup taken after the first run: the slot no longer has what came between
        target.execute("UPDATE pgferry.follow_state SET lsn = '" + older + "'");
        target.execute("UPDATE accounts SET balance = 0");
        source.execute("UPDATE accounts SET balance = balance + 1 WHERE id = 500");
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(o))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.VERIFY))
            .hasMessageContaining("has confirmed changes up to").hasMessageContaining("record stops at " + older)
            .hasMessageContaining("`cleanup=true`");
        assertThat(target.scalar("SELECT sum(balance) FROM accounts")).as("nothing applied").isEqualTo("0");
      } finally {
        new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
      }
    }
  }

  @Test
  void follow_followedTableDroppedOnTheTarget_refusedNamingItBeforeApplyingAnything() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ec_drop_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ec_drop_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true);
      new FollowRunner(RunListener.SILENT).run(o);
      try {
        String recorded = target.scalar("SELECT lsn::text FROM pgferry.follow_state");
        source.execute("UPDATE accounts SET balance = 1");
        target.execute("DROP TABLE codes");
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(o))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.VERIFY))
            .hasMessageContaining("lacks followed tables (table public.codes is missing)");
        assertThat(target.scalar("SELECT sum(balance) FROM accounts")).as("nothing applied").isEqualTo("0");
        assertThat(target.scalar("SELECT lsn::text FROM pgferry.follow_state")).isEqualTo(recorded);
      } finally {
        new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
      }
    }
  }

  @Test
  void follow_selectionOtherThanTheFirstRuns_refusedNamingTheDifference() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.logical(), "ec_sel_src").execute(SHOP);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "ec_sel_dst")) {
      FollowOptions o = FollowOptions.of(Endpoints.of(source, "SOURCE"), Endpoints.of(target, "TARGET")).withUntilCaughtUp(true)
          .withTables(List.of("public.accounts"), List.of());
      new FollowRunner(RunListener.SILENT).run(o);
      try {
        assertThat(target.scalar("SELECT to_regclass('public.codes') IS NULL")).isEqualTo("t");
        assertThatThrownBy(() -> new FollowRunner(RunListener.SILENT).run(o.withTables(List.of("public.*"), List.of())))
            .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
            .hasMessageContaining("the selection given now differs (adds public.codes)");
        // the same selection, or none, goes on
        assertThat(new FollowRunner(RunListener.SILENT).run(o).caughtUp()).isTrue();
        assertThat(new FollowRunner(RunListener.SILENT).run(o.withTables(List.of(), List.of())).caughtUp()).isTrue();
      } finally {
        new FollowRunner(RunListener.SILENT).run(o.withCleanup(true));
      }
    }
  }
}
