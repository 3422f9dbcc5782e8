package io.pgferry.cli.wizard;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.Borders;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import java.util.ArrayList;
import java.util.List;

/** Small layout helpers shared by the wizard's screens. */
final class Screens {
  private Screens() {}

  static Panel column() {
    return new Panel(new LinearLayout(Direction.VERTICAL));
  }

  static Panel row(Component... parts) {
    Panel p = new Panel(new LinearLayout(Direction.HORIZONTAL));
    for (Component c : parts) {
      p.addComponent(c);
    }
    return p;
  }

  static Button button(String label, Runnable action) {
    return new Button(label, action);
  }

  static EmptySpace gap() {
    return new EmptySpace(new TerminalSize(1, 1));
  }

  /** The keys line at the bottom of every screen. */
  static Label keys(String text) {
    return new Label(text);
  }

  static Component boxed(String title, Component inner) {
    return inner.withBorder(Borders.singleLine(title));
  }

  /** Splits {@code text} into lines of at most {@code width} characters, at spaces where it can. */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      String rest = para;
      while (rest.length() > width) {
        int cut = rest.lastIndexOf(' ', width);
        cut = cut <= 0 ? width : cut;
        out.add(rest.substring(0, cut));
        rest = rest.substring(cut).stripLeading();
      }
      out.add(rest);
    }
    return out;
  }

  static String fit(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "\u2026";
  }
}
