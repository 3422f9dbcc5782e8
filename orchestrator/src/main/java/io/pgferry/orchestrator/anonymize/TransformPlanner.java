package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneOptions;

import io.pgferry.anonymizer.TransformerContext;
import io.pgferry.anonymizer.TransformerSpec;
import io.pgferry.anonymizer.Transformers;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.Index;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import io.pgferry.loader.LoadException;
import io.pgferry.loader.RowTransformer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the transform rules into one transformer per column of the copied tables: first matching rule wins
 * ({@link RuleMatcher}); columns under a single-column unique key or index are created in unique mode; a
 * rule on a key column is propagated to every column that references it (foreign keys, composite ones
 * column by column, chains to a fixed point) so joins still match; {@code strict} lists what has no rule.
 */
public final class TransformPlanner {
  private static final Pattern REFERENCES = Pattern.compile("REFERENCES\\s+(?:[^()]+)\\(([^)]*)\\)");
  private static final Pattern INDEX_KEYS = Pattern.compile("USING\\s+\\w+\\s+\\((.*)\\)(?:\\s+INCLUDE.*|\\s+WHERE.*|\\s+NULLS.*)?$");

  private TransformPlanner() {}

  public static Map<QualifiedName, Map<String, RowTransformer>> resolve(CloneOptions o, Catalog kept, List<String> notes) {
    byte[] salt = o.salt() == null ? new byte[0] : o.salt().getBytes(StandardCharsets.UTF_8);
    List<TransformRule> rules = new ArrayList<>();
    for (CloneOptions.ColumnRule r : o.transforms()) {
      rules.add(new TransformRule(r.table(), r.column(), r.transformer(), r.options(), null, r.typeName()));
    }
    RuleMatcher matcher = RuleMatcher.of(rules);
    Map<QualifiedName, Map<String, RowTransformer>> out = new HashMap<>();
    Map<QualifiedName, Set<String>> explicit = new HashMap<>();
    Map<QualifiedName, Table> byName = new HashMap<>();
    List<String[]> missing = new ArrayList<>();
    // A rule covering any unique column makes unique-style values (e.g. tagged fakes) in every column it
    // covers: the same rule must give the same output everywhere, or equal values in two tables would differ.
    Set<Integer> uniqueRules = new HashSet<>();
    for (Table t : kept.tables()) {
      Set<String> unique = uniqueColumns(t);
      for (Column c : t.copiedColumns()) {
        int i = matcher.indexFor(t.name().schema(), t.name().name(), c.name(), c.type());
        if (i >= 0 && unique.contains(c.name())) {
          uniqueRules.add(i);
        }
      }
    }
    for (Table t : kept.tables()) {
      byName.put(t.name(), t);
      for (Column c : t.copiedColumns()) {
        int i = matcher.indexFor(t.name().schema(), t.name().name(), c.name(), c.type());
        if (i < 0) {
          if (o.strict() && t.holdsRows()) {
            missing.add(new String[] {t.name().toString(), c.name(), c.type()});
          }
          continue;
        }
        CloneOptions.ColumnRule r = o.transforms().get(i);
        RowTransformer tr;
        boolean unique = uniqueRules.contains(i);
        try {
          tr = Transformers.create(new TransformerSpec(r.transformer(), r.options()), c, new TransformerContext(salt, unique));
        } catch (LoadException e) {
          throw new PgferryException(PgferryException.Code.CONFIG, r.origin() + ": " + t.name() + "." + c.name() + ": "
              + e.getMessage() + (unique ? " (the rule covers a column under a unique key or index)" : ""), e);
        }
        explicit.computeIfAbsent(t.name(), k -> new HashSet<>()).add(c.name());
        if (!Transformers.isKeep(tr)) {
          out.computeIfAbsent(t.name(), k -> new LinkedHashMap<>()).put(c.name(), tr);
        }
      }
    }
    propagate(kept, byName, out, explicit, notes);
    // a column that inherits its key's rule is covered
    List<String> uncovered = new ArrayList<>();
    for (String[] m : missing) {
      boolean inherited = out.entrySet().stream().anyMatch(e -> e.getKey().toString().equals(m[0]) && e.getValue().containsKey(m[1]));
      if (!inherited) {
        uncovered.add(m[0] + "." + m[1] + " (" + m[2] + ")");
      }
    }
    if (!uncovered.isEmpty()) {
      throw new PgferryException(PgferryException.Code.CONFIG, "strict: " + uncovered.size() + " column(s) have no transform rule: "
          + String.join(", ", uncovered) + ". Add a rule for each (or `keep`); nothing was changed");
    }
    return out;
  }

