package io.pgferry.orchestrator.cli;

import picocli.CommandLine.Option;

/** Flags of commands that run a clone (clone, run). */
final class RunOptions {
  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Tables copied at once (clone default: CPUs, at least 2;"
      + " run: the file's jobs).")
  Integer jobs;

  @Option(names = "--dry-run", description = "Print each phase's DDL and the load plan; change nothing.")
  boolean dryRun;

  @Option(names = "--keep-on-failure", description = "Keep the partial clone in the target when the run fails"
      + " (by default what the run created is dropped again).")
  boolean keepOnFailure;

  @Option(names = "--privileges", description = "Also copy grants and default privileges (the roles must exist on the target).")
  boolean privileges;

  @Option(names = "--owner", description = "Also copy object owners (the roles must exist on the target).")
  boolean owners;
}
