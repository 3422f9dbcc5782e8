package io.pgferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program in a real pseudo-terminal of a given size (a detached tmux session), driven by keys and read back as
 * the text on its screen: how a terminal UI is tested as a user meets it. Needs tmux on the path
 * ({@code apt-get install tmux}); {@link #available} says whether it is.
 */
public final class Tmux implements AutoCloseable {
  private final String session;
  private final Path exitFile;

  private Tmux(String session, Path exitFile) {
    this.session = session;
    this.exitFile = exitFile;
  }

  public static boolean available() {
    try {
      return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts {@code command} in {@code dir} in a terminal of {@code width} by {@code height}; its exit code is kept
   * for {@link #exitCode}.
   */
  public static Tmux start(Path dir, int width, int height, List<String> command) {
    String session = "pgferry-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path exitFile = dir.resolve(session + ".exit");
    StringBuilder shell = new StringBuilder();
    for (String part : command) {
      shell.append('\'').append(part.replace("'", "'\\''")).append("' ");
    }
    // the pane stays open after the program ends, so its last screen can still be read
    shell.append("; echo $? > '").append(exitFile).append("'; sleep 3600");
    run(session, "new-session", "-d", "-s", session, "-x", String.valueOf(width), "-y", String.valueOf(height), "-c", dir.toString(),
        shell.toString());
    return new Tmux(session, exitFile);
  }

  /** A Java main class on this JVM's class path, as {@link #start} takes it. */
  public static List<String> java(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:TieredStopAtLevel=1");
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Sends keys as tmux names them: {@code Enter}, {@code Escape}, {@code Tab}, {@code Space}, {@code C-c}, or text. */
  public Tmux keys(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(session, args.toArray(String[]::new));
    return this;
  }

  /** Resizes the terminal, as a user dragging the window's corner. */
  public Tmux resize(int width, int height) {
    run(session, "resize-window", "-t", session, "-x", String.valueOf(width), "-y", String.valueOf(height));
    return this;
  }

  /** Types {@code text} literally. */
  public Tmux type(String text) {
    run(session, "send-keys", "-t", session, "-l", text);
    return this;
  }

  /** The text on the screen now. */
  public String screen() {
    return run(session, "capture-pane", "-p", "-t", session);
  }

  /** Waits until the screen shows {@code text}; returns the screen. */
  public String await(String text, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    String s = screen();
    while (!s.contains(text)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the screen did not show '" + text + "' within " + timeout + "; it shows:\n" + s);
      }
      sleep(100);
      s = screen();
    }
    return s;
  }

  /** The program's exit code once it ended, waiting up to {@code timeout}; -1 if it is still running. */
  public int exitCode(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (Files.exists(exitFile) && !Files.readString(exitFile).isBlank()) {
          return Integer.parseInt(Files.readString(exitFile).strip());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sleep(100);
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      run(session, "kill-server");
    } catch (IllegalStateException e) {
      // already gone
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** On a server of its own (its socket named after the session), which starts with this process's environment. */
  private static String run(String socket, String... args) {
    List<String> command = new ArrayList<>();
    command.add("tmux");
    command.add("-L");
    command.add(socket);
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("tmux is needed for terminal tests (apt-get install tmux)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
