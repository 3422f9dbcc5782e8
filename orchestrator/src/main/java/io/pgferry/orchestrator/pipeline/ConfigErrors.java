package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Builds the one-sentence CONFIG errors, so every message has the same shape: "what at file:line:column[; hint]". */
final class ConfigErrors {
  private ConfigErrors() {}

  static PgferryException at(Location where, String what) {
    return new PgferryException(PgferryException.Code.CONFIG, what + " at " + where);
  }

  static PgferryException at(Location where, String what, String hint) {
    return new PgferryException(PgferryException.Code.CONFIG, what + " at " + where + "; " + hint);
  }

  /** An unknown name, with "did you mean" when a known one is close, else the list of known ones. */
  static PgferryException unknown(Location where, String what, String name, Collection<String> known) {
    return unknown(where, what, name, "", known);
  }

  /** As above, with a context such as " in 'target'" after the name. */
  static PgferryException unknown(Location where, String what, String name, String context, Collection<String> known) {
    String hint = closest(name, known)
        .map(k -> "did you mean '" + k + "'?")
        .orElse("known: " + String.join(", ", known.stream().sorted().toList()));
    return at(where, "unknown " + what + " '" + name + "'" + context, hint);
  }

  /** Like {@link #unknown} but always lists the known names, for short closed lists such as transformers. */
  static PgferryException unknownOf(Location where, String what, String name, Collection<String> known) {
    return at(where, "unknown " + what + " '" + name + "'",
        "known: " + String.join(", ", known.stream().sorted().toList()));
  }

  /** The known name within a small edit distance of {@code name}, if any; typos are one or two keystrokes. */
  static Optional<String> closest(String name, Collection<String> known) {
    // Two edits catch swapped or doubled letters ("hots", "lode") without suggesting unrelated short words.
    int limit = name.length() <= 2 ? 1 : 2;
    return known.stream()
        .filter(k -> distance(name, k) <= limit)
        .min(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k));
  }

  /** Levenshtein distance, case-insensitive because case typos are the commonest. */
  static int distance(String a, String b) {
    a = a.toLowerCase(java.util.Locale.ROOT);
    b = b.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
