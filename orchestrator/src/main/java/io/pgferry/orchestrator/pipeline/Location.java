package io.pgferry.orchestrator.pipeline;

import java.util.Objects;

/**
 * A place in a pipeline file, 1-based like an editor shows it. {@link #toString()} is the
 * {@code file:line:column} form every configuration error uses, so editors and terminals can jump to it.
 */
public record Location(String file, int line, int column) {
  public Location {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
