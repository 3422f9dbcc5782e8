package io.pgferry.orchestrator;

import io.pgferry.orchestrator.clone.CloneReport;

import io.pgferry.loader.ProgressListener;

/** What a run tells its caller while it works (the CLI prints it; tests may record it). */
public interface RunListener {
  default void phaseStarted(String phase, String detail) {}

  default void phaseFinished(CloneReport.PhaseReport report) {}

  default void warning(String message) {}

  /** Row-level progress of the load phase. */
  default ProgressListener loadProgress() {
    return new ProgressListener() {};
  }

  RunListener SILENT = new RunListener() {};
}
