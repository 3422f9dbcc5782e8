package io.pgferry.applier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.SqlStatement;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Waiting work runs heaviest first; work that depends on other work is queued by it when it is done (the
 * caller's waves), so it always sees what it depends on.
 */
class ParallelApplyOrderTest {
  @Test
  void submit_laneBusy_heaviestWaitingWorkRunsFirst() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "order_weight")) {
      List<Long> order = new CopyOnWriteArrayList<>();
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      try (ParallelApplier p = ParallelApplier.builder().connections(db::connect).lanes(1).build()) {
        p.submit(0, () -> {
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        running.await();
        for (long weight : new long[] {1, 5, 3, 5}) {
          p.submit(weight, () -> {
            order.add(weight);
            p.apply(List.of(new SqlStatement("CREATE TABLE w" + order.size() + "_" + weight + " (a int)", "weight " + weight)), true);
          });
        }
        release.countDown();
        p.await();
        assertThat(p.failure()).isNull();
      }
      assertThat(order).containsExactly(5L, 5L, 3L, 1L);
      assertThat(db.query("SELECT relname FROM pg_class WHERE relname LIKE 'w%' ORDER BY 1"))
          .containsExactly(List.of("w1_5"), List.of("w2_5"), List.of("w3_3"), List.of("w4_1"));
    }
  }

  @Test
  void submit_secondWaveQueuedWhenFirstIsDone_everyForeignKeyFindsItsTable() throws Exception {
    try (TestDatabase db = TestDatabase.create(PostgresServers.target(), "order_waves")) {
      int tables = 8;
      AtomicInteger left = new AtomicInteger(tables);
      try (ParallelApplier p = ParallelApplier.builder().connections(db::connect).lanes(3).build()) {
        Runnable secondWave = () -> {
          List<SqlStatement> keys = new ArrayList<>();
          for (int i = 1; i < tables; i++) {
            keys.add(new SqlStatement("ALTER TABLE p" + i + " ADD FOREIGN KEY (parent) REFERENCES p" + (i - 1), "key of p" + i));
          }
          p.submit(0, () -> p.apply(keys, true));
        };
        for (int i = 0; i < tables; i++) {
          List<SqlStatement> build = List.of(
              new SqlStatement("CREATE TABLE p" + i + " (id int, parent int)", "create p" + i),
              new SqlStatement("ALTER TABLE p" + i + " ADD PRIMARY KEY (id)", "primary key of p" + i));
          p.submit(i, () -> {
            p.apply(build, true);
            if (left.decrementAndGet() == 0) {
              secondWave.run();
            }
          });
        }
        // the wait covers the second wave too: it is queued before the last of the first is done
        p.await();
        assertThat(p.failure()).isNull();
      }
      assertThat(db.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text ~ '^p[0-9]$'"))
          .isEqualTo(Integer.toString(tables - 1));
    }
  }
}
