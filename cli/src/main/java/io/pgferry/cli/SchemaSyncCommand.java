package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;
import io.pgferry.orchestrator.schemasync.SchemaSyncReport;
import io.pgferry.orchestrator.schemasync.SchemaSyncRunner;

import io.pgferry.schemadiff.DiffOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "schema-sync",
    mixinStandardHelpOptions = true,
    description = {
        "Make the target's schema equal the source's, in one transaction: if any statement fails nothing changes and the"
            + " error names the statement. Data of dropped tables and columns is kept (--preserve backup, the default),"
            + " statements that may fail or lose data are refused unless --allow-hazards names them, and every lock wait"
            + " is bounded by --lock-timeout. See docs/schema-sync.md.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry schema-sync -s postgresql:///shop_dev -t postgresql://prod/shop --dry-run",
        "  pgferry schema-sync -s postgresql:///shop_dev -t postgresql://prod/shop --allow-hazards app.orders.total:type-change",
        "  pgferry schema-sync -s postgresql:///shop -t postgresql:///shop --source-schema dev_schema --target-schema prod_schema",
        "  pgferry schema-sync -s postgresql:///shop_dev -t postgresql:///shop_ci --preserve none --lock-timeout 30s --json",
        "  pgferry schema-sync -s postgresql:///shop_dev -t postgresql://prod/shop --online --allow-hazards app.orders:column-order",
        "",
        ExitCodes.TEXT})
final class SchemaSyncCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin ConnectionOptions connections;
  @Mixin OutputOptions output;
  @Mixin SchemaOptions schemas;

  @Option(names = "--dry-run", description = "Print the script, apply nothing.")
  boolean dryRun;

  @Option(names = "--preserve", paramLabel = "backup|rename|none", description = "Dropped tables and columns: keep their data in"
      + " bak_* tables (backup, default), rename them *_dropped_* for a later cleanup (rename), or drop them (none).")
  DiffOptions.Preserve preserve;

  @Option(names = "--allow-hazards", paramLabel = "IDS", split = ",", description = "Hazard ids (as the script lists them, e.g."
      + " app.orders.total:type-change) to accept, or all.")
  List<String> allowHazards;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "Give up (and roll back) when a lock is not granted"
      + " within this time: 500ms, 5s, 1m (default 5s).")
  String lockTimeout;

  SchemaSyncCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    SchemaSyncOptions o = schemas.options(ConnectionSpec.resolve(connections.sourceInput(), "SOURCE", env, ctx.home()),
        ConnectionSpec.resolve(connections.targetInput(), "TARGET", env, ctx.home())).preserve(preserve).lockTimeout(duration(lockTimeout))
        .dryRun(dryRun).build().withAllowHazards(SchemaOptions.hazards(allowHazards));
    SchemaSyncReport report = new SchemaSyncRunner(Runs.console(ctx, output)).run(o);
    if (dryRun || report.identical() || output.json || schemas.outputFile != null) {
      schemas.print(ctx, output, report);
    }
    if (!output.json) {
      Runs.printSummary(ctx, output, report);
    }
    return 0;
  }

  static Duration duration(String text) {
    if (text == null) {
      return null;
    }
    Duration d = SchemaSyncOptions.parseLockTimeout(text);
    if (d == null) {
      throw new PgferryException(PgferryException.Code.USAGE, "--lock-timeout " + text + ": expected " + SchemaSyncOptions.LOCK_TIMEOUT_FORMAT);
    }
    return d;
  }
}
