package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.pipeline.Pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves which transform rule applies to a column: rules are tried in file order and the first match wins.
 * A column rule matches by table pattern ({@code public.users}, {@code users}, {@code *} in
 * {@code "*.email"}) and exact column name; a type rule ({@code "type:inet"}) matches every column of that
 * type, compared without length modifiers and with PostgreSQL's aliases ({@code varchar} is
 * {@code character varying}, {@code timestamptz} is {@code timestamp with time zone}); a user type matches
 * with or without its schema.
 */
final class RuleMatcher {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
      Map.entry("varchar", "character varying"), Map.entry("char", "character"), Map.entry("bpchar", "character"),
      Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp", "timestamp without time zone"),
      Map.entry("timetz", "time with time zone"), Map.entry("time", "time without time zone"), Map.entry("bool", "boolean"),
      Map.entry("float8", "double precision"), Map.entry("float4", "real"), Map.entry("decimal", "numeric"));

  private record Entry(TableGlob table, String column, String type, TransformRule rule) {}

  private final List<Entry> entries;

  private RuleMatcher(List<TransformRule> rules) {
    List<Entry> out = new ArrayList<>();
    for (TransformRule r : rules) {
      out.add(r.isTypeRule() ? new Entry(null, null, normalize(r.typeName()), r)
          : new Entry(TableGlob.compile(r.tableOrPattern()), r.column(), null, r));
    }
    this.entries = List.copyOf(out);
  }

  static RuleMatcher of(Pipeline pipeline) {
    return new RuleMatcher(pipeline.transforms());
  }

  static RuleMatcher of(List<TransformRule> rules) {
    return new RuleMatcher(rules);
  }

  /** The first rule for a column, if any; {@code typeName} as {@code format_type} prints it (may be null). */
  Optional<TransformRule> ruleFor(String schema, String table, String column, String typeName) {
    int i = indexFor(schema, table, column, typeName);
    return i < 0 ? Optional.empty() : Optional.of(entries.get(i).rule());
  }

  /** The position of the first matching rule in the list it was built from, or -1. */
  int indexFor(String schema, String table, String column, String typeName) {
    String type = null; // normalized on the first type rule only: a clone without rules asks for every column
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.type() != null) {
        if (type == null && typeName != null) {
          type = normalize(typeName);
        }
        if (type != null && (type.equals(e.type()) || unqualified(type).equals(e.type()))) {
          return i;
        }
      } else if (e.column().equals(column) && e.table().matches(schema, table)) {
        return i;
      }
    }
    return -1;
  }

  /** Lower case, no length or precision modifier, aliases resolved, quotes removed. */
  static String normalize(String type) {
    String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\([^)]*\\)", "").replace("\"", "").replaceAll("\\s+", " ")
        .replace(" []", "[]").strip();
    boolean array = t.endsWith("[]");
    String base = array ? t.substring(0, t.length() - 2).strip() : t;
    base = ALIASES.getOrDefault(base, base);
    return array ? base + "[]" : base;
  }

  private static String unqualified(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }
}
