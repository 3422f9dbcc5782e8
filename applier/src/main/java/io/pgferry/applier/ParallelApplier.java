package io.pgferry.applier;

import io.pgferry.extractor.ConnectionSource;
import io.pgferry.extractor.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statement lists on {@code lanes} connections of its own at once, each list through the {@link Applier}'s
 * statement loop (its settings, timeouts and retries). What runs when is the caller's: it {@linkplain #submit
 * queues} work (heaviest first), and work queues what depends on it when it is done; the order within a list
 * is kept.
 *
 * <p>The first failure wins: it is the one {@link #failure()} reports, the statements still running are
 * cancelled and the rest are skipped (queued work still runs, so its bookkeeping happens, but runs no
 * statement). {@link #await} waits for the work; {@link #close} stops what is left and waits for the lanes, so
 * no connection holds a lock afterwards.
 */
public final class ParallelApplier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ParallelApplier.class);

  private final Applier applier;
  private final ConnectionSource connections;
  private final ThreadPoolExecutor pool;
  private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
  private final Set<Connection> busy = ConcurrentHashMap.newKeySet();
  private final List<Connection> opened = new ArrayList<>();
  private final ReentrantLock openLock = new ReentrantLock();
  private final AtomicReference<ApplyException> failure = new AtomicReference<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger retries = new AtomicInteger();
  /** Work submitted and not done yet; {@link #await} waits for none. */
  private int pending;
  private final ReentrantLock pendingLock = new ReentrantLock();
  private final Condition none = pendingLock.newCondition();
  private final Reconnect reconnect;

  private ParallelApplier(Builder b) {
    this.applier = Objects.requireNonNull(b.applier, "applier");
    this.connections = Objects.requireNonNull(b.connections, "connections");
    if (b.lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, got " + b.lanes);
    }
    this.reconnect = b.reconnect;
    this.pool = new ThreadPoolExecutor(b.lanes, b.lanes, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), b.threads);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Queues {@code work} for a lane: the heaviest waiting work first, then in submission order. Work queued
   * after a failure (or the close) still runs, on the calling thread if the lanes are gone.
   */
  public void submit(long weight, Runnable work) {
    counted(1);
    Job job = new Job(weight, sequence.getAndIncrement(), () -> {
      try {
        work.run();
      } finally {
        counted(-1);
      }
    });
    try {
      pool.execute(job);
    } catch (RejectedExecutionException e) {
      fail(new ApplyException(ApplyException.Reason.INTERNAL, "stopped: " + e.getMessage(), null, 0, null, e));
      job.run();
    }
  }

  /**
   * Waits until every submitted work is done, including the work it submitted meanwhile (counted before the
   * work that submits it ends). Failed or not: see {@link #failure()}.
   */
  public void await() throws InterruptedException {
    pendingLock.lock();
    try {
      while (pending > 0) {
        none.await();
      }
    } finally {
      pendingLock.unlock();
    }
  }

  private void counted(int delta) {
    pendingLock.lock();
    try {
      pending += delta;
      if (pending == 0) {
        none.signalAll();
      }
    } finally {
      pendingLock.unlock();
    }
  }

  /**
   * Runs {@code statements} now on a free connection (opened when none is), in one transaction when
   * {@code transaction}, else each on its own. Never throws: a failure is recorded ({@link #failure()}) and
   * stops the rest. Nothing runs once a failure is recorded.
   */
  public void apply(List<SqlStatement> statements, boolean transaction) {
    if (statements.isEmpty() || failure.get() != null) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      Connection c = null;
      boolean broken = false;
      try {
        c = take();
        busy.add(c);
        if (attempt > 1 && applier.journal() != null && (transaction || statements.size() == 1)
            && recordedBefore(c, statements)) {
          return; // the lost connection's commit went through; only its acknowledgement was lost
        }
        applier.run(c, statements, transaction, () -> failure.get() != null, retries::incrementAndGet);
        return;
      } catch (ApplyException e) {
        broken = lost(e.sqlState());
        // outside a transaction the statements before the failed one stayed: only a single one can run again
        boolean repeatable = transaction || statements.size() == 1;
        if (!broken || !repeatable || !reconnect.again(attempt, e, failure.get() != null)) {
          fail(e);
          return;
        }
        retries.incrementAndGet();
      } catch (SQLException e) {
        broken = true;
        if (!lost(e.getSQLState()) || !reconnect.again(attempt, e, failure.get() != null)) {
          fail(new ApplyException(ApplyException.Reason.CONNECTION, "could not open a connection: " + Applier.describe(e), null, 0,
              e.getSQLState(), e));
          return;
        }
      } catch (RuntimeException e) {
        Applier.rollbackQuietly(c);
        fail(new ApplyException(ApplyException.Reason.INTERNAL, e.toString(), null, 0, null, e));
        return;
      } finally {
        if (c != null) {
          busy.remove(c);
          if (broken) {
            discard(c);
          } else {
            idle.offer(c);
          }
        }
      }
    }
  }

  private boolean recordedBefore(Connection c, List<SqlStatement> statements) throws SQLException {
    boolean auto = c.getAutoCommit();
    try {
      return applier.journal().recorded(c, statements);
    } finally {
      if (!auto) {
        c.rollback();
      }
    }
  }

  /**
   * The connection is gone or the server would not take one (reset, shutdown, restart, too many connections):
   * the same statements may succeed on a new connection. What a lost connection had not committed was rolled
   * back by the server.
   */
  static boolean lost(String sqlState) {
    return io.pgferry.extractor.ServerError.connectionLost(sqlState);
  }

  private void discard(Connection c) {
    openLock.lock();
    try {
      opened.remove(c);
    } finally {
      openLock.unlock();
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a lost connection failed", e);
    }
  }

  /** Stops everything as a failure would; the first failure stays the one reported. */
  public void stop(String reason) {
    fail(new ApplyException(ApplyException.Reason.INTERRUPTED, reason, null, 0, null, null));
  }

  /** The first failure, or null while there is none. */
  public ApplyException failure() {
    return failure.get();
  }

  /** Runs up to {@code lanes} lists at once from now on (never fewer than before). */
  public void widen(int lanes) {
    if (lanes > pool.getMaximumPoolSize()) {
      pool.setMaximumPoolSize(lanes);
      pool.setCorePoolSize(lanes);
    }
  }

  /** Lists run again after a transient error ({@link Applier.Retry}). */
  public int retries() {
    return retries.get();
  }

  private Connection take() throws SQLException {
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    c = connections.open();
    openLock.lock();
    try {
      opened.add(c);
    } finally {
      openLock.unlock();
    }
    applier.prepare(c, true);
    return c;
  }

  private void fail(ApplyException e) {
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

  /**
   * Stops what still runs or waits (work left at the close means the caller gave up), waits for the lanes and
   * closes every connection.
   */
  @Override
  public void close() {
    if (failure.get() == null && (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty())) {
      stop("stopped: closed while statements were still to run");
    }
    pool.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
          break;
        }
        stop("stopped: closed while statements were still to run");
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
          LOG.debug("closing a connection failed", e);
        }
      }
    } finally {
      openLock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lane order: heaviest first, then submission order. */
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

  /** Builder for {@link ParallelApplier}. */
  public static final class Builder {
    private Applier applier = Applier.builder().build();
    private ConnectionSource connections;
    private int lanes = 1;
    private ThreadFactory threads = Thread.ofVirtual().name("pgferry-apply-", 0).factory();
    private Reconnect reconnect = Reconnect.DEFAULT;

    private Builder() {}

    /** How often and after which waits a list that lost its connection runs again on a new one (default {@link Reconnect#DEFAULT}). */
    public Builder reconnect(Reconnect r) {
      this.reconnect = Objects.requireNonNull(r, "reconnect");
      return this;
    }

    /** How each list runs: settings, timeouts, retries (default: {@code Applier.builder().build()}). */
    public Builder applier(Applier a) {
      this.applier = a;
      return this;
    }

    public Builder connections(ConnectionSource c) {
      this.connections = c;
      return this;
    }

    /** Lists running at once from {@link #submit}ted work (default 1); {@link #apply} on another thread adds one. */
    public Builder lanes(int n) {
      this.lanes = n;
      return this;
    }

    /** The lanes' threads (default: virtual threads named pgferry-apply-N). */
    public Builder threads(ThreadFactory f) {
      this.threads = Objects.requireNonNull(f, "threads");
      return this;
    }

    public ParallelApplier build() {
      return new ParallelApplier(this);
    }
  }
}
