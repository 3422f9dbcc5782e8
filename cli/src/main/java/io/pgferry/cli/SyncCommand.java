package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.pipeline.SyncConfig;
import io.pgferry.orchestrator.sync.SyncOptions;
import io.pgferry.orchestrator.sync.SyncReport;
import io.pgferry.orchestrator.sync.SyncRunner;

import io.pgferry.loader.SyncMode;
import io.pgferry.loader.Syncer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
        "Bring a target's rows up to date with a source, incrementally and in parallel: upsert rows changed since the last"
            + " run (timestamp mode), copy rows whose key the target lacks (append), or reload small keyless tables (full);"
            + " --delete removes rows gone from the source. Each batch commits on its own with its high-water mark in the"
            + " target's pgferry schema, so a crashed run resumes where it stopped. See docs/sync.md.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry sync -s postgresql://ro@prod/shop -t postgresql:///shop_dev --delete",
        "  pgferry sync -s postgresql:///shop -t postgresql:///dw --mode append --include 'events_*' --jobs 4",
        "  pgferry sync -s postgresql:///shop -t postgresql:///shop --target-schema migrated --exclude-generated",
        "  pgferry sync --config sync.yaml --json > report.json",
        "",
        ExitCodes.TEXT})
final class SyncCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin ConnectionOptions connections;
  @Mixin OutputOptions output;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings and per-table overrides from a YAML file; flags win.")
  Path config;

  @Option(names = "--mode", paramLabel = "MODE", description = "timestamp, append or full for every table (default: per table).")
  SyncMode mode;

  @Option(names = "--include", paramLabel = "PATTERNS", split = ",", description = "Only these tables (shell wildcards).")
  List<String> include;

  @Option(names = "--exclude", paramLabel = "PATTERNS", split = ",", description = "Skip these tables (same syntax).")
  List<String> exclude;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Tables synced at once (default: CPUs, at least 2); each uses a source and a target connection, two of each in timestamp mode with --delete.")
  Integer jobs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Rows per target transaction (default 10000).")
  Integer batchSize;

  @Option(names = "--timestamp-column", paramLabel = "NAME", description = "High-water-mark column (default updated_at).")
  String timestampColumn;

  @Option(names = "--delete", description = "Also remove target rows whose primary key is gone from the source.")
  boolean delete;

  @Option(names = "--target-schema", paramLabel = "SCHEMA", description = "Sync every table into this target schema.")
  String targetSchema;

  @Option(names = "--exclude-generated", description = "Leave identity, serial and sequence-defaulted columns to the target.")
  boolean excludeGenerated;

  @Option(names = "--keyless", paramLabel = "full|skip", description = "Tables without a primary key: reload in full (default) or skip.")
  SyncOptions.Keyless keyless;

  @Option(names = "--mark-from", paramLabel = "state|target", description = "Where the high-water mark comes from: pgferry's state"
      + " table (default; the target's max when none) or always the target's max.")
  Syncer.MarkSource markFrom;

  SyncCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    SyncConfig file = config == null ? null : SyncConfig.parse(config, env);
    ConnectionInput sourceIn = connections.anySource() || file == null || file.source() == null ? connections.sourceInput() : file.source();
    ConnectionInput targetIn = connections.anyTarget() || file == null || file.target() == null ? connections.targetInput() : file.target();
    ConnectionSpec source = ConnectionSpec.resolve(sourceIn, "SOURCE", env, ctx.home());
    ConnectionSpec target = ConnectionSpec.resolve(targetIn, "TARGET", env, ctx.home());
    SyncOptions o = SyncOptions.builder(source, target)
        .include(pick(include, file == null ? null : file.include(), List.of()))
        .exclude(pick(exclude, file == null ? null : file.exclude(), List.of()))
        .mode(pick(mode, file == null ? null : file.mode(), null))
        .jobs(pick(jobs, file == null ? null : file.jobs(), CloneOptions.defaultJobs()))
        .batchSize(pick(batchSize, file == null ? null : file.batchSize(), SyncOptions.DEFAULT_BATCH_SIZE))
        .timestampColumn(pick(timestampColumn, file == null ? null : file.timestampColumn(), null))
        .delete(delete || file != null && Boolean.TRUE.equals(file.delete()))
        .targetSchema(pick(targetSchema, file == null ? null : file.targetSchema(), null))
        .excludeGenerated(excludeGenerated || file != null && Boolean.TRUE.equals(file.excludeGenerated()))
        .keyless(pick(keyless, file == null ? null : file.keyless(), null))
        .markFrom(pick(markFrom, file == null ? null : file.markFrom(), null))
        .tables(file == null ? List.of() : file.tables()).build();
    SyncReport report = new SyncRunner(Runs.console(ctx, output)).run(o);
    if (output.json) {
      ctx.out().println(Flags.render(report.toJson()));
    }
    Runs.printSummary(ctx, output, report);
    PgferryException failure = report.failure();
    if (failure != null) {
      throw failure;
    }
    return 0;
  }

  private static <T> T pick(T flag, T file, T fallback) {
    return flag != null ? flag : file != null ? file : fallback;
  }
}
