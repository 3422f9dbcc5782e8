package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.Arrivals;
import io.pgferry.loader.LoadReport;
import io.pgferry.loader.TableLoad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The load, started while the base phase still creates the target's tables: a table is copied once the last base
 * transaction that names it has committed. The base phase runs on one connection and leaves the other cores idle
 * (10,000 tables take longer to create than to fill); this way they copy what already exists.
 *
 * <p>No base statement after a table's release names it, so the base phase never waits for a copy's lock. Tables
 * in an inheritance or partition tree are released only at the base phase's end: a copy into a partition reads its
 * parent, which a later base transaction may hold while it creates a sibling. The seal starts no work before the
 * base phase has ended (an index may need a function the base phase creates late): tables copied before then are
 * handed to it when it starts.
 *
 * <p>Used by the run's thread; the load runs on a thread of its own.
 */
final class EarlyLoad implements AutoCloseable {
  private final List<List<QualifiedName>> schedule;
  private final Arrivals arrivals = Arrivals.expected();
  private final FutureTask<LoadReport> task;
  private final long started = System.nanoTime();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<QualifiedName> copiedEarly = new ArrayList<>();
  private Consumer<QualifiedName> seal;

  /**
   * Starts {@code load} (given the arrivals and what to tell about each table it completes) on a thread of its own;
   * {@code batches} are the base phase's transactions, in order.
   */
  static EarlyLoad start(List<List<SqlStatement>> batches, List<TableLoad> loads, LoadStarter load) {
    return new EarlyLoad(schedule(batches, loads), load);
  }

  /** The load as the run starts it: with arrivals, and a callback for each table it completes (source name). */
  @FunctionalInterface
  interface LoadStarter {
    LoadReport load(Arrivals arrivals, Consumer<QualifiedName> completed);
  }

  private EarlyLoad(List<List<QualifiedName>> schedule, LoadStarter load) {
    this.schedule = schedule;
    this.task = new FutureTask<>(() -> load.load(arrivals, this::completed));
    Thread.ofVirtual().name("pgferry-early-load").start(task);
  }

  /**
   * For each base transaction, the target tables that may be copied once it has committed: those it names last (as the
   * quoting function writes them). Tables in an inheritance or partition tree, and tables no statement names, are in
   * no list: they arrive with the base phase's end.
   */
  static List<List<QualifiedName>> schedule(List<List<SqlStatement>> batches, List<TableLoad> loads) {
    Set<QualifiedName> trees = new HashSet<>();
    for (TableLoad l : loads) {
      trees.addAll(l.table().parents());
    }
    Map<String, QualifiedName> byText = new HashMap<>();
    for (TableLoad l : loads) {
      if (l.table().parents().isEmpty() && !trees.contains(l.table().name())) {
        byText.put(l.target().quoted(), l.target());
      }
    }
    Map<QualifiedName, Integer> last = new HashMap<>();
    for (int i = 0; i < batches.size(); i++) {
      for (SqlStatement s : batches.get(i)) {
        for (String name : quotedPairs(s.sql())) {
          QualifiedName t = byText.get(name);
          if (t != null) {
            last.put(t, i);
          }
        }
      }
    }
    List<List<QualifiedName>> out = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      out.add(new ArrayList<>());
    }
    last.forEach((t, i) -> out.get(i).add(t));
    return out;
  }

  /**
   * Every {@code "a"."b"} in {@code sql}: two quoted identifiers joined by a dot, each pair of neighbours in a longer
   * chain ({@code "s"."t"."c"} gives {@code "s"."t"} and {@code "t"."c"}). One pass over the text.
   */
  static List<String> quotedPairs(String sql) {
    List<String> out = new ArrayList<>();
    int prevStart = -1;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      if (sql.charAt(i) != '"') {
        prevStart = -1;
        i++;
        continue;
      }
      int start = i++;
      while (i < n) {
        if (sql.charAt(i) == '"') {
          if (i + 1 < n && sql.charAt(i + 1) == '"') {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      if (i >= n) {
        break; // unterminated: not an identifier
      }
      i++; // past the closing quote
      if (prevStart >= 0) {
        out.add(sql.substring(prevStart, i));
      }
      if (i < n && sql.charAt(i) == '.' && i + 1 < n && sql.charAt(i + 1) == '"') {
        prevStart = start;
        i++; // the dot; the next identifier follows at once
      } else {
        prevStart = -1;
      }
    }
    return out;
  }

  /**
   * The record of the pieces for a load beside the base phase, which holds the run's connection: the pieces are
   * recorded on a connection of their own, closed at once (the target may allow few connections).
   */
  static io.pgferry.loader.PieceJournal plannedApart(io.pgferry.orchestrator.resume.CloneJournal journal, CloneOptions o) {
    java.sql.Connection[] own = {null};
    io.pgferry.loader.PieceJournal inner = journal.pieces(() -> own[0]);
    return new io.pgferry.loader.PieceJournal() {
      @Override
      public Layout layout(io.pgferry.extractor.QualifiedName table) {
        return inner.layout(table);
      }

      @Override
      public void planned(List<Planned> planned) throws java.sql.SQLException {
        try (java.sql.Connection c = o.target().open("pgferry load")) {
          own[0] = c;
          inner.planned(planned);
        } finally {
          own[0] = null;
        }
      }

      @Override
      public long[] committed(java.sql.Connection c, io.pgferry.extractor.QualifiedName table, int index) throws java.sql.SQLException {
        return inner.committed(c, table, index);
      }

      @Override
      public void committing(java.sql.Connection c, io.pgferry.extractor.QualifiedName table, int index, long rows, long bytes)
          throws java.sql.SQLException {
        inner.committing(c, table, index, rows, bytes);
      }
    };
  }

  /** Base transaction {@code batch} committed: its tables may be copied. Throws the load's failure if it has failed. */
  void committed(int batch) {
    arrivals.arrived(schedule.get(batch));
    if (task.isDone()) {
      await(); // throws when the load failed; a load that ended has nothing left to copy
    }
  }

  /** The base phase ended: every table may be copied; the seal, once it starts, hears of each table copied. */
  void baseDone() {
    arrivals.all();
  }

  /** When the load started (System.nanoTime). */
  long started() {
    return started;
  }

  /** The seal starts: it hears of the tables copied so far at once, and of the others as they complete. */
  void sealStarts(Consumer<QualifiedName> loaded) {
    List<QualifiedName> early;
    lock.lock();
    try {
      seal = loaded;
      early = List.copyOf(copiedEarly);
      copiedEarly.clear();
    } finally {
      lock.unlock();
    }
    early.forEach(loaded);
  }

  private void completed(QualifiedName sourceTable) {
    Consumer<QualifiedName> s;
    lock.lock();
    try {
      s = seal;
      if (s == null) {
        copiedEarly.add(sourceTable);
        return;
      }
    } finally {
      lock.unlock();
    }
    s.accept(sourceTable);
  }

  /** The load's report, once every table is copied; its failure as it would have been thrown. */
  LoadReport await() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the load ends on its own (its workers see the run's failure)
          arrivals.abandon("the clone was cancelled");
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops a load that has not ended (the run failed: its error is the one shown) and waits until every copy
   * has rolled back and closed its connections, so that the undo that follows finds no lock held. Never throws.
   */
  @Override
  public void close() {
    if (!task.isDone()) {
      arrivals.abandon("the clone stopped before the load ended");
    }
    boolean interrupted = Thread.interrupted();
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break; // a consequence of the abandonment, or already thrown by await
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
