package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The COPY engine against the two real embedded servers. */
class LoaderTest {
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "loader_src");
    dst = TestDatabase.create(PostgresServers.target(), "loader_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private Loader.Builder loader() {
    return Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst));
  }

  private void both(String ddl) {
    src.execute(ddl);
    TestTables.prepareTarget(dst, ddl);
  }

  private Table table(String schema, String name) {
    return TestTables.read(src, QualifiedName.of(schema, name));
  }

  private long count(TestDatabase db, String quotedTable) {
    return Long.parseLong(db.scalar("SELECT count(*) FROM " + quotedTable));
  }

  private void assertSameRows(String quotedTable) {
    assertThat(TableDigest.of(dst, quotedTable)).as(quotedTable).isEqualTo(TableDigest.of(src, quotedTable));
  }

  @Test
  void load_awkwardFixture_everyTableIdentical() {
    String ddl = TestDatabase.resource("/io/pgferry/testkit/awkward.sql");
    src.execute(ddl);
    TestTables.prepareTarget(dst, ddl); // same DDL, then emptied
    List<TableLoad> loads = TestTables.readAll(src).stream().map(TableLoad::of).toList();

    LoadReport report = loader().jobs(2).build().load(loads);

    List<String> tables = TableDigest.userTables(src);
    assertThat(tables).hasSize(4);
    tables.forEach(this::assertSameRows);
    assertThat(report.tables()).hasSize(4);
    assertThat(report.rows()).isEqualTo(3 + 4 + 50 + 1000);
    assertThat(report.bytes()).isPositive();
    String items = "\"My Schema\".\"Order Items\"";
    assertThat(dst.query("SELECT \"ID\" FROM " + items + " ORDER BY 1")).isEqualTo(src.query("SELECT \"ID\" FROM " + items + " ORDER BY 1"))
        .extracting(r -> r.get(0)).containsExactly("10", "15", "20");
    assertThat(dst.scalar("SELECT total FROM " + items + " WHERE \"ID\" = 10")).isEqualTo("24.68");
  }

  @Test
  void load_twentyTablesWithFourJobs_identicalAndCopiedByAtMostFourWorkers() {
    StringBuilder ddl = new StringBuilder("CREATE SCHEMA many;");
    for (int i = 1; i <= 20; i++) {
      ddl.append(String.format("CREATE TABLE many.t%02d (id bigint PRIMARY KEY, payload text, n numeric, at timestamptz);", i));
    }
    both(ddl.toString());
    for (int i = 1; i <= 20; i++) {
      src.execute(String.format("INSERT INTO many.t%02d SELECT g, 'row ' || g || E'\\t\\\\' || md5(g::text), g / 7.0,"
          + " '2024-01-01'::timestamptz + g * interval '1 minute' FROM generate_series(1, %d) g", i, i * 300));
    }
    src.execute("ANALYZE");
    List<TableLoad> loads = TestTables.readAll(src).stream().map(TableLoad::of).toList();
    // small tables share a worker's transaction (PieceGroup), so several are started before any finishes: what
    // is bounded is the workers, each copying one table at a time
    java.util.Set<Thread> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<TableLoad> planned = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void planned(List<TableLoad> l) {
        planned.addAll(l);
      }

      @Override
      public void started(TableLoad l) {
        workers.add(Thread.currentThread());
      }
    };

    LoadReport report = loader().jobs(4).bufferSize(4096).progress(listener).build().load(loads);

    TableDigest.userTables(src).forEach(this::assertSameRows);
    assertThat(report.tables()).hasSize(20);
    assertThat(report.rows()).isEqualTo(300L * 210);
    assertThat(workers).hasSizeBetween(1, 4);
    assertThat(planned).extracting(l -> l.table().estimatedBytes())
        .isSortedAccordingTo(Collections.reverseOrder());
    assertThat(planned.get(0).table().name().name()).isEqualTo("t20");
  }

  @Test
  void load_whereFilter_copiesExactlyTheMatchingRows() {
    both("CREATE TABLE f (id int, label text)");
    src.execute("INSERT INTO f SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'l' || g END FROM generate_series(1, 1000) g");
    String where = "id % 3 = 0 AND (label IS NULL OR label LIKE '%7%')";
    src.execute("CREATE TABLE expected AS SELECT * FROM f WHERE " + where);

    LoadReport report = loader().build().load(List.of(new TableLoad(table("public", "f"), null, where, null)));

    assertThat(TableDigest.of(dst, "public.f")).isEqualTo(TableDigest.of(src, "public.expected"));
    assertThat(report.rows()).isEqualTo(count(src, "expected")).isPositive();
  }

  @Test
  void load_toOtherTargetName_writesThere() {
    src.execute("CREATE TABLE a (id int); INSERT INTO a SELECT generate_series(1, 10)");
    dst.execute("CREATE SCHEMA other; CREATE TABLE other.\"B b\" (id int)");

    LoadReport report = loader().build().load(List.of(new TableLoad(table("public", "a"), QualifiedName.of("other", "B b"), null, null)));

    assertThat(count(dst, "other.\"B b\"")).isEqualTo(10);
    assertThat(report.tables().get(0).target()).isEqualTo(QualifiedName.of("other", "B b"));
  }

  @Test
  void load_withSnapshot_seesOnlyRowsCommittedBeforeIt() throws Exception {
    both("CREATE TABLE s (id int)");
    src.execute("INSERT INTO s SELECT generate_series(1, 1000)");
    try (Connection held = src.connect()) {
      held.setAutoCommit(false);
      String snapshot;
      try (Statement st = held.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
          rs.next();
          snapshot = rs.getString(1);
        }
      }
      src.execute("INSERT INTO s SELECT generate_series(1001, 1500)");

      loader().snapshot(snapshot).jobs(2).build().load(List.of(TableLoad.of(table("public", "s"))));

      assertThat(count(dst, "s")).isEqualTo(1000);
      held.rollback();
    }
    dst.execute("TRUNCATE s");
    loader().build().load(List.of(TableLoad.of(table("public", "s"))));
    assertThat(count(dst, "s")).isEqualTo(1500);
  }

  @Test
  void load_unknownSnapshot_failsAsSourceRead() {
    both("CREATE TABLE s (id int)");
    assertThatThrownBy(() -> loader().snapshot("00000003-0000001B-1").build().load(List.of(TableLoad.of(table("public", "s")))))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.reason()).isEqualTo(LoadException.Reason.SOURCE_READ);
          // "snapshot does not exist": 42704 from PostgreSQL 15, 22023 (invalid parameter value) on 14
          assertThat(e.sqlState()).isIn("42704", "22023");
        });
  }

  /**
   * Documented behaviour: tables committed before the failure stay committed, the failing table is rolled
   * back, and tables not yet started are never started. {@code big} is sized above {@link PieceGroup#SMALL_TABLE_BYTES}
   * so that it commits on its own (small tables share a transaction, and roll back together).
   */
  @Test
  void load_checkViolationOnTarget_throwsNamingTableAndSqlStateAndRollsBackThatTable() {
    src.execute("""
        CREATE TABLE big (id int); CREATE TABLE bad (v int); CREATE TABLE small (id int);
        INSERT INTO big SELECT generate_series(1, 5000);
        INSERT INTO bad SELECT generate_series(1, 100);
        INSERT INTO small SELECT generate_series(1, 10)""");
    dst.execute("""
        CREATE TABLE big (id int); CREATE TABLE small (id int);
        CREATE TABLE bad (v int CONSTRAINT bad_v_small CHECK (v < 50))""");
    List<TableLoad> loads = List.of(
        TableLoad.of(TestTables.withSize(table("public", "small"), 1000)),
        TableLoad.of(TestTables.withSize(table("public", "bad"), 2000)),
        TableLoad.of(TestTables.withSize(table("public", "big"), PieceGroup.SMALL_TABLE_BYTES + 1)));

    assertThatThrownBy(() -> loader().jobs(1).build().load(loads))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.reason()).isEqualTo(LoadException.Reason.TARGET_WRITE);
          assertThat(e.table()).isEqualTo(QualifiedName.of("public", "bad"));
          assertThat(e.sqlState()).isEqualTo("23514");
          assertThat(e.serverMessage()).contains("bad_v_small");
          assertThat(e.getMessage()).contains("public.bad", "SQLSTATE 23514", "bad_v_small").doesNotContain("Failing row");
        });
    assertThat(count(dst, "big")).isEqualTo(5000);
    assertThat(count(dst, "bad")).isZero();
    assertThat(count(dst, "small")).isZero();
  }

  @Test
  void load_failureWithTablesInFlight_cancelsThemAndRollsBack() {
    StringBuilder ddl = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      ddl.append("CREATE TABLE ok").append(i).append(" (id int);");
    }
    both(ddl + "CREATE TABLE boom (v int)");
    for (int i = 1; i <= 6; i++) {
      src.execute("INSERT INTO ok" + i + " SELECT generate_series(1, 100000)");
    }
    src.execute("INSERT INTO boom VALUES (1)");
    dst.execute("ALTER TABLE boom ADD CHECK (v > 1)");
    List<TableLoad> loads = new ArrayList<>();
    loads.add(TableLoad.of(TestTables.withSize(table("public", "boom"), Long.MAX_VALUE)));
    for (int i = 1; i <= 6; i++) {
      loads.add(TableLoad.of(table("public", "ok" + i)));
    }

    assertThatThrownBy(() -> loader().jobs(3).build().load(loads))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.table().name()).isEqualTo("boom"));

    assertThat(count(dst, "boom")).isZero();
    for (int i = 1; i <= 6; i++) {
      assertThat(count(dst, "ok" + i)).as("ok%d is all or nothing", i).isIn(0L, 100000L);
    }
    assertThat(dst.otherSessionsAfterClose()).isEqualTo("0");
  }

  @Test
  void load_missingSourceTable_failsAsSourceRead() {
    dst.execute("CREATE TABLE gone (id int)");
    src.execute("CREATE TABLE gone (id int)");
    Table gone = table("public", "gone");
    src.execute("DROP TABLE gone");
    assertThatThrownBy(() -> loader().build().load(List.of(TableLoad.of(gone))))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.reason()).isEqualTo(LoadException.Reason.SOURCE_READ);
          assertThat(e.sqlState()).isEqualTo("42P01");
          assertThat(e.getMessage()).contains("public.gone", "42P01");
        });
  }

  @Test
  void load_missingTargetTable_failsAsTargetWrite() {
    src.execute("CREATE TABLE only_here (id int)");
    assertThatThrownBy(() -> loader().build().load(List.of(TableLoad.of(table("public", "only_here")))))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.reason()).isEqualTo(LoadException.Reason.TARGET_WRITE);
          assertThat(e.sqlState()).isEqualTo("42P01");
        });
  }

  @Test
  void load_partitionedParent_skippedWhilePartitionsCopied() {
    both("""
        CREATE TABLE p (id int, region text) PARTITION BY LIST (region);
        CREATE TABLE p_eu PARTITION OF p FOR VALUES IN ('eu');
        CREATE TABLE p_us PARTITION OF p FOR VALUES IN ('us')""");
    src.execute("INSERT INTO p SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END FROM generate_series(1, 100) g");

    LoadReport report = loader().build().load(TestTables.readAll(src).stream().map(TableLoad::of).toList());

    assertThat(report.tables()).extracting(r -> r.source().name()).containsExactlyInAnyOrder("p_eu", "p_us");
    assertSameRows("public.p_eu");
    assertSameRows("public.p_us");
  }

  @Test
  void load_callerInterrupted_throwsInterruptedAndWritesNothing() {
    both("CREATE TABLE i (id int)");
    src.execute("INSERT INTO i SELECT generate_series(1, 10)");
    Loader loader = loader().build();
    List<TableLoad> loads = List.of(TableLoad.of(table("public", "i")));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> loader.load(loads))
          .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.INTERRUPTED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(count(dst, "i")).isZero();
  }

  @Test
  void load_transformerOnGeneratedColumn_rejectedAsConfig() {
    both("CREATE TABLE g (price int, total int GENERATED ALWAYS AS (price * 2) STORED)");
    TableLoad load = new TableLoad(table("public", "g"), null, null, java.util.Map.of("total", (v, row) -> v));
    assertThatThrownBy(() -> loader().build().load(List.of(load)))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.CONFIG))
        .hasMessageContaining("\"total\"").hasMessageContaining("generated");
  }

  @Test
  void progress_frozenClock_reportsOnlyStartAndEnd() {
    both("CREATE TABLE pr (id int)");
    src.execute("INSERT INTO pr SELECT generate_series(1, 5)");
    List<long[]> events = new ArrayList<>();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void progress(TableLoad l, long rows, long bytes) {
        events.add(new long[] {rows, bytes});
      }
    };

    LoadReport report = loader().progress(listener).nanoTime(() -> 42L).build().load(List.of(TableLoad.of(table("public", "pr"))));

    assertThat(events).extracting(e -> e[0]).containsExactly(0L, 5L);
    assertThat(events.get(1)[1]).isEqualTo(10L); // "1\n" … "5\n"
    assertThat(report.elapsed()).isEqualTo(Duration.ZERO);
    assertThat(report.tables().get(0).elapsed()).isEqualTo(Duration.ZERO);
  }

  @Test
  void progress_clockAdvancingPastInterval_reportsEveryRow() {
    both("CREATE TABLE pr (id int)");
    src.execute("INSERT INTO pr SELECT generate_series(1, 5)");
    List<Long> rows = new ArrayList<>();
    AtomicLong clock = new AtomicLong();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void progress(TableLoad l, long r, long bytes) {
        rows.add(r);
      }
    };

    loader().progress(listener).nanoTime(() -> clock.addAndGet(Duration.ofMillis(150).toNanos())).build()
        .load(List.of(TableLoad.of(table("public", "pr"))));

    assertThat(rows).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 5L);
  }

  @Test
  void load_injectedExecutor_runsEveryCopyOnIt() {
    both("CREATE TABLE e1 (id int); CREATE TABLE e2 (id int)");
    src.execute("INSERT INTO e1 SELECT generate_series(1, 10); INSERT INTO e2 SELECT generate_series(1, 20)");
    AtomicInteger submitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      LoadReport report = loader().executor(r -> {
        submitted.incrementAndGet();
        pool.execute(r);
      }).build().load(List.of(TableLoad.of(table("public", "e1")), TableLoad.of(table("public", "e2"))));
      assertThat(submitted.get()).isEqualTo(2);
      assertThat(report.rows()).isEqualTo(30);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builder_invalidSettings_rejectedAsConfig() {
    assertThatThrownBy(() -> Loader.builder().snapshot("x'; DROP TABLE t; --"))
        .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.reason()).isEqualTo(LoadException.Reason.CONFIG))
        .hasMessageContaining("snapshot");
    assertThatThrownBy(() -> Loader.builder().source(TestTables.connections(src)).build()).isInstanceOf(LoadException.class);
    assertThatThrownBy(() -> Loader.builder().jobs(0)).hasMessageContaining("jobs");
    assertThatThrownBy(() -> Loader.builder().bufferSize(10)).hasMessageContaining("bufferSize");
    assertThat(Loader.builder().snapshot("00000003-0000001b-1")).isNotNull();
    assertThat(Loader.builder().snapshot("00000003-0000001B")).isNotNull();
  }
}
