package io.pgferry.cli;

import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.follow.FollowOptions;
import io.pgferry.orchestrator.follow.FollowReport;
import io.pgferry.orchestrator.follow.FollowRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    description = {
        "Keep a target in step with a source by logical replication: copy the selected tables from one consistent snapshot,"
            + " then apply every change as it commits, in commit order. WRITES TO THE SOURCE'S CATALOG: on its first run it"
            + " creates a publication and a logical replication slot there (named by --slot, default pgferry_follow; never a row"
            + " of user data), after checking wal_level = logical, the REPLICATION attribute, a free slot and that every table"
            + " has a key or replica identity; the output names them, and --cleanup removes them. The position applied is recorded"
            + " in the target with the changes, so a stopped or killed follow goes on where it stopped. A forgotten slot keeps"
            + " WAL on the source's disk: pgferry status shows it. See docs/follow.md.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry follow -s postgresql://repl@prod/shop -t postgresql:///shop_copy            # copy, then follow until stopped (Ctrl-C)",
        "  pgferry follow -s postgresql://repl@prod/shop -t postgresql:///shop_copy --until-caught-up   # for a cut-over",
        "  pgferry follow -s postgresql://repl@prod/shop -t postgresql:///shop_copy --cleanup  # drop the slot, publication and record",
        "",
        ExitCodes.TEXT})
final class FollowCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin ConnectionOptions connections;
  @Mixin OutputOptions output;

  @Option(names = "--include", paramLabel = "PATTERNS", split = ",", description = "Only these tables (shell wildcards).")
  List<String> include = List.of();

  @Option(names = "--exclude", paramLabel = "PATTERNS", split = ",", description = "Skip these tables (same syntax).")
  List<String> exclude = List.of();

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Tables copied at once in the initial copy (default: CPUs).")
  Integer jobs;

  @Option(names = "--slot", paramLabel = "NAME", description = "Name of the replication slot and the publication (default pgferry_follow).")
  String slot;

  @Option(names = "--until-caught-up", description = "Stop once everything committed on the source before the start is applied.")
  boolean untilCaughtUp;

  @Option(names = "--cleanup", description = "Drop the slot and the publication on the source and the target's record, then stop.")
  boolean cleanup;

  @Option(names = "--schema-sync", description = "On a schema change in the stream (a new column), bring the target's schema along"
      + " with schema-sync of that schema and go on, instead of stopping.")
  boolean schemaSync;

  @Option(names = "--transforms", paramLabel = "PIPELINE", description = "Apply this pipeline's transforms (and salt, strict) to the"
      + " copy and to every streamed row alike; rules that need SQL per row (sql, shuffle, when) are refused.")
  java.nio.file.Path transforms;

  FollowCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    ConnectionSpec source = ConnectionSpec.resolve(connections.sourceInput(), "SOURCE", env, ctx.home());
    ConnectionSpec target = ConnectionSpec.resolve(connections.targetInput(), "TARGET", env, ctx.home());
    FollowOptions o = FollowOptions.of(source, target).withTables(include, exclude)
        .withJobs(jobs == null ? CloneOptions.defaultJobs() : jobs).withSlot(slot).withUntilCaughtUp(untilCaughtUp).withCleanup(cleanup).withSchemaSync(schemaSync);
    if (transforms != null) {
      // the file's own source and target stand for this command's (a rules file may leave them as ${SOURCE_URL})
      Map<String, String> withUrls = new java.util.HashMap<>(env);
      withUrls.putIfAbsent("SOURCE_URL", source.display());
      withUrls.putIfAbsent("TARGET_URL", target.display());
      CloneOptions rules = io.pgferry.orchestrator.pipeline.Pipelines.toCloneOptions(
          io.pgferry.orchestrator.pipeline.PipelineParser.parse(transforms, withUrls), withUrls, ctx.home());
      o = o.withTransforms(new FollowOptions.Transforms(rules.transforms(), rules.salt(), rules.strict()));
    }
    FollowRunner runner = new FollowRunner(Runs.console(ctx, output));
    // SIGINT and SIGTERM stop after the transaction being applied; the JVM waits for that before it exits
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      runner.stop();
      try {
        done.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pgferry-follow-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      FollowReport r = runner.run(o);
      if (output.json) {
        ctx.out().println(Flags.render(r.toJson()));
      }
      if (!output.quiet) {
        print(r);
      }
      return 0;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook runs and returns at once
      }
    }
  }

  private void print(FollowReport r) {
    if (!r.dropped().isEmpty() || cleanupReport(r)) {
      ctx.err().println(r.dropped().isEmpty() ? "follow: nothing to remove for slot " + r.slot()
          : "follow: removed " + String.join(", ", r.dropped()));
      return;
    }
    r.created().forEach(c -> ctx.err().println("follow: created on the source: " + c));
    ctx.err().printf("follow %s -> %s: %s%,d transactions (%,d changes) applied up to %s%s in %.1f s%n", r.source(), r.target(),
        r.copy() == null ? "" : String.format("copied %,d rows, then ", r.copy().rows()), r.transactions(), r.changes(), r.lastLsn(),
        r.caughtUp() ? ", caught up" + (r.sequencesMoved() > 0 ? "; " + r.sequencesMoved() + " sequences moved to the source's values" : "")
            : "", r.elapsed().toNanos() / 1e9);
  }

  private static boolean cleanupReport(FollowReport r) {
    return r.startLsn() == null;
  }
}
