package io.pgferry.orchestrator;

import io.pgferry.extractor.BaseDdl;
import io.pgferry.extractor.DdlWriter;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.extractor.Table;
import io.pgferry.loader.CopyGate;
import io.pgferry.loader.LoadException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The base DDL in two transactions, so that the largest tables start loading while the rest is created: the
 * first creates what every table may need and those tables, the second (on the run's target connection, on a
 * virtual thread) everything else while the load begins. Copies of the other tables wait at the loader's
 * {@link CopyGate} until the second has committed. On the benchmark (313 statements, 0.7-1.7 s) the wide
 * table's load and index builds, the clone's longest path, start that much sooner.
 *
 * <p>A failure of the second transaction fails the clone like any base failure (the runner then removes
 * what the first created). The runner must {@link #finish()} or {@link #close()} this before it uses the
 * target connection again.
 */
final class EarlyBase implements AutoCloseable {
  /** Smaller tables load in less time than the base DDL takes; they gain nothing from starting early. */
  static final long MIN_BYTES = 64L << 20;

  interface Apply {
    void apply(List<SqlStatement> statements);
  }

  private final Set<QualifiedName> early;
  private final FutureTask<Void> rest;

  private EarlyBase(Set<QualifiedName> early, FutureTask<Void> rest) {
    this.early = early;
    this.rest = rest;
  }

  /**
   * The split for the {@code jobs} largest tables of at least {@code minBytes}, or null when none of them
   * can be created on its own (see {@link DdlWriter#base(io.pgferry.extractor.Catalog, Set)}).
   */
  static BaseDdl split(ClonePlan plan, SchemaMap map, int jobs, long minBytes) {
    Set<QualifiedName> largest = plan.catalog().tables().stream().filter(t -> t.holdsRows() && t.estimatedBytes() >= minBytes)
        .sorted(Comparator.comparingLong(Table::estimatedBytes).reversed()).limit(jobs).map(Table::name)
        .collect(java.util.stream.Collectors.toSet());
    if (largest.isEmpty()) {
      return null;
    }
    BaseDdl split = new DdlWriter(map).base(plan.catalog(), largest);
    return split.early().isEmpty() ? null : split;
  }

  /** Applies the first part here, then starts the second; returns once the early tables exist. */
  static EarlyBase start(BaseDdl split, Apply apply) {
    apply.apply(split.first());
    FutureTask<Void> rest = new FutureTask<>(() -> {
      apply.apply(split.rest());
      return null;
    });
    Thread.ofVirtual().name("pgferry-base-rest").start(rest);
    return new EarlyBase(split.early(), rest);
  }

  /** Lets the early tables through at once and the others once the second part has committed. */
  CopyGate gate() {
    return table -> {
      if (!early.contains(table)) {
        try {
          finish();
        } catch (PgferryException e) {
          // the load rethrows a PgferryException cause as it is: the clone fails with the base's own error
          throw new LoadException(LoadException.Code.TARGET_WRITE, table, "the base DDL failed", e);
        }
      }
    };
  }

  /** Waits for the second part; throws its failure. */
  void finish() {
    try {
      rest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgferryException(PgferryException.Code.INTERNAL, "interrupted while the base DDL ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PgferryException p) {
        throw p;
      }
      throw new PgferryException(PgferryException.Code.INTERNAL, "base phase failed: " + e.getCause(), e.getCause());
    }
  }

  /** Waits for the second part whatever happened, so the target connection is idle afterwards. */
  @Override
  public void close() {
    boolean interrupted = false;
    while (true) {
      try {
        rest.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break; // reported by finish() or by the load's gate
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
