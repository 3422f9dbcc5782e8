package io.pgferry.cli.wizard;

import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.ProgressBar;

import io.pgferry.loader.SyncResult;
import io.pgferry.orchestrator.Bytes;
import io.pgferry.orchestrator.clone.CloneReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Steps 7 and 8: the run's progress, redrawn five times a second, and its result. */
final class RunScreens {
  private static final int TABLE_LINES = 6;
  private static final int LOG_LINES = 4;

  private final TerminalWizard w;
  private WizardRun run;
  private ScheduledExecutorService ticker;
  private final Label phase = new Label("");
  private final ProgressBar overall = new ProgressBar(0, 1000, 60);
  private final Label figures = new Label("");
  private final List<Label> tableLines = new ArrayList<>();
  private final Label log = new Label("");
  private boolean asking;

  RunScreens(TerminalWizard w) {
    this.w = w;
  }

  void start() {
    w.running = true;
    Panel p = Screens.column();
    p.addComponent(phase);
    p.addComponent(overall);
    p.addComponent(figures);
    p.addComponent(Screens.gap());
    for (int i = 0; i < TABLE_LINES; i++) {
      Label l = new Label("");
      tableLines.add(l);
      p.addComponent(l);
    }
    p.addComponent(Screens.gap());
    p.addComponent(log);
    Button cancel = Screens.button("Cancel", this::askCancel);
    p.addComponent(Screens.row(cancel));
    p.addComponent(Screens.keys("Ctrl-C or Cancel: stop the run (asks first); what it created is removed again"));
    w.content("7/8 running", p, cancel);
    run = WizardRun.start(w.plan);
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pgferry-wizard-redraw");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> w.gui.getGUIThread().invokeLater(this::refresh), 0, 200, TimeUnit.MILLISECONDS);
  }

  void askCancel() {
    if (asking || run == null || run.finished()) {
      return;
    }
    asking = true;
    try {
      if (w.ask("Cancel", "Cancel the run?\nCopies in flight are stopped, and what the run\ncreated in the target is removed again.")) {
        phase.setText("cancelling: stopping the copies and removing what the run created\u2026");
        run.cancel();
      }
    } finally {
      asking = false;
    }
  }

