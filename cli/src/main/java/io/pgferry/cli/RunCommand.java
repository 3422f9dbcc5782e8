package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.PipelineReport;
import io.pgferry.orchestrator.pipeline.Pipelines;
import io.pgferry.orchestrator.pipeline.Step;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;
import io.pgferry.orchestrator.schemasync.SchemaSyncRunner;
import io.pgferry.orchestrator.sync.SyncOptions;
import io.pgferry.orchestrator.sync.SyncReport;
import io.pgferry.orchestrator.sync.SyncRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Run a YAML pipeline (see docs/pipeline.md): its steps (clone by default, schema-sync, sync) in order, with the same"
        + " source and target. The whole file is validated before any connection; a failed step stops the run.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry run pipelines/demo.yaml --dry-run",
        "  SOURCE_URL=postgresql://ro@prod/shop TARGET_URL=postgresql:///dev pgferry run pipelines/anonymized-subset.yaml",
        "  pgferry run clone.yaml --env prod.env --jobs 8 --json > report.json",
        "  pgferry run pipelines/keep-in-sync.yaml            # steps: [sync]",
        "  pgferry run pipelines/schema-then-rows.yaml --dry-run   # steps: [schema-sync, sync]",
        "",
        ExitCodes.TEXT})
final class RunCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin OutputOptions output;
  @Mixin RunOptions run;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
  Path pipeline;

  RunCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    Pipeline p = PipelineParser.parse(pipeline, env);
    // One step keeps the report shape of `clone --json` / `sync --json`; several are wrapped in one document.
    boolean single = p.steps().size() == 1;
    List<PipelineReport.StepReport> json = new ArrayList<>();
    for (Step step : p.steps()) {
      switch (step) {
        case CLONE -> {
          CloneOptions o = run.applyTo(Pipelines.toCloneOptions(p, env, ctx.home()));
          CloneReport report = new CloneRunner(Runs.console(ctx, output), run.tuning()).run(o);
          Runs.print(ctx, output, report, single);
          json.add(new PipelineReport.StepReport(step, report.toJson()));
        }
        case SCHEMA_SYNC -> {
          SchemaSyncReport report = new SchemaSyncRunner(Runs.console(ctx, output)).run(
              Pipelines.toSchemaSyncOptions(p, env, ctx.home()).withDryRun(run.dryRun));
          if (run.dryRun && !report.identical()) {
            // With --json, stdout carries only the JSON document, so the script goes to stderr.
            (output.json ? ctx.err() : ctx.out()).print(Flags.render(report.script()));
          }
          if (output.json && single) {
            ctx.out().println(Flags.render(report.toJson()));
          }
          Runs.printSummary(ctx, output, report);
          json.add(new PipelineReport.StepReport(step, report.toJson()));
        }
        case SYNC -> {
          SyncOptions o = Pipelines.toSyncOptions(p, env, ctx.home());
          if (run.jobs != null) {
            o = o.toBuilder().jobs(run.jobs).build();
          }
          if (run.dryRun) {
            // A sync plan needs the target's tables and marks, which an earlier clone step has not made yet.
            ctx.err().println("dry run: step 'sync' not run: " + o);
            continue;
          }
          SyncReport report = new SyncRunner(Runs.console(ctx, output)).run(o);
          if (output.json && single) {
            ctx.out().println(Flags.render(report.toJson()));
          }
          Runs.printSummary(ctx, output, report);
          json.add(new PipelineReport.StepReport(step, report.toJson()));
          PgferryException failure = report.failure();
          if (failure != null) {
            printSteps(json, single);
            throw failure;
          }
        }
      }
    }
    printSteps(json, single);
    return 0;
  }

  private void printSteps(List<PipelineReport.StepReport> json, boolean single) {
    if (output.json && !single) {
      ctx.out().println(Flags.render(new PipelineReport(json).toJson()));
    }
  }
}
