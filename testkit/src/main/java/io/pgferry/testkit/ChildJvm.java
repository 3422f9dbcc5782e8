package io.pgferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run in a process of its own on the test's class path, so a test can kill it the hard way
 * ({@code kill -9}: no shutdown hook, no finally block, no rollback sent) and look at what it left behind.
 * Its standard output and error go to one file, read with {@link #output()}.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code args} in {@code dir}, with this JVM's java and class path. */
  public static ChildJvm start(Path dir, String mainClass, List<String> args) {
    return start(dir, List.of(), mainClass, args);
  }

  /** As {@link #start(Path, String, List)}, with options for the JVM (a small heap, say). */
  public static ChildJvm start(Path dir, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:TieredStopAtLevel=1"); // a short run: start-up matters more than peak speed
    command.addAll(jvmOptions);
    command.add(mainClass);
    command.addAll(args);
    Path log = dir.resolve("child-" + System.nanoTime() + ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new ChildJvm(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, as {@code kill} or a service manager sends: the program may stop gracefully. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL, as {@code kill -9} sends; returns once the process is gone. */
  public void killHard() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The exit code, or -1 when it did not end within {@code timeout} (it is then killed). */
  public int await(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    killHard();
    return -1;
  }

  /** What it printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      killHard();
    }
  }
}
