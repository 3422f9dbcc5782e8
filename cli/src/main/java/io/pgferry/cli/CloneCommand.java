package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.ConnectionSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "clone",
    mixinStandardHelpOptions = true,
    description = {
        "Clone a database: base DDL, parallel COPY of every table from one consistent snapshot, then constraints,"
            + " indexes, foreign keys and views in one transaction. If the load or seal fails, what the run created is"
            + " removed again (see --keep-on-failure). A clone that was killed or lost its server is recorded in the"
            + " target: finish it with --resume, or remove it with --abort (same arguments).", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry clone -s postgresql://app@prod/shop -t postgresql://localhost/shop_dev -j 4",
        "  pgferry clone -s 'host=db1 dbname=shop user=ro' -t postgresql:///shop_copy --exclude 'audit_*,public.tmp_*'",
        "  pgferry clone -s postgresql:///shop -t postgresql:///shop --schema-map public=migrated",
        "  SOURCE_DB_HOST=db1 SOURCE_DB_NAME=shop TARGET_DB_NAME=shop_dev pgferry clone --dry-run",
        "  pgferry clone -s postgresql:///legacy -t postgresql:///copy --allow-uncovered   # clone what pgferry can, name the rest",
        "  pgferry clone -s postgresql://app@prod/shop -t postgresql:///shop_dev -j 4 --resume   # finish an interrupted clone",
        "  pgferry clone -s postgresql://app@prod/shop -t postgresql:///shop_dev --abort   # or remove it",
        "  pgferry clone -s postgresql://app@prod/shop -t postgresql://dw/shop -j 32 --flink-address jm:8081   # load on Flink",
        "",
        "Connections: libpq URLs, jdbc:postgresql:// URLs and 'key=value' strings; --source-host etc. override",
        "parts of them; then SOURCE_DB_* / TARGET_DB_* variables, PG* variables and ~/.pgpass apply.",
        "",
        ExitCodes.TEXT})
final class CloneCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin ConnectionOptions connections;
  @Mixin OutputOptions output;
  @Mixin RunOptions run;

  @Option(names = "--include", paramLabel = "PATTERNS", split = ",",
      description = "Only these tables: shell wildcards on schema.table or table, comma-separated.")
  List<String> include = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "PATTERNS", split = ",", description = "Skip these tables (same syntax).")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--schema-map", paramLabel = "SRC=DST", split = ",",
      description = "Clone schema SRC into schema DST, e.g. public=migrated (repeatable).")
  List<String> schemaMap = new ArrayList<>();

  @Option(names = "--phases", paramLabel = "PHASES", split = ",", description = "Which phases to run (default: base,load,seal).")
  List<Phase> phases;

  CloneCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    ConnectionSpec source = ConnectionSpec.resolve(connections.sourceInput(), "SOURCE", env, ctx.home());
    ConnectionSpec target = ConnectionSpec.resolve(connections.targetInput(), "TARGET", env, ctx.home());
    CloneOptions o = CloneOptions.builder(source, target).include(include).exclude(exclude)
        .schemaMap(parseSchemaMap(schemaMap)).jobs(run.jobs == null ? CloneOptions.defaultJobs() : run.jobs)
        .phases(phases == null ? EnumSet.allOf(Phase.class) : EnumSet.copyOf(phases)).dryRun(run.dryRun)
        .keepOnFailure(run.keepOnFailure).privileges(run.privileges).owners(run.owners).allowUncovered(run.allowUncovered)
        .recovery(run.recovery()).build();
    o = run.engine(o.toBuilder(), CloneOptions.LOCAL_ENGINE, null).build();
    return Runs.clone(ctx, output, o, run.tuning());
  }

  static Map<String, String> parseSchemaMap(List<String> entries) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new PgferryException(PgferryException.Code.USAGE, "--schema-map expects SRC=DST (e.g. public=migrated), got '" + e + "'");
      }
      out.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip());
    }
    return out;
  }
}
