package io.pgferry.orchestrator.cli;

import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TableResult;
import io.pgferry.orchestrator.CloneReport;
import io.pgferry.orchestrator.RunListener;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Human output of a run on stderr (stdout is kept for reports): phase lines, warnings, and load progress
 * (rows, bytes, throughput, ETA). On a terminal the progress line redraws in place; otherwise a plain
 * line is printed every {@code plainInterval} so logs stay readable.
 */
final class ConsoleOutput implements RunListener, ProgressListener {
  private final PrintStream out;
  private final boolean live;
  private final boolean quiet;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentHashMap<TableLoad, long[]> perTable = new ConcurrentHashMap<>();
  private final AtomicLong tablesDone = new AtomicLong();
  private volatile long estimatedRows;
  private volatile long estimatedBytes;
  private volatile int tableCount;
  private volatile long loadStart;
  private long lastPrint;
  private boolean lineOpen;

  ConsoleOutput(PrintStream out, boolean live, boolean quiet, LongSupplier nanoTime, long intervalNanos) {
    this.out = out;
    this.live = live;
    this.quiet = quiet;
    this.nanoTime = nanoTime;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public void phaseStarted(String phase, String detail) {
    if (!quiet) {
      println(String.format(Locale.ROOT, "%-8s %s", phase, detail));
    }
  }

  @Override
  public void phaseFinished(CloneReport.PhaseReport report) {
    if (!quiet) {
      println(String.format(Locale.ROOT, "%-8s done: %s", report.phase(), report.summary()));
    }
  }

  @Override
  public void warning(String message) {
    println("warning: " + message);
  }

  @Override
  public ProgressListener loadProgress() {
    return this;
  }

  @Override
  public void planned(List<TableLoad> loads) {
    estimatedRows = loads.stream().mapToLong(l -> Math.max(0, l.table().estimatedRows())).sum();
    estimatedBytes = loads.stream().mapToLong(l -> Math.max(0, l.table().estimatedBytes())).sum();
    tableCount = loads.size();
    loadStart = nanoTime.getAsLong();
    lastPrint = loadStart;
  }

  @Override
  public void progress(TableLoad load, long rows, long bytes) {
    perTable.put(load, new long[] {rows, bytes});
    maybePrint(false);
  }

  @Override
  public void finished(TableResult result) {
    tablesDone.incrementAndGet();
    maybePrint(false);
  }

  /** Totals over all tables so far: rows, bytes. */
  long[] totals() {
    long rows = 0;
    long bytes = 0;
    for (long[] v : perTable.values()) {
      rows += v[0];
      bytes += v[1];
    }
    return new long[] {rows, bytes};
  }

  String progressLine() {
    long[] t = totals();
    double secs = Math.max(1e-9, (nanoTime.getAsLong() - loadStart) / 1e9);
    double mbps = t[1] / 1048576.0 / secs;
    String eta = "?";
    if (estimatedRows > 0 && t[0] > 0 && t[0] < estimatedRows) {
      eta = String.format(Locale.ROOT, "%.0fs", secs * (estimatedRows - t[0]) / t[0]);
    } else if (estimatedRows > 0 && t[0] >= estimatedRows) {
      eta = "0s";
    }
    return String.format(Locale.ROOT, "  load   %d/%d tables  %,d rows  %s  %.1f MB/s  ETA %s", tablesDone.get(), tableCount, t[0],
        io.pgferry.orchestrator.Bytes.human(t[1]), mbps, eta);
  }

  private void maybePrint(boolean force) {
    if (quiet) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (!lock.tryLock()) {
      return;
    }
    try {
      long every = live ? Math.min(intervalNanos, 200_000_000L) : intervalNanos;
      if (!force && now - lastPrint < every) {
        return;
      }
      lastPrint = now;
      if (live) {
        out.print("\r" + progressLine() + "\033[K");
        out.flush();
        lineOpen = true;
      } else {
        out.println(progressLine());
      }
    } finally {
      lock.unlock();
    }
  }

  private void println(String s) {
    lock.lock();
    try {
      if (lineOpen) {
        out.print("\r\033[K");
        lineOpen = false;
      }
      out.println(s);
    } finally {
      lock.unlock();
    }
  }
}
