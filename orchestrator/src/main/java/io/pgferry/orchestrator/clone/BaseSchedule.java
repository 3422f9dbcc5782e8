package io.pgferry.orchestrator.clone;

import io.pgferry.applier.Applier;
import io.pgferry.applier.Reconnect;
import io.pgferry.extractor.ConnectionSource;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.orchestrator.LockBudget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the base phase runs: its {@link DdlWriter.Wave}s cut into transactions that fit the target's lock table, on
 * the run's own connection, except a wave's independent part when it is large: that is shared out among
 * {@code jobs} connections of their own and the run's own, idle otherwise. Creating a table is CPU work in its
 * backend (catalog rows, files), so 10,000 new tables took 15.3 / 17.2 s on one connection and 8.7 / 11.0 s on two
 * (PostgreSQL 15, 2 cores); and a backend also waits for the disk (a table's TOAST index is flushed when it is
 * built), so the run's own connection, open and idle anyway, takes a share: 8.1 s on average on three (eight runs)
 * against 8.6 s on two (six runs), alternating, at 10,000 tables.
 *
 * <p>A small base phase stays one transaction on one connection, as it always was.
 *
 * @param steps in order; each needs only what the steps before it committed
 */
record BaseSchedule(List<Step> steps) {
  /**
   * Independent statements a wave needs before it is shared out: below that, the connections' set-up and the
   * transactions in place of one cost about what they save.
   */
  static final int PARALLEL_MIN = 1000;

  /**
   * One step: {@code transactions} on one connection after another, or (when {@code parallel}) each connection's
   * list of transactions, the connections side by side.
   */
  record Step(boolean parallel, List<List<List<SqlStatement>>> connections) {
    int transactions() {
      return connections.stream().mapToInt(List::size).sum();
    }
  }

  /**
   * @param min independent statements a wave needs to be shared out ({@link #PARALLEL_MIN}; tests lower it)
   */
  static BaseSchedule of(List<DdlWriter.Wave> waves, int jobs, int min, LockBudget locks) {
    List<Step> steps = new ArrayList<>();
    // SET LOCAL holds for one transaction: every later transaction, on any connection, starts with them again
    List<SqlStatement> settings = new ArrayList<>();
    List<SqlStatement> pending = new ArrayList<>();
    for (DdlWriter.Wave w : waves) {
      w.inOrder().stream().filter(BaseSchedule::setting).forEach(settings::add);
      int independent = w.independent().stream().mapToInt(List::size).sum();
      if (jobs < 2 || independent < Math.max(1, min)) {
        pending.addAll(w.statements());
        continue;
      }
      pending.addAll(w.inOrder());
      flush(steps, pending, locks);
      pending = new ArrayList<>(settings);
      int lanes = jobs + 1; // the run's own connection too
      LockBudget share = new LockBudget(Math.max(1, locks.perTransaction() / lanes));
      List<List<List<SqlStatement>>> connections = new ArrayList<>();
      int units = w.independent().size();
      for (int i = 0; i < lanes; i++) {
        // dealt out in turn, not cut in halves: units come sorted by kind, and 5,000 sequences on one connection
        // against 5,000 tables on the other left the first idle for half the wave
        List<SqlStatement> part = new ArrayList<>(settings);
        for (int u = i; u < units; u += lanes) {
          part.addAll(w.independent().get(u));
        }
        if (part.size() > settings.size()) {
          connections.add(share.split(part));
        }
      }
      steps.add(new Step(true, connections));
    }
    flush(steps, pending, locks);
    return new BaseSchedule(steps);
  }

  private static boolean setting(SqlStatement s) {
    return s.sql().startsWith("SET LOCAL ");
  }

  private static void flush(List<Step> steps, List<SqlStatement> pending, LockBudget locks) {
    if (pending.stream().anyMatch(s -> !setting(s))) {
      steps.add(new Step(false, List.of(locks.split(pending))));
    }
  }

  int transactions() {
    return steps.stream().mapToInt(Step::transactions).sum();
  }

  int connections() {
    return steps.stream().mapToInt(s -> s.connections().size()).max().orElse(1);
  }

  /** One transaction of a step on a connection. */
  @FunctionalInterface
  interface Transaction {
    void apply(Connection target, Applier applier, List<SqlStatement> statements, String name);
  }

  /**
   * Runs a parallel step: the first list of transactions on the run's own connection {@code own}, each other on a
   * connection of its own from {@code target}, side by side; a transaction whose connection was lost runs again on a
   * new one ({@link TargetLink}). The first failure stops the others before their next statement (their open
   * transaction rolls back) and is thrown; the connections opened here are closed either way, {@code own} stays open.
   */
  static void runParallel(Step step, TargetLink own, ConnectionSource target, Reconnect reconnect, Transaction transaction,
      String name) throws SQLException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < step.connections().size(); i++) {
      List<List<SqlStatement>> mine = step.connections().get(i);
      boolean first = i == 0;
      // platform threads: an interrupt must stop the applier between statements, not close a virtual thread's socket
      workers.add(Thread.ofPlatform().name("pgferry-base-" + i).unstarted(() -> {
        Applier applier = Applier.builder().pipelined(true).build();
        TargetLink link = first ? own : TargetLink.open(target, null, reconnect);
        try {
          for (List<SqlStatement> tx : mine) {
            if (failure.get() != null) {
              return;
            }
            link.run(c -> transaction.apply(c, applier, tx, name));
          }
        } catch (SQLException | RuntimeException | Error e) {
          if (failure.compareAndSet(null, e instanceof Exception x ? x : new IllegalStateException(e.toString(), e))) {
            interruptOthers(workers);
          }
        } finally {
          if (!first) {
            link.close();
          }
        }
      }));
    }
    workers.forEach(Thread::start);
    join(workers);
    Exception e = failure.get();
    if (e instanceof SQLException s) {
      throw s;
    }
    if (e != null) {
      throw (RuntimeException) e;
    }
  }

  private static void interruptOthers(List<Thread> workers) {
    for (Thread t : workers) {
      if (t != Thread.currentThread()) {
        t.interrupt();
      }
    }
  }

  /** Waits for every worker; a cancel of this thread stops them at their next statement (their connections close after). */
  private static void join(List<Thread> workers) {
    boolean interrupted = false;
    for (Thread t : workers) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          interruptOthers(workers);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
