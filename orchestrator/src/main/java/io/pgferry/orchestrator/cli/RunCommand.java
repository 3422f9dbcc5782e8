package io.pgferry.orchestrator.cli;

import io.pgferry.orchestrator.CloneOptions;
import io.pgferry.orchestrator.Pipeline;
import io.pgferry.orchestrator.PipelineParser;
import io.pgferry.orchestrator.Pipelines;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Run a YAML pipeline (see docs/pipeline.md). The whole file is validated before any connection.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry run pipelines/demo.yaml --dry-run",
        "  SOURCE_URL=postgresql://ro@prod/shop TARGET_URL=postgresql:///dev pgferry run pipelines/anonymized-subset.yaml",
        "  pgferry run clone.yaml --env prod.env --jobs 8 --json > report.json",
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
    CloneOptions o = Pipelines.toCloneOptions(p, env, ctx.home(), run.jobs, run.dryRun, run.keepOnFailure);
    return Runs.clone(ctx, output, o.withSecurity(run.privileges, run.owners), run.tuning());
  }
}
