package io.pgferry.flink;

import io.pgferry.orchestrator.clone.LoadJob;
import io.pgferry.orchestrator.clone.RemoteLoads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a task manager: copies the pieces the enumerator hands it, one at a time, COPY from the source straight into
 * the target (rows never pass through Flink), each committed with its mark in the clone's record, and emits one
 * {@link PieceDone} per piece. The copying runs on a thread of its own, so the task's mailbox thread stays free for
 * checkpoints; the reader asks for the next piece when it has emitted the last.
 *
 * <p>A piece handed out again after a failure (in this reader's checkpointed state, or given back to the enumerator)
 * is found in the record when its first attempt committed, and not copied twice.
 */
final class PieceReader implements SourceReader<PieceDone, PieceSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(PieceReader.class);

  private final SourceReaderContext context;
  private final LoadJob job;
  private final ExecutorService worker;
  /** Pieces assigned and not yet emitted (in flight or done), by split id; the mailbox thread's alone. */
  private final Map<String, PieceSplit> assigned = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<PieceDone> done = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private volatile Throwable failure;
  private volatile RemoteLoads loads;
  private boolean noMoreSplits;

  PieceReader(SourceReaderContext context, LoadJob job) {
    this.context = context;
    this.job = job;
    int subtask = context.getIndexOfSubtask();
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "pgferry-piece-copier-" + subtask);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start() {
    if (assigned.isEmpty()) {
      context.sendSplitRequest(); // restored pieces (before start) are copied first
    }
  }

  @Override
  public void addSplits(List<PieceSplit> splits) {
    for (PieceSplit split : splits) {
      assigned.put(split.splitId(), split);
      worker.execute(() -> copy(split));
    }
  }

  private void copy(PieceSplit split) {
    try {
      if (failure != null) {
        return;
      }
      if (loads == null) {
        loads = RemoteLoads.worker(job); // the clone's loads planned here, as of its snapshot
      }
      done.add(PieceDone.of(loads.copy(split.piece)));
    } catch (Throwable t) {
      LOG.warn("copying {} failed", split, t);
      failure = t;
    }
    signal();
  }

  private void signal() {
    lock.lock();
    try {
      available.complete(null);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<PieceDone> output) {
    Throwable f = failure;
    if (f != null) {
      // the task fails; Flink restarts it and hands its pieces out again
      throw f instanceof RuntimeException r ? r : new IllegalStateException(f.getMessage(), f);
    }
    PieceDone d = done.poll();
    if (d != null) {
      assigned.remove(d.schema + "." + d.table + "#" + d.index);
      output.collect(d);
      if (assigned.isEmpty() && !noMoreSplits) {
        context.sendSplitRequest();
      }
      return InputStatus.MORE_AVAILABLE;
    }
    if (noMoreSplits && assigned.isEmpty()) {
      return InputStatus.END_OF_INPUT;
    }
    lock.lock();
    try {
      if (!done.isEmpty() || failure != null) {
        return InputStatus.MORE_AVAILABLE;
      }
      if (available.isDone()) {
        available = new CompletableFuture<>();
      }
    } finally {
      lock.unlock();
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    lock.lock();
    try {
      return available;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    signal();
  }

  /** The pieces not emitted yet: after a restore from this checkpoint they are copied (or found committed) again. */
  @Override
  public List<PieceSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(assigned.values());
  }

  @Override
  public void close() throws Exception {
    RemoteLoads l = loads;
    if (l != null) {
      l.cancel(); // a piece in flight rolls back; its split goes back to the enumerator
    }
    worker.shutdownNow();
    if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
      LOG.warn("the piece copier of subtask {} did not stop within 60 s", context.getIndexOfSubtask());
    }
    if (l != null) {
      l.close();
    }
  }
}
