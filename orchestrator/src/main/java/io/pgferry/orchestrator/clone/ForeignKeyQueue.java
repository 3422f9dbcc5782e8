package io.pgferry.orchestrator.clone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The parallel seal's foreign keys that still wait for their tables' groups ({@link SealPlan.ForeignKey#after}).
 * Thread-safe: groups finish on the seal's pool threads.
 */
final class ForeignKeyQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<SealPlan.ForeignKey> waiting;
  private final Set<String> done = new HashSet<>();

  ForeignKeyQueue(List<SealPlan.ForeignKey> foreignKeys) {
    this.waiting = new ArrayList<>(foreignKeys);
  }

  void groupDone(String group) {
    lock.lock();
    try {
      done.add(group);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes and returns the foreign keys whose groups are all done, in plan order (largest table first);
   * with {@code everyGroupDone}, all that are left, including those waiting for every group.
   */
  List<SealPlan.ForeignKey> takeReady(boolean everyGroupDone) {
    lock.lock();
    try {
      List<SealPlan.ForeignKey> ready = new ArrayList<>();
      for (Iterator<SealPlan.ForeignKey> it = waiting.iterator(); it.hasNext(); ) {
        SealPlan.ForeignKey f = it.next();
        if (everyGroupDone || f.after() != null && done.containsAll(f.after())) {
          ready.add(f);
          it.remove();
        }
      }
      return ready;
    } finally {
      lock.unlock();
    }
  }
}
