package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A load that starts while its target tables are still being created copies each one only once it has arrived. */
class LoaderArrivalsTest {
  private static final String DDL = """
      CREATE TABLE a (id int PRIMARY KEY, v text);
      CREATE TABLE b (id int PRIMARY KEY, v text);
      CREATE TABLE c (id int PRIMARY KEY, v text)""";
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "arrivals_src");
    dst = TestDatabase.create(PostgresServers.target(), "arrivals_dst");
    src.execute(DDL);
    src.execute("INSERT INTO a SELECT g, 'a' || g FROM generate_series(1, 500) g");
    src.execute("INSERT INTO b SELECT g, 'b' || g FROM generate_series(1, 20) g");
    src.execute("INSERT INTO c SELECT g, 'c' || g FROM generate_series(1, 3000) g");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  @Test
  void load_tablesCreatedWhileItRuns_copiesEachAfterItArrivesAndAllRows() throws Exception {
    Map<String, CountDownLatch> finished = new ConcurrentHashMap<>();
    List.of("a", "b", "c").forEach(t -> finished.put(t, new CountDownLatch(1)));
    Arrivals arrivals = Arrivals.expected();
    FutureTask<LoadReport> load = start(arrivals, finished);

    // none of the target tables exists yet: a copy that did not wait would fail on a missing relation
    dst.execute("CREATE TABLE a (id int PRIMARY KEY, v text)");
    arrivals.arrived(List.of(QualifiedName.of("public", "a")));
    assertThat(finished.get("a").await(60, TimeUnit.SECONDS)).as("a copied before the others exist").isTrue();
    assertThat(dst.scalar("SELECT to_regclass('public.b') IS NULL")).isEqualTo("t");

    dst.execute("CREATE TABLE b (id int PRIMARY KEY, v text); CREATE TABLE c (id int PRIMARY KEY, v text)");
    arrivals.arrived(List.of(QualifiedName.of("public", "b")));
    assertThat(finished.get("b").await(60, TimeUnit.SECONDS)).isTrue();
    arrivals.all(); // c is named by no arrival: it comes with the end

    LoadReport report = load.get(60, TimeUnit.SECONDS);
    assertThat(report.rows()).isEqualTo(500 + 20 + 3000);
    for (String t : List.of("a", "b", "c")) {
      assertThat(TableDigest.of(dst, t)).as(t).isEqualTo(TableDigest.of(src, t));
    }
  }

  @Test
  void load_arrivalsAbandoned_stopsWithTheReasonAndCopiesNothing() throws Exception {
    dst.execute(DDL);
    Arrivals arrivals = Arrivals.expected();
    FutureTask<LoadReport> load = start(arrivals, Map.of());
    arrivals.abandon("the base phase failed in the test");

    assertThatThrownBy(() -> load.get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.reason()).isEqualTo(LoadException.Reason.INTERRUPTED);
          assertThat(e.getMessage()).contains("the base phase failed in the test");
        });
    assertThat(dst.scalar("SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) + (SELECT count(*) FROM c)")).isEqualTo("0");
  }

  @Test
  void load_everyTableArrivedBeforeItStarts_copiesAll() throws Exception {
    dst.execute(DDL);
    Arrivals arrivals = Arrivals.expected();
    arrivals.arrived(List.of(QualifiedName.of("public", "a"), QualifiedName.of("public", "c")));
    arrivals.all();
    LoadReport report = start(arrivals, Map.of()).get(60, TimeUnit.SECONDS);
    assertThat(report.tables()).hasSize(3);
    assertThat(report.rows()).isEqualTo(3520);
  }

  /** The load of a, b and c on a thread of its own; {@code finished} counts down as each table completes. */
  private FutureTask<LoadReport> start(Arrivals arrivals, Map<String, CountDownLatch> finished) {
    List<TableLoad> loads = TestTables.readAll(src).stream().map(TableLoad::of).toList();
    ProgressListener listener = new ProgressListener() {
      @Override
      public void finished(TableResult result) {
        CountDownLatch l = finished.get(result.source().name());
        if (l != null) {
          l.countDown();
        }
      }
    };
    Loader loader = Loader.builder().source(TestTables.connections(src)).target(TestTables.connections(dst)).jobs(2)
        .progress(listener).retry(new PieceRetry(1, java.time.Duration.ZERO, java.time.Duration.ZERO, ms -> {})).build();
    FutureTask<LoadReport> task = new FutureTask<>(() -> loader.load(loads, arrivals));
    Thread.ofVirtual().start(task);
    return task;
  }
}
