package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.RowTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code json}: rules on paths inside a json/jsonb value, e.g. {@code $.email} or {@code $.items[*].phone},
 * each with any value transformer. Strings are transformed as text, numbers and booleans as their JSON text
 * (the result stays a number when it reads as one); JSON nulls and missing paths are left alone. Everything
 * else in the document is kept.
 */
final class JsonTransformer implements RowTransformer {
  private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\*]|\\[(\\d+)]|\\['((?:[^'\\\\]|\\\\.)*)']|\\[\"((?:[^\"\\\\]|\\\\.)*)\"]");
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Object ANY = new Object();

  private record PathRule(String path, List<Object> steps, RowTransformer transformer) {}

  private final List<PathRule> rules;

  private JsonTransformer(List<PathRule> rules) {
    this.rules = rules;
  }

  static RowTransformer create(Options o, Column column, Transformers.Build b) {
    if (ColumnTypes.of(column.type()) != ColumnTypes.Kind.JSON && ColumnTypes.of(column.type()) != ColumnTypes.Kind.TEXT) {
      throw o.error("json rules work on json, jsonb and text columns, not " + column.type());
    }
    Map<String, Object> paths = o.map("paths");
    if (paths.isEmpty()) {
      throw o.error("option 'paths' is required: a mapping of JSON path ($.email, $.items[*].phone) to a transformer");
    }
    List<PathRule> rules = new ArrayList<>();
    for (Map.Entry<String, Object> e : paths.entrySet()) {
      List<Object> steps = steps(e.getKey(), o);
      Column leaf = new Column(column.name() + " " + e.getKey(), column.position(), "text", false, null, null, null, null);
      rules.add(new PathRule(e.getKey(), steps, b.nested(e.getValue(), leaf, "path " + e.getKey())));
    }
    return new JsonTransformer(List.copyOf(rules));
  }

  /** The transformers of the paths, in order. */
  List<RowTransformer> paths() {
    return rules.stream().map(PathRule::transformer).toList();
  }

  static List<Object> steps(String path, Options o) {
    if (!path.startsWith("$")) {
      throw o.error("JSON path '" + path + "' must start with $");
    }
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!m.find(at) || m.start() != at) {
        throw o.error("JSON path '" + path + "' cannot be read at character " + (at + 1)
            + "; write $.name, $.list[*].name, $.list[0] or $['odd key']");
      }
      if (m.group(1) != null) {
        steps.add(m.group(1));
      } else if (m.group(2) != null) {
        steps.add(Integer.parseInt(m.group(2)));
      } else if (m.group(3) != null || m.group(4) != null) {
        steps.add((m.group(3) != null ? m.group(3) : m.group(4)).replaceAll("\\\\(.)", "$1"));
      } else {
        steps.add(ANY);
      }
      at = m.end();
    }
    if (steps.isEmpty()) {
      throw o.error("JSON path '$' names the whole document; use a transformer on the column instead");
    }
    return steps;
  }

  @Override
  public String apply(String value, Row row) {
    if (value == null) {
      return null;
    }
    Object doc = JsonText.parse(value);
    for (PathRule r : rules) {
      doc = visit(doc, r.steps(), 0, r.transformer(), row);
    }
    return JsonText.write(doc);
  }

  @SuppressWarnings("unchecked")
  private static Object visit(Object node, List<Object> steps, int k, RowTransformer t, Row row) {
    if (k == steps.size()) {
      return leaf(node, t, row);
    }
    Object step = steps.get(k);
    if (step instanceof String key && node instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      if (map.containsKey(key)) {
        map.put(key, visit(map.get(key), steps, k + 1, t, row));
      }
    } else if (node instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      if (step == ANY) {
        for (int i = 0; i < list.size(); i++) {
          list.set(i, visit(list.get(i), steps, k + 1, t, row));
        }
      } else if (step instanceof Integer i && i < list.size()) {
        list.set(i, visit(list.get(i), steps, k + 1, t, row));
      }
    } else if (step == ANY && node instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      map.replaceAll((key, v) -> visit(v, steps, k + 1, t, row));
    }
    return node;
  }

  private static Object leaf(Object node, RowTransformer t, Row row) {
    if (node instanceof String s) {
      String out = t.apply(s, row);
      return out == null ? JsonText.NULL : out;
    }
    if (node instanceof JsonText.Num || node instanceof Boolean) {
      String in = node instanceof JsonText.Num n ? n.text() : node.toString();
      String out = t.apply(in, row);
      if (out == null) {
        return JsonText.NULL;
      }
      if (NUMBER.matcher(out).matches()) {
        return new JsonText.Num(out);
      }
      return out.equals("true") || out.equals("false") ? Boolean.valueOf(out) : out;
    }
    return node; // null, objects and arrays as a whole are not leaf values
  }
}
