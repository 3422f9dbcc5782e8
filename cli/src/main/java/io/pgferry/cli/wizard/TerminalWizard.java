package io.pgferry.cli.wizard;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.ActionListBox;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.CheckBox;
import com.googlecode.lanterna.gui2.CheckBoxList;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.GridLayout;
import com.googlecode.lanterna.gui2.Interactable;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowListenerAdapter;
import com.googlecode.lanterna.gui2.dialogs.MessageDialog;
import com.googlecode.lanterna.gui2.dialogs.MessageDialogButton;
import com.googlecode.lanterna.gui2.dialogs.TextInputDialog;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.pgferry.extractor.PgferryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The full-screen wizard: one window whose content is the current step. Arrows and Tab move, Enter activates, Esc
 * goes back, q quits where nothing is typed, ? shows the keys. Every step's default action is focused, so Enter
 * through prefilled screens runs a full copy into {@code migrated}.
 */
final class TerminalWizard {
  private static final String KEYS = "Enter: choose  Tab/arrows: move  Esc: back  q: quit  ?: keys";

  final WizardPlan plan;
  final UnaryOperator<String> render;
  final java.util.function.ToIntFunction<PgferryException> exitCodes;
  final MultiWindowTextGUI gui;
  final BasicWindow window = new BasicWindow();
  private final Deque<Runnable> history = new ArrayDeque<>();
  private Runnable current;
  /** Keys of the current screen that are not typed into a field: a, n, /, d on the tables list. */
  private KeyHandler keys = k -> false;
  /** A connection form's last passed test, by form fingerprint. */
  private String testedSource;
  private String testedTarget;
  int exitCode;
  boolean running;
  RunScreens runScreens;

  interface KeyHandler {
    boolean handle(KeyStroke k);
  }

