package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pgferry} command line. Errors end as one line on stderr and a documented exit code. */
@Command(
    name = "pgferry",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {"Clone, copy, anonymize and sync PostgreSQL databases and their schemas.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry demo",
        "  pgferry clone --source postgresql://app@prod:5432/shop --target postgresql://localhost/shop_dev --jobs 4",
        "  pgferry clone --source postgresql:///shop --target postgresql:///shop --schema-map public=migrated",
        "  pgferry run pipelines/demo.yaml --dry-run",
        "  pgferry sync --source postgresql://app@prod:5432/shop --target postgresql://localhost/shop_dev --delete",
        "  pgferry status --target postgresql://localhost/shop_dev",
        "  pgferry scan --source postgresql://app@prod:5432/shop --pipeline anonymize.yaml",
        "  pgferry preview anonymize.yaml --table customers --rows 5",
        "  pgferry diff --source postgresql://localhost/shop_dev --target postgresql://prod/shop > alter.sql",
        "  pgferry schema-sync --source postgresql://localhost/shop_dev --target postgresql://prod/shop --dry-run",
        "",
        ExitCodes.TEXT})
public final class Main {
  static {
    // Our logging setup lives under a private name so that applications embedding the orchestrator
    // as a library keep their own logback.xml.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/pgferry/cli/pgferry-logback.xml");
    }
  }

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), Path.of(System.getProperty("user.home")), System.out, System.err));
  }

  /** Runs the CLI in-process and returns the exit code (tests call this; it never calls System.exit). */
  public static int run(String[] args, Map<String, String> env, Path home, PrintStream out, PrintStream err) {
    return run(args, env, home, out, err, System.in);
  }

  /** Likewise, with {@code in} as standard input (the plain wizard's answers). */
  public static int run(String[] args, Map<String, String> env, Path home, PrintStream out, PrintStream err, java.io.InputStream in) {
    Context ctx = new Context(env, home, out, err, in);
    ContextFactory factory = new ContextFactory(ctx);
    CommandLine cl = new CommandLine(Main.class, factory);
    addCommands(cl, factory, args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("pgferry: error: " + ex.getMessage());
      CommandLine sub = ex.getCommandLine();
      err.println("Try '" + sub.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.of(PgferryException.Code.USAGE);
    });
    cl.setExecutionExceptionHandler((ex, sub, parsed) -> fail(ex, ctx));
    return cl.execute(args);
  }

  /** Every subcommand, in the order {@code --help} lists them. */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("demo", DemoCommand.class);
    m.put("clone", CloneCommand.class);
    m.put("run", RunCommand.class);
    m.put("sync", SyncCommand.class);
    m.put("follow", FollowCommand.class);
    m.put("status", StatusCommand.class);
    m.put("scan", ScanCommand.class);
    m.put("preview", PreviewCommand.class);
    m.put("diff", DiffCommand.class);
    m.put("schema-sync", SchemaSyncCommand.class);
    m.put("wizard", WizardCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /**
   * picocli builds a command's whole model (reflection over every option) when it is added, which costs
   * about 0.2 s for all of them: a run names its command first, so only that one is built. Anything else
   * (no command, --help, a typo) gets them all, so help and "did you mean" stay complete.
   */
  private static void addCommands(CommandLine cl, CommandLine.IFactory factory, String[] args) {
    Class<?> only = args.length > 0 && !"help".equals(args[0]) ? COMMANDS.get(args[0]) : null;
    for (Map.Entry<String, Class<?>> e : COMMANDS.entrySet()) {
      if (only == null || only == e.getValue()) {
        cl.addSubcommand(e.getKey(), new CommandLine(e.getValue(), factory));
      }
    }
  }

  static int fail(Exception ex, Context ctx) {
    PgferryException p = ex instanceof PgferryException pe ? pe
        : new PgferryException(PgferryException.Code.INTERNAL, "unexpected error: " + ex, ex);
    ctx.err().println("pgferry: error: " + Flags.render(p.getMessage()));
    if (ctx.verbose()) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      ctx.err().print(sw);
    } else if (p.code() == PgferryException.Code.INTERNAL) {
      ctx.err().println("pgferry: run again with --verbose for the stack trace");
    }
    return ExitCodes.of(p.code());
  }

  static void configureLogging(boolean verbose) {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext lc) {
      lc.getLogger("io.pgferry").setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
  }

  /** picocli creates commands through this, so each gets the injected environment. */
  private record ContextFactory(Context ctx) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (var c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Context.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(ctx));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
