package io.pgferry.cli;

import io.pgferry.orchestrator.anonymize.PreviewReport;
import io.pgferry.orchestrator.anonymize.Previewer;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {"Show sample rows of every table a pipeline transforms, before and after, exactly as a clone would write them"
        + " (same filters, same transformers, same COPY path). Reads the source only; never connects to the target.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry preview pipelines/demo.yaml",
        "  pgferry preview anonymize.yaml --table public.customers --rows 5",
        "  pgferry preview anonymize.yaml --all-columns --json > preview.json",
        "",
        ExitCodes.TEXT})
final class PreviewCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
  Path pipeline;

  @Option(names = "--table", paramLabel = "PATTERNS", split = ",",
      description = "Only these tables (shell wildcards on schema.table or table); default every transformed table.")
  List<String> tables = new ArrayList<>();

  @Option(names = "--rows", paramLabel = "N", description = "Rows per table (default ${DEFAULT-VALUE}).")
  int rows = 10;

  @Option(names = "--all-columns", description = "Show every column, not only the transformed and key columns.")
  boolean allColumns;

  PreviewCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    Pipeline p = PipelineParser.parse(pipeline, env);
    PreviewReport report = Previewer.preview(p, env, ctx.home(), tables, rows, allColumns);
    ctx.out().print(Flags.render(output.json ? report.toJson() + "\n" : report.render()));
    return 0;
  }
}
