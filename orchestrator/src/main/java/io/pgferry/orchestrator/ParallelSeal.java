package io.pgferry.orchestrator;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.ConnectionSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SealPlan} on a pool of {@code jobs} target connections: a table's index builds start as
 * soon as the load reports that table committed (in parallel with the copies still running), largest
 * first; a foreign key as soon as the groups of both its tables are done (so the checks of the other tables
 * fill the cores while one table's long build still runs); views and other objects last, in one transaction.
 *
 * <p>This is not one transaction. All-or-nothing is kept by the caller: every object the seal creates
 * belongs to a table the run created, so on failure the run's undo (dropping those tables) removes it, and
 * the clone is reported done only when every piece has succeeded. The first failure cancels the statements
 * still running and skips the rest; {@link #close} waits for the pool, so no seal connection holds a lock
 * when the undo starts.
 */
final class ParallelSeal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ParallelSeal.class);

  private final SealPlan plan;
  private final ConnectionSource target;
  private final CloneTuning tuning;
  private final LockBudget locks;
  private final ThreadPoolExecutor pool;
  private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
  private final Set<Connection> busy = ConcurrentHashMap.newKeySet();
  private final List<Connection> opened = new ArrayList<>();
  private final ReentrantLock openLock = new ReentrantLock();
  private final Map<QualifiedName, SealPlan.Group> groupOf = new HashMap<>();
  private final Map<SealPlan.Group, AtomicInteger> pendingLoads = new ConcurrentHashMap<>();
  private final Set<SealPlan.Group> started = ConcurrentHashMap.newKeySet();
  private final CountDownLatch groupsDone;
  private final AtomicReference<PgferryException> failure = new AtomicReference<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger builds = new AtomicInteger();
  private final ForeignKeyQueue foreignKeys;
  /** Foreign keys are added one transaction at a time: two at once could lock the same tables in opposite orders. */
  private final ReentrantLock addLock = new ReentrantLock();
  /** Foreign key work submitted and not yet done; {@link #finish} waits for it. */
  private final Phaser foreignKeyWork = new Phaser(1);
  /** A job that takes the ready foreign keys is queued and has not started: finished groups need no other. */
  private final AtomicBoolean foreignKeysQueued = new AtomicBoolean();
  /** SQLSTATEs after which the same transaction is run again: deadlock, serialization failure, lock timeout. */
  static final Set<String> TRANSIENT = Set.of("40P01", "40001", "55P03");
  /** Tries of one transaction at most; waits of 50, 100, 200 ms between them. */
  static final int ATTEMPTS = 4;
  static final long BACKOFF_MILLIS = 50;
  private final AtomicInteger retries = new AtomicInteger();
  /** How the retry waits; tests pass one that does not sleep. */
  private Sleeper sleeper = Thread::sleep;

  /** Waits between tries of a transaction. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  ParallelSeal withSleeper(Sleeper s) {
    this.sleeper = s;
    return this;
  }

  /** Transactions run again after a transient error (for the report and tests). */
  int retries() {
    return retries.get();
  }

  /** {@code locks}: what one transaction may take on the target; foreign keys and objects are split to fit. */
  ParallelSeal(SealPlan plan, ConnectionSource target, int jobs, CloneTuning tuning, LockBudget locks, ThreadFactory threads) {
    this.plan = plan;
    this.target = target;
    this.tuning = tuning;
    this.locks = locks;
    this.pool = new ThreadPoolExecutor(jobs, jobs, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), threads);
    this.groupsDone = new CountDownLatch(plan.groups().size());
    this.foreignKeys = new ForeignKeyQueue(plan.foreignKeys());
    for (SealPlan.Group g : plan.groups()) {
      pendingLoads.put(g, new AtomicInteger(g.loaded().size()));
      g.loaded().forEach(t -> groupOf.put(t, g));
    }
  }

  /** The load committed this source table; its group starts when it was the last of the group. Never throws. */
  void loaded(QualifiedName sourceTable) {
    SealPlan.Group g = groupOf.get(sourceTable);
    if (g != null && pendingLoads.get(g).decrementAndGet() == 0) {
      start(g);
    }
  }

  /** Every table is loaded: starts the groups still waiting (those without rows to load). */
  void loadFinished() {
    plan.groups().forEach(this::start);
  }

  /**
   * Waits for every group and the foreign keys started meanwhile, then adds and validates the foreign keys
   * left; then the objects. Returns the number of statements run.
   *
   * @throws PgferryException the first failure (SEAL, or TARGET_CONFLICT for an object that already exists)
   */
  int finish() {
    long t0 = System.nanoTime();
    loadFinished();
    await(groupsDone);
    throwIfFailed();
    long t1 = System.nanoTime();
    addForeignKeys(true);
    try {
      foreignKeyWork.awaitAdvanceInterruptibly(foreignKeyWork.arrive());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new PgferryException(PgferryException.Code.INTERRUPTED, "seal interrupted", e));
    }
    throwIfFailed();
    long t2 = System.nanoTime();
    runNow(plan.objects(), "views and other objects");
    LOG.debug("seal after the load: indexes {} ms, foreign keys left {} ms, objects {} ms",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    return plan.statements();
  }

  /**
   * Adds the foreign keys whose groups are done (with {@code all}, every one left) in one transaction, then
   * queues their validations: a big table's on its own, small tables' together. Never throws.
   */
  private void addForeignKeys(boolean all) {
    List<SealPlan.ForeignKey> ready = foreignKeys.takeReady(all);
    if (ready.isEmpty() || failure.get() != null) {
      return;
    }
    LOG.debug("seal: {} foreign keys ready{}", ready.size(), all ? " (the last)" : "");
    addLock.lock();
    try {
      int next = 0;
      for (List<SqlStatement> t : locks.split(ready.stream().map(SealPlan.ForeignKey::add).toList())) {
        List<SealPlan.ForeignKey> part = ready.subList(next, next + t.size());
        next += t.size();
        List<SqlStatement> statements = new ArrayList<>();
        statements.add(lockInOrder(part, true, "SHARE ROW EXCLUSIVE"));
        statements.addAll(t);
        run(statements, true);
      }
    } finally {
      addLock.unlock();
    }
    List<SealPlan.ForeignKey> small = new ArrayList<>();
    for (SealPlan.ForeignKey f : ready) {
      if (f.validate() != null && f.alone()) {
        submitForeignKeyWork(f.weight(), () -> run(List.of(f.validate()), false));
      } else if (f.validate() != null) {
        small.add(f);
      }
    }
    // in batches: a transaction each would cost more than the check itself (a batch within the lock budget)
    small.sort(java.util.Comparator.comparing(SealPlan.ForeignKey::table));
    int perBatch = (int) Math.max(1, Math.min(SealPlan.VALIDATION_BATCH, locks.perTransaction() / 3));
    for (int i = 0; i < small.size(); i += perBatch) {
      List<SealPlan.ForeignKey> part = List.copyOf(small.subList(i, Math.min(small.size(), i + perBatch)));
      List<SqlStatement> batch = new ArrayList<>();
      if (part.size() > 1) {
        batch.add(lockInOrder(part, false, "SHARE UPDATE EXCLUSIVE"));
      }
      part.forEach(f -> batch.add(f.validate()));
      submitForeignKeyWork(0, () -> run(batch, batch.size() > 1));
    }
  }

  /**
   * Takes, at the start of a transaction, every table lock its foreign key statements would take one by one,
   * in one global order (by name), so two seal transactions can never wait for each other: adding a key
   * locks both its tables in SHARE ROW EXCLUSIVE mode, validating one locks its own table in SHARE UPDATE
   * EXCLUSIVE mode (that mode conflicts with itself) and the referenced one only in ROW SHARE mode, which
   * conflicts with neither. Taken in statement order, a batch validating b's key then a's and another adding
   * a key from a to b used to deadlock (40P01).
   */
  private static SqlStatement lockInOrder(List<SealPlan.ForeignKey> keys, boolean referencedToo, String mode) {
    java.util.TreeSet<QualifiedName> tables = new java.util.TreeSet<>();
    for (SealPlan.ForeignKey f : keys) {
      tables.add(f.table());
      if (referencedToo && f.referenced() != null) {
        tables.add(f.referenced());
      }
    }
    return new SqlStatement("LOCK TABLE " + String.join(", ", tables.stream().map(QualifiedName::quoted).toList()) + " IN " + mode
        + " MODE", "lock " + tables.size() + " table(s) for their foreign keys");
  }

  /** Queues foreign key work that {@link #finish} waits for (registered before it is queued). */
  private void submitForeignKeyWork(long weight, Runnable work) {
    foreignKeyWork.register();
    submit(weight, () -> {
      try {
        work.run();
      } finally {
        foreignKeyWork.arriveAndDeregister();
      }
    });
  }

  /** Index and constraint builds run so far (for the report). */
  int builds() {
    return builds.get();
  }

  private void start(SealPlan.Group g) {
    if (!started.add(g)) {
      return;
    }
    if (g.builds().isEmpty()) {
      submitFinish(g);
      return;
    }
    AtomicInteger left = new AtomicInteger(g.builds().size());
    for (SealPlan.Build b : g.builds()) {
      submit(b.weight(), () -> {
        try {
          run(b.statements(), b.statements().size() > 1);
          builds.incrementAndGet();
        } finally {
          if (left.decrementAndGet() == 0) {
            submitFinish(g);
          }
        }
      });
    }
  }

  private void submitFinish(SealPlan.Group g) {
    // Finishing a table unblocks its foreign keys; it is short, so it goes before any waiting build.
    submit(Long.MAX_VALUE, () -> {
      try {
        run(g.finish(), true);
      } finally {
        foreignKeys.groupDone(g.name());
        // queued (and counted) before the group counts as done, so finish() cannot miss it; after the
        // builds waiting now (weight 0), so it fills a free slot; one queued job serves every group done
        // until it starts (a Phaser counts at most 65,535 parties)
        if (foreignKeysQueued.compareAndSet(false, true)) {
          submitForeignKeyWork(0, () -> {
            foreignKeysQueued.set(false);
            addForeignKeys(false);
          });
        }
        groupsDone.countDown();
      }
    });
  }

  /** Queues work; after a failure the work still runs, skips its statements and does its bookkeeping. */
  private void submit(long weight, Runnable work) {
    Job job = new Job(weight, sequence.getAndIncrement(), work);
    try {
      pool.execute(job);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      fail(new PgferryException(PgferryException.Code.INTERNAL, "seal phase stopped: " + e.getMessage(), e));
      work.run();
    }
  }

  /** Runs statements on a pooled connection; in one transaction when {@code transaction}. Never throws. */
  private void run(List<SqlStatement> statements, boolean transaction) {
    if (statements.isEmpty() || failure.get() != null) {
      return;
    }
    Connection c = null;
    SqlStatement[] current = new SqlStatement[1];
    try {
      c = take();
      busy.add(c);
      c.setAutoCommit(!transaction);
      for (int attempt = 1; ; attempt++) {
        try {
          execute(c, statements, transaction, current);
          break;
        } catch (SQLException e) {
          if (!transaction && statements.size() > 1 || attempt >= ATTEMPTS || !TRANSIENT.contains(e.getSQLState())
              || failure.get() != null) {
            throw e;
          }
          // A deadlock or serialization failure says nothing about the statements: the same transaction
          // succeeds once the other one has finished. The first statement failing, it is all rolled back.
          rollbackQuietly(c);
          long wait = BACKOFF_MILLIS << (attempt - 1);
          LOG.warn("seal: {} failed with a transient error ({}), retrying in {} ms (attempt {} of {})",
              current[0] == null ? "a transaction" : current[0].purpose(), Applier.describe(e), wait, attempt + 1, ATTEMPTS);
          retries.incrementAndGet();
          sleeper.sleep(wait);
        }
      }
    } catch (SQLException e) {
      rollbackQuietly(c);
      if (failure.get() == null) {
        PgferryException.Code code = "42P07".equals(e.getSQLState()) || "42710".equals(e.getSQLState())
            ? PgferryException.Code.TARGET_CONFLICT : PgferryException.Code.SEAL;
        fail(new PgferryException(code, "seal phase failed: " + (current[0] == null ? "opening a connection" : current[0].purpose())
            + ": " + Applier.describe(e) + "; its transaction was rolled back and the rest of the seal stopped", e));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      rollbackQuietly(c);
      fail(new PgferryException(PgferryException.Code.INTERRUPTED, "seal interrupted", e));
    } catch (RuntimeException e) {
      rollbackQuietly(c);
      fail(new PgferryException(PgferryException.Code.INTERNAL, "seal phase failed: " + e, e));
    } finally {
      if (c != null) {
        busy.remove(c);
        idle.offer(c);
      }
    }
  }

  private void execute(Connection c, List<SqlStatement> statements, boolean transaction, SqlStatement[] current) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (SqlStatement st : statements) {
        current[0] = st;
        if (failure.get() != null) {
          break;
        }
        String memory = tuning.buildMemory(st.sql());
        if (memory != null) {
          memory(c, memory);
        }
        s.execute(st.sql());
        if (memory != null) {
          // After a failure the seal stops and the connection is not used again: no reset needed then.
          memory(c, tuning.sessionMemory());
        }
      }
    }
    if (transaction) {
      if (failure.get() == null) {
        c.commit();
      } else {
        c.rollback();
      }
    }
  }

  private void runNow(List<SqlStatement> statements, String what) {
    if (statements.isEmpty()) {
      return;
    }
    LOG.debug("seal: {} ({} statements)", what, statements.size());
    for (List<SqlStatement> t : locks.split(statements)) {
      run(t, true);
      throwIfFailed();
    }
  }

  private Connection take() throws SQLException {
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    c = target.open();
    openLock.lock();
    try {
      opened.add(c);
    } finally {
      openLock.unlock();
    }
    prepare(c);
    return c;
  }

  /** Sets maintenance_work_mem for the session; null goes back to the server's value. */
  static void memory(Connection c, String value) throws SQLException {
    if (value == null) {
      try (Statement s = c.createStatement()) {
        s.execute("RESET maintenance_work_mem");
      }
      return;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT set_config('maintenance_work_mem', ?, false)")) {
      p.setString(1, value);
      p.execute();
    }
  }

  /** Session settings for builds; values travel as bind parameters of set_config. */
  private void prepare(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT set_config(?, ?, false)")) {
      for (Map.Entry<String, String> e : tuning.sealSettings().entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, e.getValue());
        p.execute();
      }
    }
  }

  private void fail(PgferryException e) {
    if (failure.compareAndSet(null, e)) {
      for (Connection c : busy) {
        try {
          c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException x) {
          LOG.debug("cancel request failed", x);
        }
      }
    }
  }

  private void throwIfFailed() {
    PgferryException e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  private void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new PgferryException(PgferryException.Code.INTERRUPTED, "seal interrupted", e));
    }
  }

  /** Cancels what still runs (after a failure), waits for the pool to stop and closes every connection. */
  @Override
  public void close() {
    if (failure.get() == null && (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty())) {
      fail(new PgferryException(PgferryException.Code.INTERRUPTED, "seal stopped because the clone failed", null));
    }
    pool.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
          break;
        }
        fail(new PgferryException(PgferryException.Code.INTERRUPTED, "seal stopped because the clone failed", null));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    openLock.lock();
    try {
      for (Connection c : opened) {
        try {
          c.close();
        } catch (SQLException e) {
          LOG.debug("closing a seal connection failed", e);
        }
      }
    } finally {
      openLock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (c != null && !c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  /** Pool order: heaviest first, then submission order. */
  private record Job(long weight, long seq, Runnable work) implements Runnable, Comparable<Job> {
    @Override
    public void run() {
      work.run();
    }

    @Override
    public int compareTo(Job o) {
      int w = Long.compare(o.weight, weight);
      return w != 0 ? w : Long.compare(seq, o.seq);
    }
  }
}