  private void refresh() {
    WizardRun.View v = run.view();
    double secs = v.elapsedNanos() / 1e9;
    phase.setText("Phase: " + v.phase() + String.format("   %.0f s", secs));
    long est = Math.max(1, v.estimatedRows());
    overall.setValue((int) Math.min(1000, v.rows() * 1000 / est));
    double rate = secs > 0 ? v.rows() / secs : 0;
    String eta = rate > 0 && v.estimatedRows() > v.rows() ? String.format(", ETA %.0f s", (v.estimatedRows() - v.rows()) / rate) : "";
    figures.setText(String.format("%,d of ~%,d rows, %s, %,.0f rows/s, %s/s%s", v.rows(), v.estimatedRows(), Bytes.human(v.bytes()), rate,
        Bytes.human(secs > 0 ? (long) (v.bytes() / secs) : 0), eta));
    List<WizardRun.TableProgress> active = new ArrayList<>(v.tables().stream().filter(t -> !t.done() && t.rows() > 0).toList());
    v.tables().stream().filter(t -> !t.done() && t.rows() == 0).forEach(active::add);
    v.tables().stream().filter(WizardRun.TableProgress::done).forEach(active::add);
    for (int i = 0; i < TABLE_LINES; i++) {
      if (i < active.size()) {
        WizardRun.TableProgress t = active.get(i);
        long te = Math.max(1, Math.max(t.estimatedRows(), t.rows()));
        int permille = t.done() ? 1000 : (int) Math.min(1000, t.rows() * 1000 / te);
        tableLines.get(i).setText(bar(permille, 20) + String.format(" %3d%% ", permille / 10) + Screens.fit(t.name(), 34)
            + String.format(" %,d rows%s", t.rows(), t.done() ? " \u2713" : ""));
      } else {
        tableLines.get(i).setText("");
      }
    }
    List<String> lines = v.log();
    log.setText(String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()).stream().map(l -> Screens.fit(l, 76)).toList()));
    if (v.finished()) {
      ticker.shutdownNow();
      w.running = false;
      result(v);
    }
  }

  /** A text bar: a table's line needs no widget of its own, and an unused line shows nothing. */
  static String bar(int permille, int width) {
    int full = permille * width / 1000;
    return "\u2588".repeat(full) + "\u2591".repeat(width - full);
  }

  private void result(WizardRun.View v) {
    WizardRun.Outcome o = v.outcome();
    Panel p = Screens.column();
    List<String> lines = new ArrayList<>();
    List<String> warnings = v.log().stream().filter(l -> l.startsWith("warning: ")).toList();
    if (o.cancelled() || o.failure() != null) {
      lines.addAll(Screens.wrap(o.cancelled() ? "\u2717 cancelled" : "\u2717 failed: " + w.render.apply(o.failure().getMessage()), 76));
      // what the clone did about it: removed what it created, or kept it for --resume, in its own words
      warnings.stream().skip(Math.max(0, warnings.size() - 3)).forEach(l -> lines.addAll(Screens.wrap(w.render.apply(l), 76)));
      w.exitCode = w.exitCodes.applyAsInt(o.failure());
    } else if (o.copy() != null) {
      CloneReport r = o.copy();
      lines.add(String.format("\u2713 copied %d tables, %,d rows, %s in %.1f s", r.tables().size(), r.rows(), Bytes.human(r.bytes()),
          r.elapsed().toNanos() / 1e9));
      for (CloneReport.PhaseReport ph : r.phases()) {
        lines.add(String.format("  %-8s %5d tables %6d statements %,12d rows %8.1f s", ph.phase(), ph.tables(), ph.statements(), ph.rows(),
            ph.elapsed().toNanos() / 1e9));
      }
      r.tables().stream().sorted((a, b) -> Long.compare(b.rows(), a.rows())).limit(5).forEach(t -> lines.add(String.format("  %-40s %,12d rows %8.1f s",
          Screens.fit(t.target().toString(), 40), t.rows(), t.elapsed().toNanos() / 1e9)));
      lines.add(Verification.clone(w.plan, r));
    } else if (o.schema() != null) {
      var r = o.schema();
      lines.add(r.identical() ? "\u2713 the target's schema already equals the source's: nothing to do"
          : String.format("\u2713 applied %d statements to %s in one transaction, %.1f s", r.plan().statements().size(), r.target(),
              r.elapsed().toNanos() / 1e9));
      r.plan().remarks().stream().limit(4).forEach(m -> lines.add("  left as it is: " + Screens.fit(m, 60)));
    } else {
      var r = o.sync();
      lines.add(String.format("\u2713 synced %d tables: %,d inserted, %,d updated, %,d deleted in %.1f s", r.tables().size(), r.inserted(),
          r.updated(), r.deleted(), r.elapsed().toNanos() / 1e9));
      for (SyncResult t : r.tables().stream().limit(6).toList()) {
        lines.add(String.format("  %-36s %-9s +%,d ~%,d -%,d", Screens.fit(t.target().toString(), 36), t.mode() == null ? "-" : t.mode().label(),
            t.inserted(), t.updated(), t.deleted()));
      }
      lines.add(Verification.sync(w.plan, r));
    }
    String report = writeReport(o);
    if (report != null) {
      lines.add("Report: " + report);
    }
    lines.add(o.failure() == null ? "Next: run it again from a shell, or save it as a pipeline on the confirm screen (Esc)."
        : o.cancelled() ? "Next: Esc goes back to the confirm screen to start again." : "Next: fix the cause above; Esc goes back to the confirm screen.");
    lines.forEach(l -> p.addComponent(new Label(Screens.fit(l, 78))));
    Button quit = Screens.button("Quit", w::quit);
    p.addComponent(Screens.gap());
    p.addComponent(Screens.row(quit));
    p.addComponent(Screens.keys("Enter or q: quit  Esc: back to the confirm screen"));
    w.content("8/8 result", p, quit);
  }

  /** The run's JSON report in the working directory, as {@code --json} prints it. */
  private static String writeReport(WizardRun.Outcome o) {
    String json = o.copy() != null ? o.copy().toJson() : o.sync() != null ? o.sync().toJson() : o.schema() != null ? o.schema().toJson() : null;
    if (json == null) {
      return null;
    }
    Path file = Path.of("pgferry-wizard-report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
    try {
      Files.writeString(file, json + "\n");
      return file.toAbsolutePath().toString();
    } catch (java.io.IOException e) {
      return "not written (" + e.getMessage() + ")";
    }
  }

}