  TerminalWizard(WizardPlan plan, UnaryOperator<String> render, java.util.function.ToIntFunction<PgferryException> exitCodes, Screen screen) {
    this.plan = plan;
    this.render = render;
    this.exitCodes = exitCodes;
    this.gui = new MultiWindowTextGUI(screen, new DefaultWindowManager(), new EmptySpace());
    window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_POST_RENDERING));
    window.addWindowListener(new WindowListenerAdapter() {
      @Override
      public void onInput(Window w, KeyStroke k, AtomicBoolean deliver) {
        if (k.isCtrlDown() && k.getCharacter() != null && k.getCharacter() == 'c') {
          deliver.set(false);
          interrupt();
        } else if (!(w.getFocusedInteractable() instanceof TextBox) && keys.handle(k)) {
          deliver.set(false); // before a list's type-ahead takes the letter
        }
      }

      @Override
      public void onUnhandledInput(Window w, KeyStroke k, AtomicBoolean handled) {
        handled.set(unhandled(k));
      }
    });
  }

  /** Runs the wizard until the user quits; returns the exit code (that of the run's failure, if it failed). */
  int run() {
    show(this::modeScreen);
    gui.addWindowAndWait(window);
    return exitCode;
  }

  private boolean unhandled(KeyStroke k) {
    if (k.getKeyType() == KeyType.Escape) {
      back();
      return true;
    }
    if (k.getKeyType() == KeyType.Character && !(window.getFocusedInteractable() instanceof TextBox)) {
      char c = k.getCharacter();
      if (c == 'q' && !running) {
        quit();
        return true;
      }
      if (c == '?') {
        MessageDialog.showMessageDialog(gui, "Keys", String.join("\n", List.of(
            "Tab, Shift-Tab, arrows   move between fields and buttons",
            "Enter                    activate the focused button or choice",
            "Space                    tick or untick a table",
            "a / n                    every table / no table (tables list)",
            "/                        filter the tables list",
            "d                        delete & recreate / delta only (table operations)",
            "Esc                      back to the previous step",
            "q                        quit (where nothing is typed)",
            "Ctrl-C                   cancel a running copy (asks first)")), MessageDialogButton.OK);
        return true;
      }
    }
    return false;
  }

  private void interrupt() {
    if (running && runScreens != null) {
      runScreens.askCancel();
    } else if (!running) {
      quit();
    }
  }

  void quit() {
    window.close();
  }

  /** Shows a step; Esc comes back to the one before. */
  void show(Runnable screen) {
    if (current != null) {
      history.push(current);
    }
    current = screen;
    keys = k -> false;
    screen.run();
  }

  private void back() {
    if (running || history.isEmpty()) {
      return;
    }
    current = history.pop();
    keys = k -> false;
    current.run();
  }

  void content(String title, Panel body, Interactable focus) {
    window.setTitle(" pgferry wizard \u2014 " + title + " ");
    window.setComponent(body);
    if (focus != null) {
      window.setFocusedInteractable(focus);
    }
  }

  void keys(KeyHandler h) {
    keys = h;
  }

  // 1. What to do

  private void modeScreen() {
    Panel p = Screens.column();
    p.addComponent(new Label("What do you want to do?"));
    ActionListBox modes = new ActionListBox(new TerminalSize(40, Mode.values().length));
    for (Mode m : Mode.values()) {
      modes.addItem(m.title(), () -> {
        plan.mode = m;
        show(() -> connectionScreen(plan.source));
      });
    }
    modes.setSelectedIndex(plan.mode.ordinal());
    p.addComponent(modes);
    p.addComponent(Screens.gap());
    for (Mode m : Mode.values()) {
      Screens.wrap(m.title() + ": " + m.help(), 74).forEach(l -> p.addComponent(new Label(l)));
    }
    p.addComponent(Screens.gap());
    p.addComponent(Screens.keys(KEYS));
    content("1/8 what to do", p, modes);
  }

  // 2. and 3. Connections

  private void connectionScreen(Side side) {
    boolean source = side == plan.source;
    Panel p = Screens.column();
    p.addComponent(new Label(source ? "Source database (only ever read)" : "Target database (written to)"));
    Panel form = new Panel(new GridLayout(2));
    TextBox url = field(form, "URL", side.url, 56);
    TextBox host = field(form, "Host", side.host, 30);
    TextBox port = field(form, "Port", side.port, 6);
    TextBox db = field(form, "Database", side.database, 30);
    TextBox user = field(form, "User", side.user, 30);
    TextBox password = field(form, "Password", side.password, 30);
    password.setMask('*');
    TextBox ssl = field(form, "SSL mode", side.sslmode, 12);
    p.addComponent(form);
    p.addComponent(new Label("A URL wins over the fields it names; empty fields come from\nSOURCE_DB_*/TARGET_DB_* and PG* variables and ~/.pgpass."));
    Label status = new Label(" ");
    Runnable read = () -> {
      side.url = url.getText();
      side.host = host.getText();
      side.port = port.getText();
      side.database = db.getText();
      side.user = user.getText();
      side.password = password.getText();
      side.sslmode = ssl.getText();
    };
    Runnable next = () -> show(source ? () -> connectionScreen(plan.target) : plan.needsTables() ? this::tablesScreen : this::optionsScreen);
    Button test = Screens.button("Test connection", () -> {
      read.run();
      test(side, status);
    });
    Button nextButton = Screens.button("Next", () -> {
      read.run();
      if (side.key().equals(source ? testedSource : testedTarget) || test(side, status)) {
        next.run();
      }
    });
    p.addComponent(Screens.gap());
    p.addComponent(Screens.row(test, nextButton, Screens.button("Back", this::back)));
    p.addComponent(status);
    p.addComponent(Screens.keys("t: test  Enter: choose  Tab/arrows: move  Esc: back  q: quit  ?: keys"));
    boolean prefilled = !side.url.isBlank() || !side.database.isBlank();
    content((source ? "2/8 source" : "3/8 target"), p, prefilled ? nextButton : url);
    keys(k -> {
      if (k.getKeyType() == KeyType.Character && k.getCharacter() == 't') {
        read.run();
        test(side, status);
        return true;
      }
      return false;
    });
  }

  private static TextBox field(Panel form, String label, String value, int width) {
    form.addComponent(new Label(label));
    TextBox box = new TextBox(new TerminalSize(width, 1), value == null ? "" : value);
    form.addComponent(box);
    return box;
  }

  /** Tests a form on the spot: the next step opens only after a passed test of the values shown. */
  private boolean test(Side side, Label status) {
    Probe.Check c;
    try {
      c = Probe.test(side.resolve(plan.env, plan.home), render);
    } catch (PgferryException | IllegalArgumentException e) {
      c = new Probe.Check(false, null, 0, render.apply(e.getMessage()));
    }
    status.setText(String.join("\n", Screens.wrap(c.line(), 74)));
    if (c.ok()) {
      if (side == plan.source) {
        testedSource = side.key();
        plan.tables = null; // another source lists its own tables
      } else {
        testedTarget = side.key();
      }
    }
    return c.ok();
  }

  // 4. Tables

  void tablesScreen() {
    if (plan.tables == null) {
      plan.tables = Probe.tables(plan.source.resolve(plan.env, plan.home), io.pgferry.orchestrator.sync.SyncOptions.DEFAULT_TIMESTAMP_COLUMN);
    }
    new TablesScreen(this).show("");
  }

  // 5. Options

  void optionsScreen() {
    if (plan.mode == Mode.SCHEMA_SYNC) {
      schemaOptionsScreen();
      return;
    }
    boolean copy = plan.mode == Mode.FULL_COPY || plan.mode == Mode.SUBSET;
    Panel p = Screens.column();
    Panel form = new Panel(new GridLayout(2));
    TextBox schema = field(form, "Target schema", plan.targetSchema, 30);
    TextBox jobs = field(form, "Jobs", String.valueOf(plan.jobs), 5);
    TextBox anon = copy ? field(form, "Anonymize with", plan.anonymization, 40) : null;
    p.addComponent(form);
    p.addComponent(new Label(copy ? "The source's schema public goes into the target schema;\nother schemas keep their names."
        : "Every table goes into the target schema; missing tables are created."));
    CheckBox children = new CheckBox("Also keep the rows that reference the start rows (children), transitively").setChecked(plan.children);
    if (plan.mode == Mode.SUBSET) {
      p.addComponent(children);
    }
    CheckBox generated = new CheckBox("Exclude auto-generated columns (serial, identity, sequence or uuid defaults)").setChecked(plan.excludeGenerated);
    CheckBox privileges = new CheckBox("Copy privileges (the roles must exist on the target)").setChecked(plan.privileges);
    CheckBox owners = new CheckBox("Copy owners (the roles must exist on the target)").setChecked(plan.owners);
    if (copy) {
      p.addComponent(privileges);
      p.addComponent(owners);
    } else {
      p.addComponent(generated);
    }
    Label status = new Label(" ");
    Runnable read = () -> {
      plan.targetSchema = schema.getText().strip();
      plan.excludeGenerated = generated.isChecked();
      plan.privileges = privileges.isChecked();
      plan.owners = owners.isChecked();
      plan.children = children.isChecked();
      if (anon != null) {
        plan.anonymization = anon.getText().strip();
      }
    };
    Button next = Screens.button("Next", () -> {
      read.run();
      try {
        int j = Integer.parseInt(jobs.getText().strip());
        if (j < 1 || j > 256) {
          throw new NumberFormatException();
        }
        plan.jobs = j;
      } catch (NumberFormatException e) {
        status.setText("\u2717 jobs must be a number from 1 to 256");
        return;
      }
      show(this::confirmScreen);
    });
    p.addComponent(Screens.gap());
    if (plan.mode == Mode.FULL_COPY) {
      p.addComponent(Screens.row(next, Screens.button("Pick tables\u2026", () -> {
        read.run();
        show(this::tablesScreen);
      }), Screens.button("Back", this::back)));
    } else {
      p.addComponent(Screens.row(next, Screens.button("Back", this::back)));
    }
    p.addComponent(status);
    p.addComponent(Screens.keys(KEYS));
    content("5/8 options", p, next);
  }

  /** Schema sync: which schema is brought over, into which; a dry run on the confirm screen shows the plan. */
  private void schemaOptionsScreen() {
    Panel p = Screens.column();
    Panel form = new Panel(new GridLayout(2));
    TextBox from = field(form, "Source schema", plan.sourceSchema, 30);
    TextBox into = field(form, "Target schema", plan.targetSchema, 30);
    p.addComponent(form);
    p.addComponent(new Label("The target schema is brought in line with the source schema; its rows are kept\n(dropped objects are backed up first). The next screen shows the plan."));
    Label status = new Label(" ");
    Button next = Screens.button("Next", () -> {
      if (from.getText().isBlank()) {
        status.setText("\u2717 name the source schema");
        return;
      }
      plan.sourceSchema = from.getText().strip();
      plan.targetSchema = into.getText().strip();
      show(this::confirmScreen);
    });
    p.addComponent(Screens.gap());
    p.addComponent(Screens.row(next, Screens.button("Back", this::back)));
    p.addComponent(status);
    p.addComponent(Screens.keys(KEYS));
    content("5/8 options", p, next);
  }

  /** The schema sync's plan, from a dry run: its statements and hazards, and consent to the hazards. */
  private void schemaPlan(Panel p) {
    io.pgferry.orchestrator.schemasync.SchemaSyncReport dry;
    try {
      dry = new io.pgferry.orchestrator.schemasync.SchemaSyncRunner(io.pgferry.orchestrator.RunListener.SILENT)
          .run(plan.schemaSyncOptions(true).withAllowHazards(java.util.Set.of("all")));
    } catch (PgferryException e) {
      p.addComponent(new Label(String.join("\n", Screens.wrap("\u2717 the plan could not be made: " + render.apply(e.getMessage()), 76))));
      return;
    }
    if (dry.identical()) {
      p.addComponent(new Label("The target's schema already equals the source's: nothing to do."));
      return;
    }
    List<String> statements = dry.plan().statements().stream().map(st -> st.sql().replaceAll("\\s+", " ")).toList();
    p.addComponent(new Label(statements.size() + " statements in one transaction, e.g.:"));
    statements.stream().limit(4).forEach(st -> p.addComponent(new Label("  " + Screens.fit(st, 74))));
    List<String> consent = dry.plan().hazards().stream().filter(h -> h.needsConsent()).map(h -> h.id()).distinct().toList();
    if (!consent.isEmpty()) {
      CheckBox allow = new CheckBox(Screens.fit("Allow the hazards: " + String.join(", ", consent), 74)).setChecked(plan.allowHazards.containsAll(consent));
      allow.addListener(checked -> {
        if (checked) {
          plan.allowHazards.addAll(consent);
        } else {
          plan.allowHazards.removeAll(consent);
        }
      });
      p.addComponent(allow);
    }
  }

  /** A subset's closure, computed in the source (read only) without copying anything. */
  private String subsetPreview() {
    try {
      io.pgferry.orchestrator.clone.ClonePlan cp = new io.pgferry.orchestrator.clone.CloneRunner(io.pgferry.orchestrator.RunListener.SILENT,
          io.pgferry.orchestrator.clone.CloneTuning.defaults()).plan(plan.cloneOptions());
      return "\u2713 subset: " + cp.subset().summary();
    } catch (PgferryException e) {
      return "\u2717 " + render.apply(e.getMessage());
    }
  }

  // 6. Confirm

  private void confirmScreen() {
    Panel p = Screens.column();
    List<String> summary;
    String command;
    try {
      summary = plan.summary();
      command = plan.commandLine("pgferry-wizard.yaml");
    } catch (PgferryException | IllegalArgumentException e) {
      p.addComponent(new Label("\u2717 " + render.apply(e.getMessage())));
      p.addComponent(Screens.row(Screens.button("Back", this::back)));
      content("6/8 confirm", p, null);
      return;
    }
    summary.forEach(l -> p.addComponent(new Label(Screens.fit(l, 76))));
    if (plan.mode == Mode.SCHEMA_SYNC) {
      schemaPlan(p);
    }
    Label preview = new Label(plan.mode == Mode.SUBSET ? "p: preview the subset (which tables and rows it keeps)" : "");
    if (plan.mode == Mode.SUBSET) {
      p.addComponent(preview);
    }
    p.addComponent(Screens.gap());
    p.addComponent(new Label("The same from a shell:"));
    Label commandLabel = new Label(String.join("\n", Screens.wrap(command, 76)));
    p.addComponent(commandLabel);
    p.addComponent(Screens.gap());
    Panel save = new Panel(new GridLayout(3));
    save.addComponent(new Label("Pipeline file"));
    TextBox file = new TextBox(new TerminalSize(34, 1), "pgferry-wizard.yaml");
    save.addComponent(file);
    Label saved = new Label(" ");
    Runnable[] saveAction = new Runnable[1];
    save.addComponent(Screens.button("Save as pipeline", () -> saveAction[0].run()));
    p.addComponent(save);
    p.addComponent(saved);
    Runnable doSave = () -> {
      try {
        java.nio.file.Path written = plan.savePipeline(java.nio.file.Path.of(file.getText().strip()));
        saved.setText("\u2713 saved " + written.toAbsolutePath() + "; run it with: pgferry run " + WizardPlan.quote(written.toString()));
        commandLabel.setText(String.join("\n", Screens.wrap(plan.commandLine(written.toString()), 76)));
      } catch (PgferryException e) {
        saved.setText("\u2717 " + render.apply(e.getMessage()));
      }
    };
    saveAction[0] = doSave;
    Button start = Screens.button("Start", () -> {
      runScreens = new RunScreens(this);
      runScreens.start();
    });
    p.addComponent(Screens.row(start, Screens.button("Back", this::back)));
    p.addComponent(Screens.keys("s: save as pipeline  " + KEYS));
    content("6/8 confirm", p, start);
    keys(k -> {
      if (k.getKeyType() == KeyType.Character && k.getCharacter() == 's') {
        doSave.run();
        return true;
      }
      if (k.getKeyType() == KeyType.Character && k.getCharacter() == 'p' && plan.mode == Mode.SUBSET) {
        preview.setText(subsetPreview());
        return true;
      }
      return false;
    });
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Asks a yes/no question in a dialog. */
  boolean ask(String title, String text) {
    return MessageDialog.showMessageDialog(gui, title, text, MessageDialogButton.No, MessageDialogButton.Yes) == MessageDialogButton.Yes;
  }

  String prompt(String title, String text, String initial) {
    return TextInputDialog.showDialog(gui, title, text, initial);
  }

}
