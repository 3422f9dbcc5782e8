package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.anonymize.PiiScanner;
import io.pgferry.orchestrator.anonymize.ScanOptions;
import io.pgferry.orchestrator.anonymize.ScanReport;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {"Find columns that likely hold personal data, by their names (English, German, French, Spanish, Italian,"
        + " Dutch) and by a small sample of their values (e-mail, phone, IBAN, card numbers, IP addresses, birthdays)."
        + " With --pipeline, say which the pipeline's transform rules cover; exit code 13 while likely personal data is"
        + " left uncovered. The source is only read, in a READ ONLY transaction.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry scan --source postgresql://ro@prod/shop",
        "  pgferry scan -s postgresql://ro@prod/shop --write-rules anonymize.yaml     # a starter pipeline to edit",
        "  pgferry scan -s postgresql://ro@prod/shop --pipeline anonymize.yaml --json   # in CI: fails on uncovered columns",
        "  pgferry scan -s postgresql://ro@prod/shop --sample 0 --exclude 'audit.*'     # names only, no data read",
        "",
        ExitCodes.TEXT})
final class ScanCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin OutputOptions output;

  @Option(names = {"-s", "--source"}, paramLabel = "URL",
      description = "The database to scan; default the --pipeline's source (SOURCE_URL, SOURCE_DB_* and PG* variables apply).")
  String source;

  @Option(names = "--sample", paramLabel = "N", description = "Rows sampled per table; 0 judges by names only (default ${DEFAULT-VALUE}).")
  int sample = ScanOptions.DEFAULT_SAMPLE;

  @Option(names = "--min-confidence", paramLabel = "X",
      description = "Report columns with at least this confidence, 0 to 1 (default ${DEFAULT-VALUE}).")
  double minConfidence = ScanOptions.DEFAULT_MIN_CONFIDENCE;

  @Option(names = "--pipeline", paramLabel = "FILE", description = "Mark each finding covered or not by this pipeline's rules.")
  Path pipeline;

  @Option(names = "--write-rules", paramLabel = "FILE",
      description = "Write a starter pipeline with a rule for every uncovered finding (refuses to overwrite a file).")
  Path writeRules;

  @Option(names = "--include", paramLabel = "PATTERNS", split = ",", description = "Only these tables (shell wildcards on schema.table or table).")
  List<String> include = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "PATTERNS", split = ",", description = "Skip these tables (same syntax).")
  List<String> exclude = new ArrayList<>();

  ScanCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    Pipeline p = pipeline == null ? null : PipelineParser.parse(pipeline, env);
    if (writeRules != null && Files.exists(writeRules)) {
      throw new PgferryException(PgferryException.Code.USAGE, "--write-rules: " + writeRules + " already exists; choose another file");
    }
    // without --source, the pipeline's own source is the natural one to check
    ConnectionInput in = source == null && p != null ? p.source() : ConnectionInput.ofUrl(source);
    ConnectionSpec spec = ConnectionSpec.resolve(in, "SOURCE", env, ctx.home());
    ScanReport report = PiiScanner.scan(spec, ScanOptions.builder().include(include).exclude(exclude).sample(sample)
        .minConfidence(minConfidence).pipeline(p).clock(Clock.systemUTC()).build());
    if (output.json) {
      ctx.out().println(Flags.render(report.toJson()));
    } else {
      ctx.out().print(Flags.render(report.render()));
    }
    report.warnings().forEach(w -> ctx.err().println("pgferry: warning: " + Flags.render(w)));
    if (writeRules != null) {
      try {
        Files.writeString(writeRules, report.starterRules(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
      } catch (IOException e) {
        throw new PgferryException(PgferryException.Code.CONFIG, "cannot write " + writeRules + ": " + e.getMessage(), e);
      }
      if (!output.quiet) {
        ctx.err().println("wrote " + report.uncovered().size() + " starter rule(s) to " + writeRules);
      }
    }
    List<ScanReport.Finding> open = report.uncovered();
    if (!open.isEmpty()) {
      List<String> names = open.stream().limit(5).map(ScanReport.Finding::qualified).toList();
      throw new PgferryException(PgferryException.Code.PII_UNCOVERED, open.size() + " likely personal-data column(s) "
          + (p == null ? "found" : "not covered by " + pipeline) + ": " + String.join(", ", names) + (open.size() > 5 ? ", …" : "")
          + "; add transform rules (--write-rules writes a starter file) or raise --min-confidence");
    }
    return 0;
  }
}
