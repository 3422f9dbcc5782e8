package io.pgferry.cli;

import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;
import io.pgferry.orchestrator.schemasync.SchemaSyncRunner;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
        "Print the SQL script that makes the target's schema equal the source's (read-only on both sides). Exits 0 when"
            + " the schemas are identical and 2 when they differ; errors keep their own codes. Every statement carries a"
            + " comment saying why, and hazards (data loss, rewrites, long locks, index builds) are listed. See docs/schema-sync.md.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry diff -s postgresql:///shop_dev -t postgresql://prod/shop > alter.sql",
        "  pgferry diff -s postgresql:///shop -t postgresql:///shop --source-schema dev_schema --target-schema prod_schema",
        "  pgferry diff -s postgresql:///shop_dev -t postgresql://prod/shop --output alter.sql --json",
        "",
        ExitCodes.TEXT})
final class DiffCommand implements Callable<Integer> {
  /** What {@code diff} returns when the schemas differ (like diff(1), "not equal" is not an error). */
  static final int DIFFERENCES = 2;

  private final Context ctx;

  @Mixin ConnectionOptions connections;
  @Mixin OutputOptions output;
  @Mixin SchemaOptions schemas;

  DiffCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    SchemaSyncOptions o = schemas.options(ConnectionSpec.resolve(connections.sourceInput(), "SOURCE", env, ctx.home()),
        ConnectionSpec.resolve(connections.targetInput(), "TARGET", env, ctx.home())).dryRun(true).build();
    SchemaSyncReport report = new SchemaSyncRunner(Runs.console(ctx, output)).diff(o);
    schemas.print(ctx, output, report);
    return report.identical() ? 0 : DIFFERENCES;
  }
}
