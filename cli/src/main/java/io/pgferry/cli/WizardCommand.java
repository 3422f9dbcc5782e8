package io.pgferry.cli;

import io.pgferry.cli.wizard.Wizard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "wizard",
    mixinStandardHelpOptions = true,
    description = {
        "A guided run in the terminal: choose full copy, incremental sync, table operations, subset or schema sync, type (and test) the two"
            + " connections, pick tables from a list with their sizes, confirm, and watch it run. The confirm screen shows"
            + " the equivalent command line and saves the run as a pipeline file for cron. Connection flags and variables"
            + " prefill the forms, so Enter on every screen runs a full copy into the target schema 'migrated'. When stdout"
            + " is not a terminal, it asks plain questions on stdin instead. See docs/wizard.md.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry wizard",
        "  pgferry wizard -s postgresql://ro@prod/shop -t postgresql:///shop_dev",
        "  SOURCE_URL=postgresql:///shop TARGET_URL=postgresql:///dev pgferry wizard --env .env",
        "  printf '1\\n\\n\\n\\n\\n\\ny\\n' | pgferry wizard -s postgresql:///shop -t postgresql:///dev   # plain questions, answered by a script",
        "",
        "Keys: arrows and Tab move, Enter activates, Esc goes back, q quits, ? shows the keys, Ctrl-C cancels a run.",
        "",
        ExitCodes.TEXT})
final class WizardCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin ConnectionOptions connections;

  @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces with errors.")
  boolean verbose;

  @Option(names = "--env", paramLabel = "FILE", description = "Read variables (SOURCE_URL, SOURCE_DB_*, TARGET_DB_*, PG*, …) from a .env file.")
  Path envFile;

  @Option(names = "--plain", description = "Ask plain questions even on a terminal.")
  boolean plain;

  WizardCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ctx.verbose(verbose);
    Main.configureLogging(verbose);
    OutputOptions o = new OutputOptions();
    o.envFile = envFile;
    Map<String, String> env = Runs.env(ctx, o);
    Wizard w = new Wizard(env, ctx.home(), prefer(connections.sourceInput(), connections.anySource(), env.get("SOURCE_URL")),
        prefer(connections.targetInput(), connections.anyTarget(), env.get("TARGET_URL")), Flags::render, e -> ExitCodes.of(e.code()));
    if (!plain && ctx.out() == System.out && System.console() != null && Runs.isTerminal(ctx)) {
      return w.runOnTerminal();
    }
    return w.runPlain(new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)), ctx.err());
  }

  /** The flags, or the URL variable the wizard's docs name when no flag was given. */
  private static io.pgferry.orchestrator.connect.ConnectionInput prefer(io.pgferry.orchestrator.connect.ConnectionInput flags, boolean any,
      String url) {
    return any || url == null || url.isBlank() ? flags : io.pgferry.orchestrator.connect.ConnectionInput.ofUrl(url);
  }
}
