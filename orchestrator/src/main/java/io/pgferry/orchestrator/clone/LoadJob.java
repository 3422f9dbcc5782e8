package io.pgferry.orchestrator.clone;

import io.pgferry.loader.PieceSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A clone's load phase, as it travels to another engine's workers: the clone's options (with the snapshot every worker
 * reads as of), the run's record in the target (whose marks make each piece exactly once), and the planned pieces.
 * The options hold the connections' passwords: the job is for the engine's own processes, never for a log.
 *
 * @param runId the clone's record in the target ({@code pgferry.clone_run})
 * @param parallelism workers copying at once (the clone's jobs)
 * @param address where the engine runs ({@code host:port} of a Flink session cluster), or null for one inside this process
 */
public record LoadJob(CloneOptions options, String runId, List<PieceSpec> pieces, int parallelism, String address)
    implements Serializable {
  public LoadJob {
    Objects.requireNonNull(options.snapshot(), "the job's options must name the snapshot");
    Objects.requireNonNull(runId, "runId");
    pieces = List.copyOf(pieces);
  }

  /** What the engine's UI and logs may show: the two sides without passwords, and the size of the job. */
  public String describe() {
    return "pgferry load " + options.source().display() + " -> " + options.target().display() + " (" + pieces.size() + " pieces)";
  }
}
