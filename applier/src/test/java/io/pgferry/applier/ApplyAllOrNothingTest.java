package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyAllOrNothingTest {
  private TestDatabase db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(PostgresServers.target(), "apply");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void apply_validStatements_commitsAllAndReportsCount() throws Exception {
    List<Integer> seen = new ArrayList<>();
    try (Connection c = db.connect()) {
      Applier.Result r = Applier.builder().listener((i, n, s) -> seen.add(i)).build().apply(c, List.of(
          new SqlStatement("CREATE TABLE a (id int)", "create table a"),
          new SqlStatement("ALTER TABLE a ADD PRIMARY KEY (id)", "primary key on a")));
      assertThat(r.statements()).isEqualTo(2);
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(seen).containsExactly(1, 2);
    assertThat(db.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'a'::regclass AND contype = 'p'")).isEqualTo("1");
  }

  @Test
  void apply_failingStatement_rollsBackEverythingAndNamesStatement() throws Exception {
    db.execute("CREATE TABLE t (id int); INSERT INTO t VALUES (1), (1)");
    try (Connection c = db.connect()) {
      assertThatThrownBy(() -> Applier.builder().build().apply(c, List.of(
          new SqlStatement("CREATE TABLE created_then_rolled_back (x int)", "create table created_then_rolled_back"),
          new SqlStatement("CREATE INDEX t_idx ON t (id)", "index t_idx on t"),
          new SqlStatement("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id)", "primary key t_pk on public.t"),
          new SqlStatement("CREATE TABLE never_reached (x int)", "create table never_reached"))))
          .isInstanceOfSatisfying(ApplyException.class, e -> {
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.STATEMENT_FAILED);
            assertThat(e.index()).isEqualTo(3);
            assertThat(e.sqlState()).isEqualTo("23505");
            assertThat(e.getMessage()).contains("statement 3 of 4 (primary key t_pk on public.t)",
                "could not create unique index", "Key (id)=(1) is duplicated", "SQLSTATE 23505", "rolled back");
          });
    }
    assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('created_then_rolled_back', 't_idx', 'never_reached')"))
        .isEqualTo("0");
  }

  @Test
  void apply_lockHeldElsewhere_failsWithinLockTimeout() throws Exception {
    db.execute("CREATE TABLE busy (id int)");
    try (Connection holder = db.connect(); Connection c = db.connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
      assertThatThrownBy(() -> Applier.builder().lockTimeout(Duration.ofMillis(200)).build()
          .apply(c, List.of(new SqlStatement("ALTER TABLE busy ADD COLUMN x int", "add column busy.x"))))
          .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.sqlState()).isEqualTo("55P03"));
      holder.rollback();
    }
  }
}
