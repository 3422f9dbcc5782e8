package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Target tables that come into being while a load runs (the base phase commits them transaction by transaction):
 * the load copies a table only once it has arrived, and ends when every table has and every piece is copied. The
 * producer calls {@link #arrived} after each commit, {@link #all} at its end, or {@link #abandon} when it failed,
 * which stops the load. Safe to call from any thread, before or after the load starts.
 */
public final class Arrivals {
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<QualifiedName> arrived = new HashSet<>();
  private boolean all;
  private String abandoned;
  private Run run;

  /** Tables the load may not copy until they arrive. */
  public static Arrivals expected() {
    return new Arrivals();
  }

  private Arrivals() {}

  /** These target tables exist now (their transaction committed) and nothing later changes them. */
  public void arrived(Collection<QualifiedName> targetTables) {
    lock.lock();
    try {
      if (all || abandoned != null) {
        return;
      }
      arrived.addAll(targetTables);
      if (run != null) {
        run.arrive(targetTables);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Every table has arrived: the load copies what is left and ends. */
  public void all() {
    lock.lock();
    try {
      if (abandoned != null) {
        return;
      }
      all = true;
      if (run != null) {
        run.arriveAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * No more tables will arrive because the producer failed: the load stops, its copies in flight roll back, and it
   * throws an {@link LoadException.Reason#INTERRUPTED} failure naming {@code why} (the producer's error is the one to show).
   */
  public void abandon(String why) {
    lock.lock();
    try {
      if (all || abandoned != null) {
        return;
      }
      abandoned = why;
      if (run != null) {
        run.fail(abandonment(why));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Hands what arrived so far to the load's run, and later arrivals as they come. */
  void attach(Run r) {
    lock.lock();
    try {
      run = r;
      if (abandoned != null) {
        r.fail(abandonment(abandoned));
      } else if (all) {
        r.arriveAll();
      } else {
        r.arrive(List.copyOf(arrived));
      }
    } finally {
      lock.unlock();
    }
  }

  private static LoadException abandonment(String why) {
    return new LoadException(LoadException.Reason.INTERRUPTED, null, "load stopped: " + why);
  }
}
