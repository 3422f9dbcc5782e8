package io.pgferry.orchestrator.pipeline;

import java.util.Collection;

/** "did you mean …" for names of tables and columns a user mistyped (keys use {@link ConfigErrors}). */
public final class Suggest {
  private Suggest() {}

  /**
   * {@code "; did you mean 'x'?"} when a candidate is close enough, else the empty string. Longer names
   * (schema-qualified tables) tolerate proportionally more edits than config keys do.
   */
  public static String closest(String typed, Collection<String> candidates) {
    int limit = Math.max(2, typed.length() / 4);
    return candidates.stream()
        .filter(c -> ConfigErrors.distance(typed, c) <= limit)
        .min(java.util.Comparator.comparingInt((String c) -> ConfigErrors.distance(typed, c)).thenComparing(c -> c))
        .map(c -> "; did you mean '" + c + "'?")
        .orElse("");
  }
}
