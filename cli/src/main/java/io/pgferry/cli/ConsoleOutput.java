package io.pgferry.cli;

import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.clone.CloneReport;

import io.pgferry.loader.ProgressListener;
import io.pgferry.loader.TableLoad;
import io.pgferry.loader.TableResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Human output of a run on stderr (stdout is kept for reports): phase lines, warnings, and load progress
 * (rows, bytes, throughput, ETA, in total and per table in flight). On a terminal the total line redraws in
 * place; otherwise the total and one line per table in flight are printed every {@code plainInterval} so
 * logs stay readable.
 */
final class ConsoleOutput implements RunListener, ProgressListener {
  private final PrintStream out;
  private final boolean live;
  private final boolean quiet;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentHashMap<TableLoad, long[]> perTable = new ConcurrentHashMap<>();
  /** Tables started and not finished, with their start time (nanos). */
  private final ConcurrentHashMap<TableLoad, Long> inFlight = new ConcurrentHashMap<>();
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
    println("warning: " + Flags.render(message));
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
  public void started(TableLoad load) {
    inFlight.put(load, nanoTime.getAsLong());
  }

  @Override
  public void progress(TableLoad load, long rows, long bytes) {
    perTable.put(load, new long[] {rows, bytes});
    maybePrint(false);
  }

  @Override
  public void finished(TableResult result) {
    inFlight.keySet().removeIf(l -> l.table().name().equals(result.source()));
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
    return String.format(Locale.ROOT, "  load   %d/%d tables  %,d rows  %s  %.1f MB/s  ETA %s", tablesDone.get(), tableCount, t[0],
        io.pgferry.orchestrator.Bytes.human(t[1]), t[1] / 1048576.0 / secs, eta(secs, t[0], estimatedRows));
  }

  /**
   * One line per table in flight, largest first: rows of the estimate, bytes, MB/s and ETA of that table
   * (the estimate is the source's statistics, so the ETA is as good as those).
   */
  List<String> tableLines() {
    long now = nanoTime.getAsLong();
    return inFlight.entrySet().stream()
        .sorted(java.util.Comparator.comparingLong((java.util.Map.Entry<TableLoad, Long> e) -> e.getKey().table().estimatedBytes())
            .reversed())
        .map(e -> {
          long[] v = perTable.getOrDefault(e.getKey(), new long[2]);
          double secs = Math.max(1e-9, (now - e.getValue()) / 1e9);
          long estimate = Math.max(0, e.getKey().table().estimatedRows());
          return String.format(Locale.ROOT, "    %s  %,d/~%,d rows  %s  %.1f MB/s  ETA %s", e.getKey().table().name(), v[0], estimate,
              io.pgferry.orchestrator.Bytes.human(v[1]), v[1] / 1048576.0 / secs, eta(secs, v[0], estimate));
        })
        .toList();
  }

  private static String eta(double secs, long done, long estimate) {
    if (estimate <= 0 || done <= 0) {
      return "?";
    }
    return done >= estimate ? "0s" : String.format(Locale.ROOT, "%.0fs", secs * (estimate - done) / done);
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
        tableLines().forEach(out::println);
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
