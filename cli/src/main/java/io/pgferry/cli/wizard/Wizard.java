package io.pgferry.cli.wizard;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.ConnectionInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * {@code pgferry wizard}: a guided run for people who do not live in YAML. Full screen on a terminal (Lanterna),
 * plain questions otherwise; both drive the same library runs as {@code pgferry clone} and {@code pgferry sync}.
 *
 * @param render turns a failure's message into the line the CLI prints
 * @param exitCodes the CLI's exit code of a failure
 */
public record Wizard(Map<String, String> env, Path home, ConnectionInput source, ConnectionInput target, UnaryOperator<String> render,
    ToIntFunction<PgferryException> exitCodes) {

  private WizardPlan plan() {
    return new WizardPlan(env, home, Side.prefilled("SOURCE", source, env, home), Side.prefilled("TARGET", target, env, home));
  }

  /** Full screen on the process's terminal; returns the exit code. */
  public int runOnTerminal() throws IOException {
    DefaultTerminalFactory factory = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
        .setForceTextTerminal(true).setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
    Screen screen = factory.createScreen();
    screen.startScreen();
    try {
      return new TerminalWizard(plan(), render, exitCodes, screen).run();
    } finally {
      screen.stopScreen();
    }
  }

  /** Plain questions and answers, for a stdout that is not a terminal; returns the exit code. */
  public int runPlain(BufferedReader in, PrintStream out) {
    return new PlainWizard(plan(), render, exitCodes, in, out).run();
  }
}
