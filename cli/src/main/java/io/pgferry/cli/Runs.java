package io.pgferry.cli;

import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.connect.EnvFile;
import io.pgferry.orchestrator.sync.SyncReport;

import io.pgferry.loader.SyncResult;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** What the clone-like commands share: environment, output style, running and reporting. */
final class Runs {
  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

  private Runs() {}

  static void prepare(Context ctx, OutputOptions o) {
    ctx.verbose(o.verbose);
    Main.configureLogging(o.verbose);
  }

  /** Process environment, with a {@code --env} file's variables underneath it. */
  static Map<String, String> env(Context ctx, OutputOptions o) {
    return o.envFile == null ? ctx.env() : EnvFile.overlay(EnvFile.read(o.envFile), ctx.env());
  }

  static ConsoleOutput console(Context ctx, OutputOptions o) {
    return new ConsoleOutput(ctx.err(), !o.noProgress && isTerminal(ctx), o.quiet, System::nanoTime, PLAIN_INTERVAL_NANOS);
  }

  /** A live, redrawn progress line only on a real terminal; pipes and CI logs get plain periodic lines. */
  static boolean isTerminal(Context ctx) {
    if (ctx.err() != System.err || System.console() == null) {
      return false;
    }
    try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
      return !Terminal.TYPE_DUMB.equals(t.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(t.getType());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static int clone(Context ctx, OutputOptions out, CloneOptions o, io.pgferry.orchestrator.clone.CloneTuning tuning) {
    ConsoleOutput console = console(ctx, out);
    CloneReport report = new CloneRunner(console, tuning).run(o);
    print(ctx, out, report);
    return 0;
  }

  /** What a schema-sync did, one line on stderr. */
  static void printSummary(Context ctx, OutputOptions out, io.pgferry.orchestrator.schemasync.SchemaSyncReport r) {
    if (!out.quiet) {
      ctx.err().println(r.identical() ? "schema-sync: schema of " + r.target() + " already equals the source"
          : r.applied() ? "schema-sync: applied " + r.plan().statements().size() + " statements to " + r.target()
              + " in one transaction" : "schema-sync: dry run, nothing applied");
      r.plan().remarks().forEach(m -> ctx.err().println("schema-sync: left as it is: " + m));
    }
  }

  /** The per-table lines and the total of a sync, on stderr (stdout is for --json). */
  static void printSummary(Context ctx, OutputOptions out, SyncReport r) {
    if (out.quiet) {
      return;
    }
    for (SyncResult t : r.tables()) {
      ctx.err().printf("  %-40s %-9s %-7s +%,d ~%,d -%,d  %d batches  %.1f s%s%n", t.target(), t.mode() == null ? "-" : t.mode().label(),
          t.status().label(), t.inserted(), t.updated(), t.deleted(), t.batches(), t.elapsed().toNanos() / 1e9,
          t.error() != null && t.status() != SyncResult.Status.FAILED ? "  (" + Flags.render(t.error()) + ")" : "");
    }
    ctx.err().printf("synced %s -> %s (run %d): %d tables, %,d inserted, %,d updated, %,d deleted in %.1f s%n", r.source(), r.target(),
        r.run(), r.tables().size(), r.inserted(), r.updated(), r.deleted(), r.elapsed().toNanos() / 1e9);
  }

  static void print(Context ctx, OutputOptions out, CloneReport report) {
    print(ctx, out, report, true);
  }

  /** @param json whether --json prints this report alone (false when a multi-step run prints one document) */
  static void print(Context ctx, OutputOptions out, CloneReport report, boolean json) {
    if (report.dryRun() && report.plan() != null) {
      // With --json, stdout carries only the JSON document, so the plan goes to stderr.
      (out.json ? ctx.err() : ctx.out()).print(Flags.render(report.plan().render()));
    }
    if (out.json && json) {
      ctx.out().println(Flags.render(report.toJson()));
    } else if (!out.quiet && !report.dryRun() && report.phases().stream().anyMatch(p -> p.phase().equals("abort"))) {
      ctx.err().printf("removed the interrupted clone of %s from %s in %.1f s%n", report.source(), report.target(),
          report.elapsed().toNanos() / 1e9);
    } else if (!out.quiet && !report.dryRun()) {
      ctx.err().printf("cloned %s -> %s: %d tables, %,d rows, %s in %.1f s%n", report.source(), report.target(), report.tables().size(),
          report.rows(), io.pgferry.orchestrator.Bytes.human(report.bytes()), report.elapsed().toNanos() / 1e9);
    }
  }
}
