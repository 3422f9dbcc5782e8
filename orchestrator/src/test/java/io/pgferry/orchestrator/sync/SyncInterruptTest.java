package io.pgferry.orchestrator.sync;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.connect.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.loader.Syncer;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync interrupted while the target is still being opened leaves no target connection behind. */
class SyncInterruptTest {
  @TempDir Path home;
  private TestDatabase src;
  private TestDatabase dst;

  @BeforeEach
  void databases() {
    src = TestDatabase.create(PostgresServers.source(), "syncint_src").execute("CREATE TABLE items (id bigint PRIMARY KEY)");
    dst = TestDatabase.create(PostgresServers.target(), "syncint_dst");
  }

  @AfterEach
  void drop() {
    src.close();
    dst.close();
  }

  private static boolean waitingForTheTarget(Thread t) {
    return t.getState() == Thread.State.WAITING
        && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(SyncRunner.class.getName()) && f.getMethodName().equals("await"));
  }

  @Test
  void run_interruptedWhileTheTargetOpens_targetConnectionClosedOnceItIsOpen() throws Exception {
    Endpoint source = ConnectionSpec.resolve(ConnectionInput.ofUrl(src.url()), "SOURCE", Map.of(), home);
    Endpoint real = ConnectionSpec.resolve(ConnectionInput.ofUrl(dst.url()), "TARGET", Map.of(), home);
    CountDownLatch opening = new CountDownLatch(1);
    AtomicReference<Connection> opened = new AtomicReference<>();
    // the target answers only after the run has been interrupted, as a slow server would
    Endpoint slowTarget = new Endpoint() {
      @Override
      public Connection open(String applicationName) {
        try {
          opening.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Connection c = real.open(applicationName);
        opened.set(c);
        return c;
      }

      @Override
      public String display() {
        return real.display();
      }
    };
    SyncOptions options = SyncOptions.builder(source, slowTarget).jobs(1).batchSize(100)
        .keyless(SyncOptions.Keyless.SKIP).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread run = Thread.ofPlatform().start(() -> {
      try {
        new SyncRunner(RunListener.SILENT).run(options);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!waitingForTheTarget(run) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(waitingForTheTarget(run)).as("the source is read and the run waits for the target").isTrue();

    run.interrupt();
    run.join(TimeUnit.SECONDS.toMillis(30));
    opening.countDown(); // now the target side opens its connection and reads the catalog, for nobody

    assertThat(thrown.get()).isInstanceOfSatisfying(PgferryException.class,
        e -> assertThat(e.getMessage()).contains("interrupted while reading the target's catalog"));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ((opened.get() == null || !opened.get().isClosed()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(opened.get()).as("the target side opened its connection").isNotNull();
    assertThat(opened.get().isClosed()).as("that connection closed").isTrue();
  }
}
