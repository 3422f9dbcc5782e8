package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.resume.CloneJournal;
import io.pgferry.testkit.DatabaseSnapshot;
import io.pgferry.testkit.FaultFixtures;
import io.pgferry.testkit.FaultProxy;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network between pgferry and a server fails while a clone runs: a TCP proxy ({@link FaultProxy}) resets,
 * drops or stalls the clone's links, on the source side or the target side, mid-COPY or mid-index-build. Links
 * to the target and the source's load links are opened again and the work in flight is redone, so the clone
 * completes equal to the source; the link that holds the source's exported snapshot cannot be replaced, so losing
 * it stops the clone with its work kept, and {@code --resume} finishes it exactly.
 */
class CloneNetworkFaultTest {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "netfault_src").execute(FaultFixtures.indexedTables(24, 15000));
    target = TestDatabase.create(PostgresServers.target(), "netfault_dst");
  }

  @AfterEach
  void tearDown() {
    source.close();
    target.close();
  }

  @Test
  void clone_sourceLoadLinksResetMidCopy_retriedAndEqualsSource() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(source.port())) {
      // link 0 is the clone's first connection: the one holding the exported snapshot
      int cut = cloneWithFault(proxy.url(source), target.url(), c -> FaultFixtures.piecesDone(c) >= 3, () -> proxy.reset(n -> n != 0));
      assertThat(cut).as("source load links reset").isPositive();
      assertEqualsSource();
    }
  }

  @Test
  void clone_targetLinksResetMidCopy_retriedAndEqualsSource() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(target.port())) {
      int cut = cloneWithFault(source.url(), proxy.url(target), c -> FaultFixtures.piecesDone(c) >= 3, () -> proxy.reset(n -> true));
      assertThat(cut).as("target links reset").isPositive();
      assertEqualsSource();
    }
  }

  @Test
  void clone_targetLinksDroppedMidIndexBuild_retriedAndEqualsSource() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(target.port())) {
      int cut = cloneWithFault(source.url(), proxy.url(target), CloneNetworkFaultTest::indexBuilding, () -> proxy.drop(n -> true));
      assertThat(cut).as("target links dropped").isPositive();
      assertEqualsSource();
    }
  }

  @Test
  void clone_bothSidesStalledMidCopy_completesAndEqualsSource() throws Exception {
    try (FaultProxy sp = FaultProxy.start(source.port()); FaultProxy tp = FaultProxy.start(target.port())) {
      int stalled = cloneWithFault(sp.url(source), tp.url(target), c -> FaultFixtures.piecesDone(c) >= 3, () -> {
        sp.stall(Duration.ofSeconds(2));
        tp.stall(Duration.ofSeconds(2));
        return sp.open() + tp.open();
      });
      assertThat(stalled).as("links stalled").isPositive();
      assertEqualsSource();
    }
  }

  @Test
  void clone_sourceSnapshotLinkReset_keptAndResumedToEqualSource() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(source.port())) {
      CloneOptions o = options(proxy.url(source), target.url());
      assertThatThrownBy(() -> cloneWithFault(o, c -> FaultFixtures.piecesDone(c) >= 3, () -> proxy.reset(n -> true)))
          .isInstanceOf(PgferryException.class);
      try (Connection c = target.connect()) {
        assertThat(CloneJournal.find(c)).as("the record of the interrupted clone").isNotNull();
      }
      runner().run(o.toBuilder().recovery(CloneOptions.Recovery.RESUME).build());
      assertEqualsSource();
      try (Connection c = target.connect()) {
        assertThat(CloneJournal.find(c)).as("the record, after the resumed clone completed").isNull();
      }
    }
  }

  private static CloneOptions options(String sourceUrl, String targetUrl) {
    return CloneOptions.of(Endpoints.of(sourceUrl, "SOURCE"), Endpoints.of(targetUrl, "TARGET")).toBuilder().jobs(2).build();
  }

  private static CloneRunner runner() {
    return new CloneRunner(RunListener.SILENT, CloneTuning.builder().chunkBytes(256 * 1024).build());
  }

  private int cloneWithFault(String sourceUrl, String targetUrl, Predicate<Connection> when, Fault fault) throws Exception {
    return cloneWithFault(options(sourceUrl, targetUrl), when, fault);
  }

  /** Runs the clone; once {@code when} holds on the target (asked directly), injects {@code fault} once. */
  private int cloneWithFault(CloneOptions o, Predicate<Connection> when, Fault fault) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger hit = new AtomicInteger();
    Thread watcher = Thread.ofPlatform().start(() -> {
      try (Connection c = target.connect()) {
        while (!done.get()) {
          if (when.test(c)) {
            hit.set(fault.inject());
            return;
          }
          Thread.sleep(2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      runner().run(o);
    } finally {
      done.set(true);
      watcher.join();
    }
    return hit.get();
  }

  @FunctionalInterface
  private interface Fault {
    int inject();
  }

  private void assertEqualsSource() {
    assertThat(DatabaseSnapshot.of(target)).isEqualTo(DatabaseSnapshot.of(source));
    for (String table : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, table)).as(table).isEqualTo(TableDigest.of(source, table));
    }
  }

  private static boolean indexBuilding(Connection c) {
    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname ="
        + " current_database() AND application_name = 'pgferry seal' AND state = 'active' AND query ILIKE 'CREATE%INDEX%')")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      return false;
    }
  }
}
