package io.pgferry.cli.wizard;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.CheckBoxList;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.input.KeyType;
import io.pgferry.orchestrator.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step 4: the source's tables with their estimated rows, size, primary key and (for syncs) timestamp column;
 * Space ticks, a ticks every shown table, n none, / filters, d switches a table between delete & recreate and
 * delta only (table operations).
 */
final class TablesScreen {
  private final TerminalWizard w;
  private final WizardPlan plan;
  private CheckBoxList<Row> list;
  private List<Probe.TableInfo> shown = List.of();

  TablesScreen(TerminalWizard w) {
    this.w = w;
    this.plan = w.plan;
  }

  void show(String filter) {
    Panel p = Screens.column();
    boolean ops = plan.mode == Mode.TABLE_OPERATIONS;
    boolean subset = plan.mode == Mode.SUBSET;
    p.addComponent(new Label(subset ? String.format("    %-30s %10s %8s %-3s %s", "table", "rows, est.", "size", "pk", "start rows")
        : String.format("    %-30s %10s %8s %-3s %-3s%s", "table", "rows, est.", "size", "pk", plan.mode == Mode.FULL_COPY ? "" : "ts",
            ops ? " action" : "")));
    list = new CheckBoxList<>(new TerminalSize(76, 12));
    shown = new ArrayList<>();
    for (Probe.TableInfo t : plan.tables) {
      if (filter.isEmpty() || t.qualified().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
        shown.add(t);
      }
    }
    fill();
    list.addListener((index, checked) -> {
      Probe.TableInfo t = shown.get(index);
      if (checked) {
        plan.picked.add(t.qualified());
      } else {
        plan.picked.remove(t.qualified());
        plan.deltaOnly.remove(t.qualified());
        plan.conditions.remove(t.qualified());
      }
      if (plan.mode == Mode.SUBSET) {
        int at = list.getSelectedIndex();
        w.gui.getGUIThread().invokeLater(() -> {
          fill(); // the line shows the start rows
          list.setSelectedIndex(at);
        });
      }
      counts.setText(countLine());
    });
    p.addComponent(list);
    counts = new Label(countLine());
    p.addComponent(counts);
    Label status = new Label(filter.isEmpty() ? " " : "filter: " + filter + "  (/ to change)");
    p.addComponent(status);
    Button next = Screens.button("Next", () -> {
      if ((ops || subset) && plan.picked.isEmpty()) {
        status.setText(subset ? "\u2717 pick at least one start table (Space), and its rows with w" : "\u2717 pick at least one table (Space)");
        return;
      }
      w.show(w::optionsScreen);
    });
    p.addComponent(Screens.row(next, Screens.button("Back", () -> w.show(w::optionsScreen))));
    p.addComponent(Screens.keys(subset ? "Space: start table  w: its start rows (a condition)  /: filter  Esc: back  ?: keys"
        : "Space: tick  a: all  n: none  /: filter" + (ops ? "  d: recreate/delta" : "") + "  Esc: back  ?: keys"));
    w.content("4/8 tables (" + plan.tables.size() + " in the source)", p, shown.isEmpty() ? next : list);
    w.keys(k -> {
      if (k.getKeyType() != KeyType.Character || !(w.window.getFocusedInteractable() == list)) {
        return false;
      }
      switch (k.getCharacter()) {
        case 'a' -> shown.forEach(t -> plan.picked.add(t.qualified()));
        case 'n' -> shown.forEach(t -> {
          plan.picked.remove(t.qualified());
          plan.deltaOnly.remove(t.qualified());
        });
        case '/' -> {
          String f = w.prompt("Filter", "Show tables whose name contains:", filter);
          if (f != null) {
            show(f.strip());
          }
          return true;
        }
        case 'w' -> {
          if (!subset || list.getSelectedItem() == null) {
            return false;
          }
          String q = list.getSelectedItem().info().qualified();
          String c = w.prompt("Start rows of " + Screens.fit(q, 40), "A condition on its columns (SQL), e.g. id % 100 = 0:",
              plan.conditions.getOrDefault(q, "true"));
          if (c == null) {
            return true;
          }
          plan.picked.add(q);
          plan.conditions.put(q, c.isBlank() ? "true" : c.strip());
        }
        case 'd' -> {
          if (!ops || list.getSelectedItem() == null) {
            return false;
          }
          String q = list.getSelectedItem().info().qualified();
          plan.picked.add(q);
          if (!plan.deltaOnly.remove(q)) {
            plan.deltaOnly.add(q);
          }
        }
        default -> {
          return false;
        }
      }
      int at = list.getSelectedIndex();
      fill();
      list.setSelectedIndex(at);
      counts.setText(countLine());
      return true;
    });
  }

  private Label counts;

  private void fill() {
    list.clearItems();
    for (Probe.TableInfo t : shown) {
      list.addItem(new Row(t, Row.line(t, plan)), plan.picked.contains(t.qualified()));
    }
  }

  private String countLine() {
    return plan.picked.size() + (plan.mode == Mode.SUBSET ? " start tables" : " picked") + (plan.mode == Mode.TABLE_OPERATIONS ? " (" + plan.deltaOnly.size() + " delta only)" : "")
        + (plan.mode == Mode.FULL_COPY && plan.picked.isEmpty() ? "; none picked: every table" : "")
        + (plan.mode == Mode.INCREMENTAL_SYNC && plan.picked.isEmpty() ? "; none picked: every table" : "");
  }

  /** A list line: the table and how it is shown. */
  private record Row(Probe.TableInfo info, String text) {
    @Override
    public String toString() {
      return text;
    }

    static String line(Probe.TableInfo t, WizardPlan plan) {
      if (plan.mode == Mode.SUBSET) {
        return String.format("%-30s %10s %8s %-3s %s", Screens.fit(t.qualified(), 30), String.format("%,d", t.rows()),
            Bytes.human(t.bytes()), t.primaryKey() ? "yes" : "no",
            plan.picked.contains(t.qualified()) ? Screens.fit(plan.conditions.getOrDefault(t.qualified(), "true"), 17) : "");
      }
      String action = plan.mode != Mode.TABLE_OPERATIONS ? "" : plan.deltaOnly.contains(t.qualified()) ? " delta" : " recreate";
      boolean noTs = plan.mode == Mode.FULL_COPY;
      return String.format("%-30s %10s %8s %-3s %-3s%s", Screens.fit(t.qualified(), 30), String.format("%,d", t.rows()),
          Bytes.human(t.bytes()), t.primaryKey() ? "yes" : "no", noTs ? "" : t.timestamp() ? "yes" : "no", action);
    }
  }
}
