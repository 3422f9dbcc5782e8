package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.FaultProxy;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pipelined applier sends a transaction's statements at once instead of one round trip each, and still reports a
 * failure as the statement loop does (which statement, the server's SQLSTATE, nothing applied), retries transient
 * errors, and runs lists it cannot send at once (a statement returning rows) one by one.
 */
class ApplyPipelinedTest {
  private static final int PADDING = 20_000;

  private static Applier pipelined() {
    return Applier.builder().pipelined(true).build();
  }

  /** Waits behind a lock the test holds, then two tables each with a comment of {@link #PADDING} characters. */
  private static List<SqlStatement> behindTheGate() {
    List<SqlStatement> out = new ArrayList<>();
    out.add(new SqlStatement("LOCK TABLE gate IN SHARE MODE", "wait for the gate"));
    for (String t : List.of("a", "b")) {
      out.add(new SqlStatement("CREATE TABLE " + t + " (id int)", "create " + t));
      out.add(new SqlStatement("COMMENT ON TABLE " + t + " IS '" + t.repeat(PADDING) + "'", "comment on " + t));
    }
    return out;
  }

  /** Bytes the proxy moved while the first statement waited for the lock (the later ones sent, or not yet). */
  private static long bytesSentWhileTheFirstWaits(TestDatabase db, Applier applier) throws Exception {
    try (FaultProxy proxy = FaultProxy.start(db.port());
        Connection holder = db.connect();
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + "?user=postgres")) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
      }
      long before = proxy.bytes();
      CompletableFuture<Applier.Result> run = CompletableFuture.supplyAsync(() -> applier.apply(c, behindTheGate()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!"1".equals(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"))) {
        assertThat(System.nanoTime()).as("the first statement waits for the lock").isLessThan(deadline);
        Thread.onSpinWait();
      }
      // the later statements may still be on their way through the proxy: wait for them, but not forever (sent one at a
      // time they never come while the first waits)
      long sent;
      long enough = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while ((sent = proxy.bytes() - before) <= 2L * PADDING && System.nanoTime() < enough) {
        Thread.sleep(10);
      }
      holder.rollback();
      assertThat(run.get(30, TimeUnit.SECONDS).statements()).isEqualTo(5);
      return sent;
    }
  }

  @Test
  void apply_pipelinedTransaction_sendsLaterStatementsWhileTheFirstWaits() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_send").execute("CREATE TABLE gate (id int)")) {
      assertThat(bytesSentWhileTheFirstWaits(db, pipelined())).isGreaterThan(2L * PADDING);
      assertThat(db.scalar("SELECT length(obj_description('b'::regclass, 'pg_class'))")).isEqualTo(Integer.toString(PADDING));
    }
  }

  @Test
  void apply_notPipelined_sendsOneStatementAtATime() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_off").execute("CREATE TABLE gate (id int)")) {
      assertThat(bytesSentWhileTheFirstWaits(db, Applier.builder().build())).isLessThan(PADDING);
    }
  }

  @Test
  void apply_pipelinedConnectionLostWhileSent_reportsTheLostConnectionNotACommit() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_lost").execute("CREATE TABLE gate (id int)");
        FaultProxy proxy = FaultProxy.start(db.port());
        Connection holder = db.connect();
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name() + "?user=postgres")) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
      }
      CompletableFuture<Applier.Result> run = CompletableFuture.supplyAsync(() -> pipelined().apply(c, behindTheGate()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!"1".equals(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"))) {
        assertThat(System.nanoTime()).as("the first statement waits for the lock").isLessThan(deadline);
        Thread.onSpinWait();
      }
      proxy.reset(n -> true);
      assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ApplyException.class, e -> {
        assertThat(e.sqlState()).startsWith("08");
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.TRANSACTION);
        assertThat(e.getMessage()).startsWith("sending 5 statements at once failed: ").contains("nothing was applied")
            .doesNotContain("commit");
      });
      holder.rollback();
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b')")).isEqualTo("0");
    }
  }

  @Test
  void apply_pipelinedStatementFails_namesItWithTheServersErrorAndAppliesNothing() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_fail").execute("CREATE SEQUENCE calls");
        Connection c = db.connect()) {
      List<SqlStatement> statements = List.of(
          new SqlStatement("DO $$ BEGIN PERFORM nextval('calls'); END $$", "count the run"),
          new SqlStatement("CREATE TABLE first (id int)", "create first"),
          new SqlStatement("CREATE TABLE second (id int)", "create second"),
          new SqlStatement("ALTER TABLE missing ADD COLUMN x int", "alter missing"),
          new SqlStatement("CREATE TABLE fourth (id int)", "create fourth"));
      assertThatThrownBy(() -> pipelined().apply(c, statements))
          .isInstanceOfSatisfying(ApplyException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("42P01");
            assertThat(e.statement().purpose()).isEqualTo("alter missing");
            assertThat(e.getMessage()).contains("statement 4 of 5 (alter missing)", "relation \"missing\" does not exist",
                "nothing was applied");
          });
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('first', 'second', 'fourth')")).isEqualTo("0");
      // placed from the driver's message: the statements were not run a second time to find it (a sequence is not rolled back)
      assertThat(db.scalar("SELECT last_value FROM calls")).isEqualTo("1");
      // the connection is usable again, in auto-commit as before
      assertThat(c.getAutoCommit()).isTrue();
      pipelined().apply(c, List.of(new SqlStatement("CREATE TABLE first (id int)", "create first"),
          new SqlStatement("CREATE TABLE second (id int)", "create second")));
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('first', 'second')")).isEqualTo("2");
    }
  }

  @Test
  void apply_pipelinedFailureTheDriverDoesNotPlace_runsOneByOneAndNamesIt() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_unplaced").execute("CREATE SEQUENCE calls");
        // without the statement's text in the driver's message the failed entry cannot be told
        Connection c = DriverManager.getConnection(db.jdbcUrl() + "&logServerErrorDetail=false")) {
      assertThatThrownBy(() -> pipelined().apply(c, List.of(
          new SqlStatement("DO $$ BEGIN PERFORM nextval('calls'); END $$", "count the run"),
          new SqlStatement("CREATE TABLE first (id int)", "create first"),
          new SqlStatement("ALTER TABLE missing ADD COLUMN x int", "alter missing"),
          new SqlStatement("CREATE TABLE third (id int)", "create third"))))
          .isInstanceOfSatisfying(ApplyException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("42P01");
            assertThat(e.getMessage()).contains("statement 3 of 4 (alter missing)");
          });
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('first', 'third')")).isEqualTo("0");
      assertThat(db.scalar("SELECT last_value FROM calls")).as("sent at once, then one by one").isEqualTo("2");
    }
  }

  @Test
  void failedEntry_sameStatementTwice_theNumberedOne() {
    SqlStatement create = new SqlStatement("CREATE TABLE t (id int)", "create t");
    List<SqlStatement> eleven = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      eleven.add(i == 1 || i == 11 ? create : new SqlStatement("SELECT " + i, "select " + i));
    }
    var e = new java.sql.BatchUpdateException("Batch entry 11 CREATE TABLE t (id int) was aborted: ERROR: relation \"t\" already exists",
        "42P07", 0, new int[0], null);
    assertThat(Applier.failedEntry(e, eleven)).isEqualTo(11);
    assertThat(Applier.failedEntry(new java.sql.BatchUpdateException("Batch entry 3 <unknown> was aborted", "42P07", 0, new int[0], null),
        eleven)).isEqualTo(-1);
  }

  @Test
  void apply_pipelinedStatementReturnsRows_runsTheListOneByOne() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_rows"); Connection c = db.connect()) {
      Applier.Result r = pipelined().apply(c, List.of(
          new SqlStatement("CREATE TABLE before_select (id int)", "create before_select"),
          new SqlStatement("SELECT 1", "a query"),
          new SqlStatement("CREATE TABLE after_select (id int)", "create after_select")));
      assertThat(r.statements()).isEqualTo(3);
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('before_select', 'after_select')")).isEqualTo("2");
    }
  }

  @Test
  void apply_pipelinedTransientError_runsTheTransactionAgain() throws Exception {
    String flaky = """
        CREATE SEQUENCE calls;
        CREATE FUNCTION flaky() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('calls') <= 1 THEN RAISE EXCEPTION 'induced' USING ERRCODE = '40P01'; END IF;
        END $$""";
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "pipe_retry").execute(flaky); Connection c = db.connect()) {
      List<Long> waits = new ArrayList<>();
      Applier a = Applier.builder().pipelined(true).retry(new Applier.Retry(Set.of("40P01"), 3, Duration.ofMillis(10)))
          .sleeper(waits::add).build();
      // PERFORM in a DO block: the list returns no rows, so it is sent at once
      a.apply(c, List.of(new SqlStatement("CREATE TABLE kept (id int)", "create kept"),
          new SqlStatement("DO $$ BEGIN PERFORM flaky(); END $$", "flaky")));
      assertThat(waits).containsExactly(10L);
      assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'kept'")).isEqualTo("1");
      assertThat(db.scalar("SELECT last_value FROM calls")).isEqualTo("2");
    }
  }
}
