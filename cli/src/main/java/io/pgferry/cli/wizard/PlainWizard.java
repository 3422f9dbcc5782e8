package io.pgferry.cli.wizard;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Bytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The wizard as plain questions, when stdout is not a terminal (a pipe, a CI log, a script feeding answers): the
 * same steps and defaults, an empty answer takes the default in brackets. It says so first.
 */
final class PlainWizard {
  private final WizardPlan plan;
  private final UnaryOperator<String> render;
  private final ToIntFunction<PgferryException> exitCodes;
  private final BufferedReader in;
  private final PrintStream out;

  PlainWizard(WizardPlan plan, UnaryOperator<String> render, ToIntFunction<PgferryException> exitCodes, BufferedReader in,
      PrintStream out) {
    this.plan = plan;
    this.render = render;
    this.exitCodes = exitCodes;
    this.in = in;
    this.out = out;
  }

  int run() {
    out.println("pgferry wizard: stdout is not a terminal, so the wizard asks plain questions (Enter takes the [default]).");
    try {
      Mode[] modes = Mode.values();
      for (int i = 0; i < modes.length; i++) {
        out.println("  " + (i + 1) + ") " + modes[i].title() + ": " + modes[i].help());
      }
      int m = number("What do you want to do", 1, 1, modes.length);
      plan.mode = modes[m - 1];
      side(plan.source, "Source URL (only ever read)");
      side(plan.target, "Target URL (written to)");
      if (plan.needsTables()) {
        plan.tables = Probe.tables(plan.source.resolve(plan.env, plan.home), io.pgferry.orchestrator.sync.SyncOptions.DEFAULT_TIMESTAMP_COLUMN);
        out.println("The source's tables:");
        plan.tables.forEach(t -> out.printf("  %-40s %,12d rows %9s  pk %-3s ts %s%n", t.qualified(), t.rows(), Bytes.human(t.bytes()),
            t.primaryKey() ? "yes" : "no", t.timestamp() ? "yes" : "no"));
        for (String t : ask("Tables, comma-separated (empty: every table)", "").split(",")) {
          if (!t.isBlank()) {
            plan.picked.add(t.strip());
          }
        }
        if (plan.mode == Mode.SUBSET) {
          if (plan.picked.isEmpty()) {
            throw new PgferryException(PgferryException.Code.USAGE, "a subset needs at least one start table");
          }
          for (String t : plan.picked) {
            plan.conditions.put(t, ask("Start rows of " + t + " (a condition on its columns)", "true"));
          }
          plan.children = yes("Also keep the rows that reference them (children)", true);
        }
        if (plan.mode == Mode.TABLE_OPERATIONS) {
          if (plan.picked.isEmpty()) {
            throw new PgferryException(PgferryException.Code.USAGE, "table operations need at least one table");
          }
          for (String t : ask("Of those, copy only the changes of (the others are deleted and recreated)", "").split(",")) {
            if (!t.isBlank()) {
              plan.deltaOnly.add(t.strip());
            }
          }
        }
      }
      if (plan.mode == Mode.SCHEMA_SYNC) {
        plan.sourceSchema = ask("Source schema", plan.sourceSchema);
        plan.targetSchema = ask("Target schema", plan.targetSchema);
        if (!schemaPlan()) {
          return 0;
        }
      } else {
        plan.targetSchema = ask("Target schema", plan.targetSchema);
        plan.jobs = number("Jobs", plan.jobs, 1, 256);
        if (plan.mode == Mode.FULL_COPY || plan.mode == Mode.SUBSET) {
          plan.anonymization = ask("Anonymization pipeline file (empty: none)", "");
        } else {
          plan.excludeGenerated = yes("Exclude auto-generated columns", false);
        }
      }
      plan.summary().forEach(l -> out.println("  " + l));
      out.println("The same from a shell: " + plan.commandLine("pgferry-wizard.yaml"));
      String save = ask("Save as a pipeline file (empty: no)", "");
      if (!save.isBlank()) {
        Path written = plan.savePipeline(Path.of(save));
        out.println("saved " + written + "; run it again with: pgferry run " + WizardPlan.quote(written.toString()));
      }
      if (!yes("Start", true)) {
        out.println("nothing was run");
        return 0;
      }
      WizardRun run = WizardRun.start(plan);
      run.await();
      WizardRun.View v = run.view();
      if (v.outcome().failure() != null) {
        out.println("pgferry: error: " + render.apply(v.outcome().failure().getMessage()));
        return exitCodes.applyAsInt(v.outcome().failure());
      }
      if (v.outcome().schema() != null) {
        var r = v.outcome().schema();
        out.println(r.identical() ? "the target's schema already equals the source's: nothing to do"
            : String.format("applied %d statements to %s in one transaction in %.1f s", r.plan().statements().size(), r.target(),
                r.elapsed().toNanos() / 1e9));
        return 0;
      }
      out.println(v.outcome().copy() != null ? String.format("copied %d tables, %,d rows in %.1f s; %s", v.outcome().copy().tables().size(),
          v.outcome().copy().rows(), v.elapsedNanos() / 1e9, Verification.clone(plan, v.outcome().copy()))
          : String.format("synced %d tables in %.1f s; %s", v.outcome().sync().tables().size(), v.elapsedNanos() / 1e9,
              Verification.sync(plan, v.outcome().sync())));
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return exitCodes.applyAsInt(new PgferryException(PgferryException.Code.INTERRUPTED, "interrupted"));
    } catch (IOException e) {
      throw new PgferryException(PgferryException.Code.USAGE, "reading the answers failed: " + e.getMessage(), e);
    }
  }

