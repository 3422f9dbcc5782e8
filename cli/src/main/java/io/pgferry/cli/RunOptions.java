package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneTuning;
import java.util.List;

import picocli.CommandLine.Option;

/** Flags of commands that run a clone (clone, run). */
final class RunOptions {
  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Tables copied at once, indexes built at once, and connections a large base phase creates tables on besides the run's own (clone default: CPUs, at least 2;"
      + " run: the file's jobs).")
  Integer jobs;

  @Option(names = "--dry-run", description = "Print each phase's DDL and the load plan; change nothing.")
  boolean dryRun;

  @Option(names = "--keep-on-failure", description = "Keep the partial clone in the target when the run fails"
      + " (by default what the run created is dropped again).")
  boolean keepOnFailure;

  @Option(names = "--resume", description = "Finish the interrupted clone recorded in the target (killed, or kept with"
      + " --keep-on-failure): what it committed stays, the rest is done. Same arguments as the first run; a new clone"
      + " when the target records none.")
  boolean resume;

  @Option(names = "--abort", description = "Remove everything the interrupted clone recorded in the target created, and"
      + " its record: the target is as it was found. Same arguments as the first run.")
  boolean abort;

  @Option(names = "--allow-uncovered", description = "Clone even when the source has objects pgferry cannot create yet; each"
      + " is named as a warning (by default such objects stop the clone before anything is changed, exit 7).")
  boolean allowUncovered;

  @Option(names = "--privileges", description = "Also copy grants and default privileges (the roles must exist on the target).")
  boolean privileges;

  @Option(names = "--owner", description = "Also copy object owners (the roles must exist on the target).")
  boolean owners;

  @Option(names = "--seal", paramLabel = "MODE", description = "parallel (default): build each table's indexes on --jobs"
      + " connections as soon as it is loaded, foreign keys validated in parallel; single-transaction: the whole seal in one"
      + " transaction after the load.")
  String seal;

  @Option(names = "--maintenance-work-mem", paramLabel = "SIZE", description = "maintenance_work_mem of the index builds"
      + " (default " + CloneTuning.DEFAULT_MAINTENANCE_WORK_MEM + "; 'server' keeps the server's setting).")
  String maintenanceWorkMem;

  @Option(names = "--gin-maintenance-work-mem", paramLabel = "SIZE", description = "maintenance_work_mem of GIN index builds,"
      + " which run faster with a cache-sized value (default " + CloneTuning.DEFAULT_GIN_MAINTENANCE_WORK_MEM + "; 'same' uses"
      + " --maintenance-work-mem).")
  String ginMaintenanceWorkMem;

  @Option(names = "--parallel-maintenance-workers", paramLabel = "N", description = "max_parallel_maintenance_workers of the"
      + " index builds (default: the server's setting).")
  Integer parallelMaintenanceWorkers;

  @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Copy tables larger than this as several page ranges at"
      + " once, e.g. 256MB (default 64MB; 0 never splits).")
  String chunkSize;

  @Option(names = "--no-binary", description = "Copy every table in text format (default: binary where all column types"
      + " allow it).")
  boolean noBinary;

  @Option(names = "--freeze", description = "TRUNCATE + COPY FREEZE for tables copied whole (rows arrive frozen).")
  boolean freeze;

  @Option(names = "--engine", paramLabel = "ENGINE", description = "What runs the load phase: local (this process, the default)"
      + " or flink (a Flink job: a mini cluster in this process, or the session cluster of --flink-address; docs/scale-out.md).")
  String engine;

  @Option(names = "--flink-address", paramLabel = "HOST:PORT", description = "REST endpoint of the Flink session cluster that"
      + " runs the load (with --engine flink); its task managers need network access to both databases.")
  String flinkAddress;

  /** The engine flags over what a pipeline says (or the local engine); an address alone implies flink. */
  CloneOptions.Builder engine(CloneOptions.Builder b, String fileEngine, String fileAddress) {
    String e = engine != null ? engine : flinkAddress != null ? "flink" : fileEngine;
    String a = flinkAddress != null ? flinkAddress : engine != null && !engine.equals(fileEngine) ? null : fileAddress;
    if (!List.of("local", "flink").contains(e)) {
      throw new PgferryException(PgferryException.Code.USAGE, "--engine is local or flink, got '" + e + "'");
    }
    // checked here, before anything is read or created, not when the load reaches the engine
    if (flinkAddress != null && !flinkAddress.matches("[^\\s:]+:[0-9]{1,5}")) {
      throw new PgferryException(PgferryException.Code.USAGE, "--flink-address is host:port (the session cluster's REST endpoint,"
          + " port 8081 by default), got '" + flinkAddress + "'");
    }
    return b.engine(e, e.equals("local") ? null : a);
  }

  /** A pipeline's clone options with these flags applied ({@code --jobs} only when given). */
  CloneOptions applyTo(CloneOptions fromFile) {
    CloneOptions.Builder b = fromFile.toBuilder().dryRun(dryRun).keepOnFailure(keepOnFailure).privileges(privileges).owners(owners)
        .allowUncovered(allowUncovered).recovery(recovery());
    engine(b, fromFile.engine(), fromFile.engineAddress());
    if (jobs != null) {
      b.jobs(jobs);
    }
    return b.build();
  }

  /** What --resume and --abort ask for; both at once is a usage error. */
  CloneOptions.Recovery recovery() {
    if (resume && abort) {
      throw new io.pgferry.extractor.PgferryException(io.pgferry.extractor.PgferryException.Code.USAGE,
          "--resume and --abort exclude each other: finish the interrupted clone, or remove it");
    }
    return resume ? CloneOptions.Recovery.RESUME : abort ? CloneOptions.Recovery.ABORT : CloneOptions.Recovery.NONE;
  }

  /** The tuning these flags ask for. */
  CloneTuning tuning() {
    CloneTuning.Builder b = CloneTuning.builder();
    if (maintenanceWorkMem != null) {
      b.maintenanceWorkMem("server".equalsIgnoreCase(maintenanceWorkMem.strip()) ? null : maintenanceWorkMem);
    }
    if (seal != null) {
      b.seal(CloneTuning.SealMode.parse(seal));
    }
    b.parallelMaintenanceWorkers(parallelMaintenanceWorkers);
    if (chunkSize != null) {
      b.chunkBytes(size(chunkSize));
    }
    if (noBinary) {
      b.binary(false);
    }
    if (freeze) {
      b.freeze(true);
    }
    if (ginMaintenanceWorkMem != null) {
      b.ginMaintenanceWorkMem("same".equalsIgnoreCase(ginMaintenanceWorkMem.strip()) ? null : ginMaintenanceWorkMem);
    }
    return b.build();
  }

  private static long size(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([0-9]{1,12})\\s*(B|kB|MB|GB)?\\s*$",
        java.util.regex.Pattern.CASE_INSENSITIVE).matcher(s);
    if (!m.matches()) {
      throw new PgferryException(PgferryException.Code.USAGE, "--chunk-size expects a size such as 256MB, 1GB or 0, got '" + s + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT);
    long factor = switch (unit) {
      case "KB" -> 1024L;
      case "MB" -> 1024L * 1024;
      case "GB" -> 1024L * 1024 * 1024;
      default -> 1;
    };
    try {
      return Math.multiplyExact(n, factor);
    } catch (ArithmeticException e) {
      throw new PgferryException(PgferryException.Code.USAGE, "--chunk-size " + s + " is too large");
    }
  }
}
