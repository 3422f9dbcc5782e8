package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.RowTransformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Shaping transformers on the value's text: mask, regex_replace, template, choice, truncate. */
final class TextTransformers {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(old|new)\\.([^{}]+)}|\\{value}|\\{tag}");

  private TextTransformers() {}

  /** {@code mask}: every character but the first {@code keep_first} and last {@code keep_last} becomes {@code char}. */
  static RowTransformer mask(Options o, Column column, Transformers.Build b) {
    int first = o.integer("keep_first", 0, 0, 1000);
    int last = o.integer("keep_last", 0, 0, 1000);
    String c = o.string("char", "*");
    if (c.codePointCount(0, c.length()) != 1) {
      throw o.error("option 'char' must be one character, got '" + c + "'");
    }
    requireText(o, column, "mask");
    if (b.unique()) {
      throw o.error("masking can make different values equal, and the column is under a unique index");
    }
    int maskChar = c.codePointAt(0);
    return (value, row) -> {
      if (value == null) {
        return null;
      }
      int n = value.codePointCount(0, value.length());
      StringBuilder sb = new StringBuilder(value.length());
      int i = 0;
      for (int off = 0; off < value.length(); i++) {
        int cp = value.codePointAt(off);
        sb.appendCodePoint(i < first || i >= n - last ? cp : maskChar);
        off += Character.charCount(cp);
      }
      return sb.toString();
    };
  }

  /** {@code regex_replace}: Java regex {@code pattern}, {@code replacement} with {@code $1} groups. */
  static RowTransformer regexReplace(Options o, Column column, Transformers.Build b) {
    String regex = o.requiredString("pattern", "a Java regular expression");
    String replacement = o.string("replacement", "");
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw o.error("option 'pattern' is not a valid regular expression: " + e.getDescription() + " at index " + e.getIndex());
    }
    requireText(o, column, "regex_replace");
    try {
      p.matcher("").replaceAll(replacement);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw o.error("option 'replacement' is invalid: " + e.getMessage());
    }
    return (value, row) -> value == null ? null : p.matcher(value).replaceAll(replacement);
  }

  /** {@code truncate}: at most {@code length} characters. */
  static RowTransformer truncate(Options o, Column column, Transformers.Build b) {
    int length = o.integer("length", 0, 1, 1_000_000);
    requireText(o, column, "truncate");
    if (b.unique()) {
      throw o.error("truncating can make different values equal, and the column is under a unique index");
    }
    return (value, row) -> value == null || value.codePointCount(0, value.length()) <= length ? value
        : value.substring(0, value.offsetByCodePoints(0, length));
  }

  /** {@code choice}: one of {@code values} (or the lines of {@code dictionary}), picked by the value's seed. */
  static RowTransformer choice(Options o, Column column, Transformers.Build b) {
    List<String> values = new ArrayList<>(o.list("values"));
    String file = o.string("dictionary", null);
    if (file != null) {
      try {
        Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(values::add);
      } catch (IOException e) {
        throw o.error("cannot read dictionary " + file + " (" + e.getMessage() + ")");
      }
    }
    if (values.isEmpty()) {
      throw o.error("give 'values' (a list) or 'dictionary' (a file with one value per line)");
    }
    if (b.unique()) {
      throw o.error("choosing from a list repeats values, and the column is under a unique index");
    }
    int max = ColumnTypes.maxLength(column.type());
    for (String v : values) {
      if (v.codePointCount(0, v.length()) > max) {
        throw o.error("value '" + v + "' is longer than the column's " + max + " characters");
      }
    }
    String[] pool = values.toArray(String[]::new);
    Seeds seeds = b.seeds();
    return (value, row) -> value == null ? null : pool[Seeds.pick(seeds.of(value), pool.length)];
  }

  /**
   * {@code template}: text with placeholders {@code {old.col}} (another column's original value),
   * {@code {new.col}} (its value after its own rule), {@code {value}} (this column's original value) and
   * {@code {tag}} (13 keyed characters of this value, for unique columns). NULL placeholders print as empty; NULL values are replaced too.
   */
  static RowTransformer template(Options o, Column column, Transformers.Build b) {
    String text = o.requiredString("template", "text with {old.column}, {new.column} or {value} placeholders");
    requireText(o, column, "template");
    List<Object> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    boolean tagged = false;
    while (m.find()) {
      parts.add(text.substring(at, m.start()));
      if (m.group(1) != null) {
        parts.add(new Ref(m.group(2), m.group(1).equals("new")));
      } else if (m.group().equals("{tag}")) {
        parts.add(Tag.INSTANCE);
        tagged = true;
      } else {
        parts.add(Self.INSTANCE);
      }
      at = m.end();
    }
    parts.add(text.substring(at));
    if (b.unique() && !tagged && !parts.contains(Self.INSTANCE)) {
      throw o.error("the column is under a unique index; put {tag} or {value} in the template so values stay distinct");
    }
    return new Template(parts.toArray(), b.seeds());
  }

  private record Ref(String column, boolean transformed) {}

  private enum Self { INSTANCE }

  private enum Tag { INSTANCE }

  /** Reads other columns of the row, so it is never propagated to referencing columns. */
  record Template(Object[] parts, Seeds seeds) implements RowTransformer {
    @Override
    public String apply(String value, Row row) {
      // fills NULLs too: a template is built from the row, not from this value
      StringBuilder sb = new StringBuilder();
      for (Object p : parts) {
        if (p instanceof String s) {
          sb.append(s);
        } else if (p instanceof Ref r) {
          String v = r.transformed() ? row.transformed(r.column()) : row.value(r.column());
          sb.append(v == null ? "" : v);
        } else if (p == Tag.INSTANCE) {
          sb.append(Seeds.tag(seeds.of(value)));
        } else if (value != null) {
          sb.append(value);
        }
      }
      return sb.toString();
    }
  }

  static void requireText(Options o, Column column, String name) {
    ColumnTypes.Kind k = ColumnTypes.of(column.type());
    if (k != ColumnTypes.Kind.TEXT && k != ColumnTypes.Kind.OTHER) {
      throw o.error(name + " works on text and cannot produce values for a column of type " + column.type());
    }
  }
}