  /** Foreign keys take the rule of the key they reference, until nothing changes (chains of keys). */
  private static void propagate(Catalog kept, Map<QualifiedName, Table> byName, Map<QualifiedName, Map<String, RowTransformer>> out,
      Map<QualifiedName, Set<String>> explicit, List<String> notes) {
    boolean changed = true;
    Set<String> reported = new HashSet<>();
    while (changed) {
      changed = false;
      for (Table t : kept.tables()) {
        for (Constraint fk : t.constraints()) {
          if (fk.kind() != Constraint.Kind.FOREIGN_KEY || !byName.containsKey(fk.references())) {
            continue;
          }
          List<String> referenced = referencedColumns(fk);
          for (int k = 0; k < fk.columns().size() && k < referenced.size(); k++) {
            String from = fk.columns().get(k);
            RowTransformer key = out.getOrDefault(fk.references(), Map.of()).get(referenced.get(k));
            if (key == null) {
              continue;
            }
            String keyName = fk.references() + "." + referenced.get(k);
            String refName = t.name() + "." + from;
            if (!Transformers.dependsOnValueOnly(key)) {
              throw new PgferryException(PgferryException.Code.CONFIG, "the rule on key column " + keyName + " depends on more"
                  + " than the value (template, when, sql, shuffle or random mode), so " + refName + ", which references it"
                  + " through " + fk.name() + ", could not be given the same values; use a deterministic value rule (hash,"
                  + " fake, permute, ...) on the key");
            }
            RowTransformer current = out.getOrDefault(t.name(), Map.of()).get(from);
            if (current == key) {
              continue;
            }
            if (explicit.getOrDefault(t.name(), Set.of()).contains(from) && current != null && reported.add(refName)) {
              notes.add("transform of " + refName + " replaced by the rule of " + keyName + ", which it references ("
                  + fk.name() + "), so the foreign key still joins");
            }
            out.computeIfAbsent(t.name(), x -> new LinkedHashMap<>()).put(from, key);
            if (reported.add(refName + "\u0000" + keyName)) {
              notes.add("transform propagated: " + keyName + " -> " + refName + " (foreign key " + fk.name() + ")");
            }
            changed = true;
          }
        }
      }
    }
  }

  /** The referenced columns of a foreign key, from {@code ... REFERENCES t(a, b)}. */
  static List<String> referencedColumns(Constraint fk) {
    Matcher m = REFERENCES.matcher(fk.definition());
    return m.find() ? identifiers(m.group(1)) : List.of();
  }

  /** Columns that alone carry a primary key, unique constraint or unique index. */
  static Set<String> uniqueColumns(Table t) {
    Set<String> out = new TreeSet<>();
    for (Constraint c : t.constraints()) {
      if ((c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE) && c.columns().size() == 1) {
        out.add(c.columns().get(0));
      }
    }
    for (Index i : t.indexes()) {
      if (!i.unique()) {
        continue;
      }
      Matcher m = INDEX_KEYS.matcher(i.definition());
      if (!m.find()) {
        continue;
      }
      List<String> keys = splitTopLevel(m.group(1));
      if (keys.size() == 1) {
        String key = keys.get(0).replaceAll("(?i)\\s+(ASC|DESC|NULLS FIRST|NULLS LAST)\\b.*$", "").strip();
        // an expression index (lower(email)) makes its column unique too, as far as collisions go
        for (Column c : t.columns()) {
          if (key.equals(c.name()) || key.equals(io.pgferry.extractor.Sql.ident(c.name()))
              || key.matches(".*\\b" + Pattern.quote(c.name()) + "\\b.*")) {
            out.add(c.name());
          }
        }
      }
    }
    return out;
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder cur = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && ch == '(') {
        depth++;
      } else if (!quoted && ch == ')') {
        depth--;
      } else if (!quoted && depth == 0 && ch == ',') {
        out.add(cur.toString().strip());
        cur.setLength(0);
        continue;
      }
      cur.append(ch);
    }
    out.add(cur.toString().strip());
    return out;
  }

  /** {@code a, "B c"} to its identifiers as stored. */
  private static List<String> identifiers(String list) {
    List<String> out = new ArrayList<>();
    for (String part : splitTopLevel(list)) {
      String p = part.strip();
      out.add(p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p);
    }
    return out;
  }
}
