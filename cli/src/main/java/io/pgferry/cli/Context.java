package io.pgferry.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** What a command may touch of the outside world, injected so tests run the CLI in-process. */
final class Context {
  private final Map<String, String> env;
  private final Path home;
  private final PrintStream out;
  private final PrintStream err;
  private final java.io.InputStream in;
  private boolean verbose;

  Context(Map<String, String> env, Path home, PrintStream out, PrintStream err) {
    this(env, home, out, err, System.in);
  }

  Context(Map<String, String> env, Path home, PrintStream out, PrintStream err, java.io.InputStream in) {
    this.env = Map.copyOf(env);
    this.home = home;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  /** Answers for the plain wizard. */
  java.io.InputStream in() {
    return in;
  }

  Map<String, String> env() {
    return env;
  }

  Path home() {
    return home;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean verbose() {
    return verbose;
  }

  void verbose(boolean v) {
    this.verbose = v;
  }
}
