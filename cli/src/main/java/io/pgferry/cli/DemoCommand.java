package io.pgferry.cli;

import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.Verification;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.Pipelines;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Start two embedded PostgreSQL servers, create a sample shop database on one, clone it to the other with"
            + " pipelines/demo.yaml (which anonymizes customer data), verify the clone, and stop the servers. Needs"
            + " nothing but a JDK: the PostgreSQL binaries come bundled.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry demo",
        "  pgferry demo --quiet --json > demo-report.json",
        "",
        ExitCodes.TEXT})
final class DemoCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin OutputOptions output;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Tables copied at once (default: the pipeline's).")
  Integer jobs;

  DemoCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Runs.prepare(ctx, output);
    say("starting two embedded PostgreSQL servers (source and target)...");
    try (EmbeddedPostgres source = start(); EmbeddedPostgres target = start()) {
      String sourceUrl = "postgresql://postgres@127.0.0.1:" + source.getPort() + "/shop";
      String targetUrl = "postgresql://postgres@127.0.0.1:" + target.getPort() + "/shop_clone";
      createDatabase(source, "shop");
      createDatabase(target, "shop_clone");
      say("creating the sample shop database on " + sourceUrl + " ...");
      try (Connection c = source.getDatabase("postgres", "shop").getConnection(); Statement s = c.createStatement()) {
        s.execute(resource("/io/pgferry/demo/shop.sql"));
      }
      Map<String, String> env = new HashMap<>(ctx.env());
      env.put("DEMO_SOURCE_URL", sourceUrl);
      env.put("DEMO_TARGET_URL", targetUrl);
      env.putIfAbsent("PGFERRY_SALT", "demo-salt");
      // The same file as pipelines/demo.yaml in the repository, bundled into the jar.
      Pipeline p = PipelineParser.parse(resource("/pipelines/demo.yaml"), "pipelines/demo.yaml", env);
      CloneOptions o = Pipelines.toCloneOptions(p, env, ctx.home());
      if (jobs != null) {
        o = o.toBuilder().jobs(jobs).build();
      }
      say("cloning with pipelines/demo.yaml -> " + targetUrl);
      CloneReport report = new CloneRunner(Runs.console(ctx, output)).run(o);
      Runs.print(ctx, output, report);
      if (!output.quiet) {
        ctx.err().println();
        report.summaryTable().forEach(line -> ctx.err().println(line));
      }
      Verification v = Verification.compare(o.source(), o.target(), o.schemaMap());
      if (!output.quiet || !v.ok()) {
        v.lines().forEach(l -> ctx.err().println(l));
      }
      say(v.ok() ? "demo finished: the clone is complete and consistent; servers stopped."
          : "demo FAILED verification; servers stopped.");
      return v.ok() ? 0 : ExitCodes.of(io.pgferry.extractor.PgferryException.Code.VERIFY);
    }
  }

  private void say(String s) {
    if (!output.quiet) {
      ctx.err().println(s);
    }
  }

  private static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
  }

  private static void createDatabase(EmbeddedPostgres pg, String name) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + io.pgferry.extractor.Sql.ident(name));
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing resource " + path + " in the pgferry jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
