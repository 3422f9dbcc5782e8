package io.pgferry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: output style and where extra environment comes from. */
final class OutputOptions {
  @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces with errors.")
  boolean verbose;

  @Option(names = "--json", description = "Print the final report as JSON on stdout (human output still goes to stderr).")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress or phase lines; errors and warnings only.")
  boolean quiet;

  @Option(names = "--no-progress", description = "Never redraw a live progress line, even on a terminal.")
  boolean noProgress;

  @Option(names = "--env", paramLabel = "FILE", description = "Read variables (SOURCE_DB_*, TARGET_DB_*, PG*, …) from a .env file;"
      + " variables already set in the environment win.")
  Path envFile;
}
