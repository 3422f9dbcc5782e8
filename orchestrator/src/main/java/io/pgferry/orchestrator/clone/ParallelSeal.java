package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.LockBudget;
import io.pgferry.extractor.PgferryException;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ApplyException;
import io.pgferry.applier.ParallelApplier;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.ConnectionSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SealPlan} on a pool of {@code jobs} target connections ({@link #EXTRA_LANES} more for light work once
 * the load is done): a table's index builds start as
 * soon as the load reports that table committed (in parallel with the copies still running), largest
 * first; a foreign key as soon as the groups of both its tables are done (so the checks of the other tables
 * fill the cores while one table's long build still runs); views and other objects last, in one transaction.
 * This class decides what runs when; a {@link ParallelApplier} runs it (connections, session settings,
 * retries of transient errors, the first failure cancelling the rest).
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
  private final LockBudget locks;
  private final Map<QualifiedName, SealPlan.Group> groupOf = new HashMap<>();
  private final Map<SealPlan.Group, AtomicInteger> pendingLoads = new ConcurrentHashMap<>();
  private final Set<SealPlan.Group> started = ConcurrentHashMap.newKeySet();
  private final CountDownLatch groupsDone;
  private final AtomicInteger builds = new AtomicInteger();
  private final ForeignKeyQueue foreignKeys;
  /**
   * Foreign keys added per transaction at most: the last ones (all ready once every table is built, 10,000 at 10,000
   * tables) are shared among the lanes instead of running on one. Two transactions that name a table in common wait
   * for each other, never more (each locks its tables in one global order first); with 16 keys (32 tables) two
   * transactions among 10,000 tables share one about one time in ten, with 64 most of the time.
   */
  static final int ADD_BATCH = 16;
  /** A job that takes the ready foreign keys is queued and has not started: finished groups need no other. */
  private final AtomicBoolean foreignKeysQueued = new AtomicBoolean();
  /** How the retry waits; tests pass one that does not sleep. */
  private volatile Applier.Sleeper sleeper = Thread::sleep;
  private final ParallelApplier applier;
  /** Small tables' groups waiting for {@link #runSmall}; one queued job serves them until it starts. */
  private final java.util.concurrent.ConcurrentLinkedQueue<SealPlan.Group> small = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicBoolean smallQueued = new AtomicBoolean();
  /**
   * Lanes added once the load is done, for light work only (see {@link #heavy}): what is left then is mostly many
   * small steps (at 10,000 tables about 6,000 small tables' builds and 10,000 foreign keys), each of which waits for
   * the disk as much as it computes (every new index file is flushed when built), so two lanes left a third of two
   * cores idle. {@code min(jobs, EXTRA_LANES)} more: the load's {@code jobs} connections are closed by then, so the
   * clone's target connections stay within what {@code --jobs} promises (2 jobs + 1). At 10,000 tables: seal 6.5-7.6 s against 7.2-8.4 s.
   */
  static final int EXTRA_LANES = 2;
  /** Work on a table of at least this many bytes is heavy: at most {@code jobs} of it at once. */
  static final long HEAVY_BYTES = SealPlan.SPLIT_BYTES;
  private final int jobs;
  /** Heavy work running: an index build's {@code maintenance_work_mem} and a core each, never more than {@code jobs}. */
  private final java.util.concurrent.Semaphore heavy;

  /** Small groups per transaction at most: a failure rolls back little, and the lanes share the work. */
  static final int SMALL_BATCH = 64;

  ParallelSeal withSleeper(Applier.Sleeper s) {
    this.sleeper = s;
    return this;
  }

  /** Transactions run again after a transient error (for the report and tests). */
  int retries() {
    return applier.retries();
  }

  /** {@code locks}: what one transaction may take on the target; foreign keys and objects are split to fit. */
  /** @param journal skips what an interrupted run committed and records what this one commits, or null */
  ParallelSeal(SealPlan plan, ConnectionSource target, int jobs, CloneTuning tuning, LockBudget locks, ThreadFactory threads,
      Applier.Journal journal) {
    this.plan = plan;
    this.locks = locks;
    this.jobs = jobs;
    this.heavy = new java.util.concurrent.Semaphore(jobs);
    // GIN builds get their own maintenance_work_mem, set back to the session's after each
    Applier statements = Applier.builder()
        .sessionSettings(tuning.sealSettings())
        .statementSettings(tuning::statementSettings)
        .retry(Applier.Retry.transientErrors())
        .sleeper(millis -> sleeper.sleep(millis))
        .journal(journal)
        .pipelined(true)
        .build();
    this.applier = ParallelApplier.builder().applier(statements).connections(target::open).lanes(jobs).threads(threads).build();
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
    applier.widen(jobs + Math.min(jobs, EXTRA_LANES));
    await(groupsDone);
    throwIfFailed();
    long t1 = System.nanoTime();
    addForeignKeys(true);
    try {
      // every group is done: what is still queued or running is foreign key work
      applier.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      applier.stop("seal interrupted");
    }
    throwIfFailed();
    long t2 = System.nanoTime();
    runNow(plan.objects(), "views and other objects");
    LOG.debug("seal after the load: indexes {} ms, foreign keys left {} ms, objects {} ms",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    return plan.statements();
  }

  /**
   * Queues the foreign keys whose groups are done (with {@code all}, every one left): added in transactions of up to
   * {@link #ADD_BATCH} (within the lock budget) on any lane, each followed by its keys' validations: a big table's on
   * its own, small tables' together. Never throws.
   */
  private void addForeignKeys(boolean all) {
    List<SealPlan.ForeignKey> ready = foreignKeys.takeReady(all);
    if (ready.isEmpty() || applier.failure() != null) {
      return;
    }
    LOG.debug("seal: {} foreign keys ready{}", ready.size(), all ? " (the last)" : "");
    int next = 0;
    for (List<SqlStatement> t : locks.split(ready.stream().map(SealPlan.ForeignKey::add).toList())) {
      for (int from = 0; from < t.size(); from += ADD_BATCH) {
        List<SqlStatement> adds = t.subList(from, Math.min(t.size(), from + ADD_BATCH));
        List<SealPlan.ForeignKey> part = List.copyOf(ready.subList(next, next + adds.size()));
        next += adds.size();
        List<SqlStatement> statements = new ArrayList<>();
        statements.add(lockInOrder(part, true, "SHARE ROW EXCLUSIVE"));
        statements.addAll(adds);
        submit(0, () -> {
          applier.apply(statements, true);
          if (applier.failure() == null) {
            validate(part);
          }
        });
      }
    }
  }

  /** Queues the validations of keys just added (a key added valid has none). */
  private void validate(List<SealPlan.ForeignKey> added) {
    List<SealPlan.ForeignKey> small = new ArrayList<>();
    for (SealPlan.ForeignKey f : added) {
      if (f.validate() != null && f.alone()) {
        submit(f.weight(), () -> heavy(f.weight(), () -> applier.apply(List.of(f.validate()), false)));
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
      submit(0, () -> applier.apply(batch, batch.size() > 1));
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
    if (g.builds().size() == 1 && g.finish().isEmpty()) {
      small.add(g);
      if (smallQueued.compareAndSet(false, true)) {
        submit(g.weight(), this::runSmall);
      }
      return;
    }
    AtomicInteger left = new AtomicInteger(g.builds().size());
    for (SealPlan.Build b : g.builds()) {
      submit(b.weight(), () -> {
        try {
          heavy(g.weight(), () -> applier.apply(b.statements(), b.statements().size() > 1));
          builds.incrementAndGet();
        } finally {
          if (left.decrementAndGet() == 0) {
            submitFinish(g);
          }
        }
      });
    }
  }

  /**
   * Small tables' groups (one build, nothing to finish) ready now, several in one transaction: with 10,000
   * tiny tables a transaction each cost more than their builds. As many as the lock budget allows (or
   * {@link #SMALL_BATCH}); what is left is queued again, so every lane can take a share.
   */
  private void runSmall() {
    smallQueued.set(false);
    List<SealPlan.Group> part = new ArrayList<>();
    List<SqlStatement> statements = new ArrayList<>();
    // three lock entries per statement at most (an index or constraint: its table, the index, its TOAST)
    for (SealPlan.Group g : takeBatch(small, SMALL_BATCH, locks.perTransaction(), x -> 3L * x.builds().getFirst().statements().size())) {
      part.add(g);
      statements.addAll(g.builds().getFirst().statements());
    }
    SealPlan.Group next = small.peek(); // another lane may take it meanwhile: its weight only orders the queue
    if (next != null && smallQueued.compareAndSet(false, true)) {
      submit(next.weight(), this::runSmall);
    }
    if (part.isEmpty()) {
      return;
    }
    try {
      heavy(part.stream().mapToLong(SealPlan.Group::weight).max().orElse(0), () -> applier.apply(statements, statements.size() > 1));
      if (applier.failure() == null) {
        builds.addAndGet(part.size());
      }
    } finally {
      for (SealPlan.Group done : part) {
        groupFinished(done);
      }
    }
  }

  /**
   * Takes up to {@code max} items off {@code queue} whose costs fit {@code budget} (the first always), for one
   * lane while others take from the same queue: each item is polled, never peeked first, so two lanes never take the
   * same one (they did: "multiple primary keys for table …", and the item behind it was lost). One that does not
   * fit goes back, to the tail.
   */
  static <T> List<T> takeBatch(java.util.Queue<T> queue, int max, long budget, java.util.function.ToLongFunction<T> cost) {
    List<T> out = new ArrayList<>();
    long held = 0;
    T item;
    while (out.size() < max && (item = queue.poll()) != null) {
      long n = cost.applyAsLong(item);
      if (!out.isEmpty() && held + n > budget) {
        queue.add(item);
        break;
      }
      out.add(item);
      held += n;
    }
    return out;
  }

  private void submitFinish(SealPlan.Group g) {
    // Finishing a table unblocks its foreign keys; it is short, so it goes before any waiting build.
    submit(Long.MAX_VALUE, () -> {
      try {
        heavy(g.weight(), () -> applier.apply(g.finish(), true)); // its checks read the whole table
      } finally {
        groupFinished(g);
      }
    });
  }

  /** The group's foreign keys may go; counted done after queueing the job that adds them. Never throws. */
  private void groupFinished(SealPlan.Group g) {
    foreignKeys.groupDone(g.name());
    // queued (and counted) before the group counts as done, so finish() cannot miss it; after the
    // builds waiting now (weight 0), so it fills a free slot; one queued job serves every group done
    // until it starts
    if (foreignKeysQueued.compareAndSet(false, true)) {
      submit(0, () -> {
        foreignKeysQueued.set(false);
        addForeignKeys(false);
      });
    }
    groupsDone.countDown();
  }

  /**
   * Runs {@code work} on a table of {@code bytes}; heavy work waits for one of the {@code jobs} permits. A lane added
   * after the load that takes heavy work therefore waits too: the heaviest work is queued first, so it waits only
   * while heavy work is left to start.
   */
  private void heavy(long bytes, Runnable work) {
    if (bytes < HEAVY_BYTES) {
      work.run();
      return;
    }
    heavy.acquireUninterruptibly();
    try {
      work.run();
    } finally {
      heavy.release();
    }
  }

  /** Queues work; after a failure the work still runs, skips its statements and does its bookkeeping. */
  private void submit(long weight, Runnable work) {
    applier.submit(weight, work);
  }

  private void runNow(List<SqlStatement> statements, String what) {
    if (statements.isEmpty()) {
      return;
    }
    LOG.debug("seal: {} ({} statements)", what, statements.size());
    for (List<SqlStatement> t : locks.split(statements)) {
      applier.apply(t, true);
      throwIfFailed();
    }
  }

  private void throwIfFailed() {
    ApplyException e = applier.failure();
    if (e != null) {
      throw failure(e);
    }
  }

  /** The applier's first failure as the seal reports it; an object that already exists is a conflict. */
  static PgferryException failure(ApplyException e) {
    return switch (e.reason()) {
      case INTERRUPTED -> new PgferryException(PgferryException.Code.INTERRUPTED, "seal interrupted", e.getCause());
      case INTERNAL -> new PgferryException(PgferryException.Code.INTERNAL, "seal phase failed: " + e.getMessage(), e.getCause());
      case STATEMENT_FAILED, TRANSACTION, CONNECTION -> {
        PgferryException.Code code = "42P07".equals(e.sqlState()) || "42710".equals(e.sqlState())
            ? PgferryException.Code.TARGET_CONFLICT : PgferryException.Code.SEAL;
        String where = e.statement() != null ? e.statement().purpose()
            : e.reason() == ApplyException.Reason.CONNECTION ? "opening a connection" : "committing a transaction";
        String why = e.getCause() instanceof SQLException x ? Applier.describe(x) : e.getMessage();
        yield new PgferryException(code, "seal phase failed: " + where + ": " + why
            + "; its transaction was rolled back and the rest of the seal stopped", e.getCause());
      }
    };
  }

  private void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      applier.stop("seal interrupted");
    }
  }

  /** Cancels what still runs (after a failure), waits for the pool to stop and closes every connection. */
  @Override
  public void close() {
    applier.close();
  }
}