  /** Shows the schema sync's plan from a dry run and asks for consent to its hazards; false when there is nothing to do. */
  private boolean schemaPlan() throws IOException {
    var dry = new io.pgferry.orchestrator.schemasync.SchemaSyncRunner(io.pgferry.orchestrator.RunListener.SILENT)
        .run(plan.schemaSyncOptions(true).withAllowHazards(java.util.Set.of("all")));
    if (dry.identical()) {
      out.println("the target's schema already equals the source's: nothing to do");
      return false;
    }
    out.println("The plan: " + dry.plan().statements().size() + " statements in one transaction:");
    dry.plan().statements().forEach(st -> out.println("  " + st.sql().replaceAll("\\s+", " ")));
    java.util.List<String> consent = dry.plan().hazards().stream().filter(h -> h.needsConsent()).map(h -> h.id()).distinct().toList();
    if (!consent.isEmpty() && yes("Allow the hazards " + String.join(", ", consent), false)) {
      plan.allowHazards.addAll(consent);
    }
    return true;
  }

  private void side(Side side, String question) throws IOException {
    for (;;) {
      String given = side.url.isBlank() && !side.database.isBlank() ? WizardPlan.url(side.resolve(plan.env, plan.home)) : side.url;
      String url = ask(question, given);
      side.url = url;
      if (!url.equals(given)) {
        side.host = side.port = side.database = side.user = side.sslmode = "";
      }
      Probe.Check c;
      try {
        c = Probe.test(side.resolve(plan.env, plan.home), render);
      } catch (PgferryException | IllegalArgumentException e) {
        c = new Probe.Check(false, null, 0, render.apply(e.getMessage()));
      }
      out.println("  " + c.line());
      if (c.ok()) {
        return;
      }
    }
  }

  private String ask(String question, String def) throws IOException {
    out.print(question + (def.isEmpty() ? "" : " [" + def + "]") + ": ");
    out.flush();
    String line = in.readLine();
    if (line == null) {
      out.println();
      throw new PgferryException(PgferryException.Code.USAGE, "no more answers on stdin (at: " + question + ")");
    }
    return line.isBlank() ? def : line.strip();
  }

  private int number(String question, int def, int min, int max) throws IOException {
    for (;;) {
      String a = ask(question, String.valueOf(def));
      try {
        int n = Integer.parseInt(a);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // asked again below
      }
      out.println("  a number from " + min + " to " + max + ", please");
    }
  }

  private boolean yes(String question, boolean def) throws IOException {
    String a = ask(question + " (y/n)", def ? "y" : "n").toLowerCase(java.util.Locale.ROOT);
    return a.startsWith("y");
  }
}
