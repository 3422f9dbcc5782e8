package io.pgferry.loader;

import io.pgferry.extractor.Column;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** A transformer's options while it is being created: typed access, and a record of what was read. */
final class Options {
  private final TransformerSpec spec;
  private final Column column;
  private final Set<String> used = new HashSet<>();

  Options(TransformerSpec spec, Column column) {
    this.spec = spec;
    this.column = column;
  }

  boolean has(String key) {
    return spec.options().containsKey(key);
  }

  Object take(String key) {
    used.add(key);
    return spec.options().get(key);
  }

  /** An integer option in {@code [min, max]}; accepts numbers and digit strings (YAML may give either). */
  int integer(String key, int defaultValue, int min, int max) {
    if (!has(key)) {
      used.add(key);
      return defaultValue;
    }
    Object raw = take(key);
    long v;
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      v = ((Number) raw).longValue();
    } else if (raw instanceof String s && s.strip().matches("[+-]?\\d{1,18}")) {
      v = Long.parseLong(s.strip());
    } else {
      throw error("option '" + key + "' must be an integer between " + min + " and " + max + ", got " + raw);
    }
    if (v < min || v > max) {
      throw error("option '" + key + "' must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }

  /** A string option restricted to {@code allowed} (compared case-insensitively). */
  String choice(String key, String defaultValue, Set<String> allowed) {
    if (!has(key)) {
      used.add(key);
      return defaultValue;
    }
    Object raw = take(key);
    String v = raw == null ? "" : raw.toString().strip().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(v)) {
      throw error("option '" + key + "' must be one of " + new TreeSet<>(allowed) + ", got " + raw);
    }
    return v;
  }

  void rejectUnused() {
    Set<String> unknown = new TreeSet<>(spec.options().keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw error("unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + (used.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", new TreeSet<>(used)) + ")"));
    }
  }

  LoadException error(String problem) {
    return new LoadException(LoadException.Code.CONFIG, null, "transformer '" + spec.name() + "' on column \""
        + column.name() + "\" (" + column.type() + "): " + problem);
  }
}
