package io.pgferry.flink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * On the job manager: the clone's pieces not handed out yet, in plan order (largest tables first), one to each reader
 * that asks. A failed reader's pieces come back and go out first; the checkpoint is what is left.
 */
final class PieceEnumerator implements SplitEnumerator<PieceSplit, List<PieceSplit>> {
  private final SplitEnumeratorContext<PieceSplit> context;
  private final Deque<PieceSplit> pending;

  PieceEnumerator(SplitEnumeratorContext<PieceSplit> context, List<PieceSplit> pending) {
    this.context = context;
    this.pending = new ArrayDeque<>(pending);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtask, String host) {
    PieceSplit next = pending.poll();
    if (next != null) {
      context.assignSplit(next, subtask);
    } else {
      context.signalNoMoreSplits(subtask);
    }
  }

  @Override
  public void addSplitsBack(List<PieceSplit> splits, int subtask) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtask) {
    // readers ask (handleSplitRequest) when they are ready
  }

  @Override
  public List<PieceSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(pending);
  }

  @Override
  public void close() {}
}
