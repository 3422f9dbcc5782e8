package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.testkit.FaultProxy;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Small tables share a worker's target transaction ({@link PieceGroup}): fewer commits, same all-or-nothing per table. */
class LoadSmallTablesTest {
  private static final PieceRetry NO_WAIT = new PieceRetry(3, Duration.ofMillis(1), Duration.ofMillis(1), ms -> { });
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "small_src");
    dst = TestDatabase.create(PostgresServers.target(), "small_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private List<TableLoad> tables(int n) {
    StringBuilder ddl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ddl.append("CREATE TABLE s").append(i).append(" (id int, v text);");
    }
    src.execute(ddl.toString());
    dst.execute(ddl.toString());
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rows.append("INSERT INTO s").append(i).append(" SELECT g, 't").append(i).append("' FROM generate_series(1, ")
          .append(i % 5 + 1).append(") g;");
    }
    src.execute(rows.toString());
    return TestTables.readAll(src).stream().map(TableLoad::of).toList();
  }

  private long xmins(int n) {
    StringBuilder union = new StringBuilder("SELECT count(DISTINCT x) FROM (");
    for (int i = 0; i < n; i++) {
      union.append(i == 0 ? "" : " UNION ALL ").append("SELECT xmin::text AS x FROM s").append(i);
    }
    return Long.parseLong(dst.scalar(union.append(") t").toString()));
  }

  @Test
  void load_hundredSmallTables_committedInFewTransactions() {
    List<TableLoad> loads = tables(100);

    LoadReport report = Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst))
        .jobs(2).build().load(loads);

    assertThat(report.tables()).hasSize(100);
    TableDigest.userTables(src).forEach(t -> assertThat(TableDigest.of(dst, t)).as(t).isEqualTo(TableDigest.of(src, t)));
    // a worker takes up to MAX_PIECES tables per transaction; two workers end at most one short group each
    assertThat(xmins(100)).isBetween(4L, 6L);
  }

  /** A heap of one page can hold megabytes in TOAST: the transaction commits once MAX_BYTES have been copied in it. */
  @Test
  void load_smallHeapsWithLargeToastedValues_commitOnceTheTransactionHoldsMaxBytes() {
    StringBuilder ddl = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      ddl.append("CREATE TABLE s").append(i).append(" (id int, v text);");
    }
    src.execute(ddl.toString());
    dst.execute(ddl.toString());
    for (int i = 0; i < 3; i++) {
      // 5 MB of hex in one value: stored out of line, the heap keeps one page
      src.execute("INSERT INTO s" + i + " SELECT 1, string_agg(md5(g::text || random()::text), '') FROM generate_series(1, 160000) g");
    }
    List<TableLoad> loads = TestTables.readAll(src).stream().map(TableLoad::of).toList();
    assertThat(loads).allSatisfy(l -> assertThat(l.table().estimatedBytes()).isLessThanOrEqualTo(PieceGroup.SMALL_TABLE_BYTES));

    Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst)).jobs(1).build().load(loads);

    TableDigest.userTables(src).forEach(t -> assertThat(TableDigest.of(dst, t)).as(t).isEqualTo(TableDigest.of(src, t)));
    // 5 + 5 MB pass MAX_BYTES: the first two commit together, the third in a transaction of its own
    assertThat(xmins(3)).isEqualTo(2);
  }

  @Test
  void load_tableReportedFinished_isCommittedWhenReported() {
    List<TableLoad> loads = tables(40);
    Map<String, Long> seen = new ConcurrentHashMap<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void finished(TableResult r) {
        // another session sees the rows only once their transaction has committed
        seen.put(r.target().name(), Long.parseLong(dst.scalar("SELECT count(*) FROM " + r.target().quoted())));
      }
    };

    LoadReport report = Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst))
        .jobs(2).progress(listener).build().load(loads);

    assertThat(report.tables()).hasSize(40).allSatisfy(r -> assertThat(seen.get(r.target().name())).isEqualTo(r.rows()));
  }

  @Test
  void load_failureInSharedTransaction_rollsBackItsTablesAndNamesTheFailingOne() {
    src.execute("""
        CREATE TABLE a (v int); CREATE TABLE bad (v int); CREATE TABLE c (v int);
        INSERT INTO a SELECT generate_series(1, 10); INSERT INTO bad SELECT generate_series(1, 100);
        INSERT INTO c SELECT generate_series(1, 10)""");
    dst.execute("CREATE TABLE a (v int); CREATE TABLE bad (v int CHECK (v < 50)); CREATE TABLE c (v int)");
    List<TableLoad> loads = List.of(
        TableLoad.of(TestTables.withSize(TestTables.read(src, QualifiedName.of("public", "a")), 3000)),
        TableLoad.of(TestTables.withSize(TestTables.read(src, QualifiedName.of("public", "bad")), 2000)),
        TableLoad.of(TestTables.withSize(TestTables.read(src, QualifiedName.of("public", "c")), 1000)));

    assertThatThrownBy(() -> Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst))
        .jobs(1).build().load(loads))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.table()).isEqualTo(QualifiedName.of("public", "bad"));
          assertThat(e.sqlState()).isEqualTo("23514");
        });
    // a shared the transaction of bad, which rolled back; c was never copied
    assertThat(dst.scalar("SELECT count(*) FROM a")).isEqualTo("0");
    assertThat(dst.scalar("SELECT count(*) FROM bad")).isEqualTo("0");
    assertThat(dst.scalar("SELECT count(*) FROM c")).isEqualTo("0");
  }

  @Test
  void load_connectionLostMidTransaction_copiesItsEarlierTablesAgain() {
    connectionLostAtFifthTable(null);
  }

  /**
   * With a journal, a piece copied again is first looked up there; the lookup must not end the transaction that
   * already holds the pieces this attempt copied (it rolled back s0's copy, and s0 stayed empty).
   */
  @Test
  void load_connectionLostMidTransactionWithJournal_copiesEveryTableOnce() {
    dst.execute(MarksInTarget.DDL);
    connectionLostAtFifthTable(new MarksInTarget());
    assertThat(dst.scalar("SELECT count(*) FROM marks")).isEqualTo("10");
  }

  private void connectionLostAtFifthTable(PieceJournal journal) {
    List<TableLoad> loads = tables(10);
    try (FaultProxy proxy = FaultProxy.start(dst.port())) {
      AtomicBoolean cut = new AtomicBoolean();
      ProgressListener listener = new ProgressListener() {
        @Override
        public void started(TableLoad l) {
          // the fifth table to start: four tables are copied, uncommitted, in the worker's open transaction
          if (l.table().name().name().equals(loads.get(4).table().name().name()) && cut.compareAndSet(false, true)) {
            proxy.reset(n -> true);
          }
        }
      };
      LoadReport report = Loader.builder().source(TestTables.connections(src))
          .target(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + dst.name()
              + "?user=postgres"))
          .jobs(1).retry(NO_WAIT).progress(listener).journal(journal).build().load(loads);

      assertThat(cut).isTrue();
      assertThat(report.tables()).hasSize(10);
      TableDigest.userTables(src).forEach(t -> assertThat(TableDigest.of(dst, t)).as(t).isEqualTo(TableDigest.of(src, t)));
      assertThat(report.rows()).isEqualTo(Long.parseLong(dst.scalar(
          "SELECT (SELECT count(*) FROM s0) + (SELECT count(*) FROM s1) + (SELECT count(*) FROM s2)"
              + " + (SELECT count(*) FROM s3) + (SELECT count(*) FROM s4) + (SELECT count(*) FROM s5)"
              + " + (SELECT count(*) FROM s6) + (SELECT count(*) FROM s7) + (SELECT count(*) FROM s8)"
              + " + (SELECT count(*) FROM s9)")));
    }
  }
}
