package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.LoadException;
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

  /** A string option; {@code defaultValue} when absent (null allowed). */
  String string(String key, String defaultValue) {
    if (!has(key)) {
      used.add(key);
      return defaultValue;
    }
    Object raw = take(key);
    if (raw == null || raw instanceof java.util.Map || raw instanceof java.util.List) {
      throw error("option '" + key + "' must be a string, got " + (raw == null ? "null" : raw));
    }
    return raw.toString();
  }

  /** A string option that must be given. */
  String requiredString(String key, String what) {
    if (!has(key)) {
      throw error("option '" + key + "' is required (" + what + ")");
    }
    return string(key, null);
  }

  /** A number option; accepts numbers and numeric strings. */
  double number(String key, double defaultValue) {
    if (!has(key)) {
      used.add(key);
      return defaultValue;
    }
    Object raw = take(key);
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(raw).strip());
    } catch (NumberFormatException e) {
      throw error("option '" + key + "' must be a number, got " + raw);
    }
  }

  boolean bool(String key, boolean defaultValue) {
    if (!has(key)) {
      used.add(key);
      return defaultValue;
    }
    Object raw = take(key);
    if (raw instanceof Boolean b) {
      return b;
    }
    String v = String.valueOf(raw).strip().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw error("option '" + key + "' must be true or false, got " + raw);
  }

  /** A list of strings (a YAML list, or one comma-separated string). */
  java.util.List<String> list(String key) {
    if (!has(key)) {
      used.add(key);
      return java.util.List.of();
    }
    Object raw = take(key);
    if (raw instanceof java.util.List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    if (raw instanceof String s) {
      return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
    throw error("option '" + key + "' must be a list of strings, got " + raw);
  }

  /** A mapping option, e.g. the paths of {@code json}. */
  java.util.Map<String, Object> map(String key) {
    if (!has(key)) {
      used.add(key);
      return java.util.Map.of();
    }
    Object raw = take(key);
    if (raw instanceof java.util.Map<?, ?> m) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    throw error("option '" + key + "' must be a mapping, got " + raw);
  }

  Column column() {
    return column;
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
    return new LoadException(LoadException.Reason.CONFIG, null, "transformer '" + spec.name() + "' on column \""
        + column.name() + "\" (" + column.type() + "): " + problem);
  }
}
