package io.pgferry.orchestrator.clone;

import io.pgferry.loader.PieceResult;
import java.util.function.Consumer;

/**
 * Runs a clone's load phase somewhere else than in this process's own workers: a distributed engine (the Flink engine
 * of module {@code pgferry-flink}). The clone plans the pieces, holds the snapshot and runs the other two phases; the
 * engine copies every piece of {@link LoadJob#pieces()} exactly once (each worker gets one from
 * {@link RemoteLoads#worker}, whose journal skips a piece committed before) and reports each as it commits. Found
 * with {@link java.util.ServiceLoader} by {@link #name()}.
 */
public interface LoadEngine {
  /** The name {@code engine} selects ({@code flink}). */
  String name();

  /**
   * Copies every piece; returns when all are committed, or throws the first failure the engine could not recover
   * from (a {@link io.pgferry.extractor.PgferryException}, its code LOAD or INTERRUPTED).
   *
   * @param committed called for each piece as it commits, on any thread (for progress; a piece may be reported twice
   *     after a failover, once as {@link PieceResult#already()})
   */
  void run(LoadJob job, Consumer<PieceResult> committed);
}
