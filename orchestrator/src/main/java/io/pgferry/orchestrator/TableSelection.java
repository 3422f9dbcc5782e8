package io.pgferry.orchestrator;

import io.pgferry.extractor.QualifiedName;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Include/exclude patterns: shell wildcards ({@code *}, {@code ?}, {@code [abc]}) matched against
 * {@code schema.table} or, for a pattern without a dot, against the bare table name. Case-sensitive on
 * the stored name, like PostgreSQL's catalog. An empty include list means everything.
 */
record TableSelection(List<String> include, List<String> exclude) {
  TableSelection {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  static TableSelection all() {
    return new TableSelection(List.of(), List.of());
  }

  boolean selects(QualifiedName name) {
    boolean in = include.isEmpty() || include.stream().anyMatch(p -> matches(p, name));
    return in && exclude.stream().noneMatch(p -> matches(p, name));
  }

  boolean filters() {
    return !include.isEmpty() || !exclude.isEmpty();
  }

  static boolean matches(String pattern, QualifiedName name) {
    Pattern re = glob(pattern);
    if (pattern.indexOf('.') >= 0 && re.matcher(name.schema() + "." + name.name()).matches()) {
      return true;
    }
    return re.matcher(name.name()).matches();
  }

  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          if (end < 0) {
            re.append("\\[");
          } else {
            String body = pattern.substring(i + 1, end);
            boolean negate = body.startsWith("!");
            re.append('[').append(negate ? "^" : "").append(classBody(negate ? body.substring(1) : body)).append(']');
            i = end;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Escapes a bracket expression's members for java.util.regex, keeping {@code a-z} ranges. */
  private static String classBody(String body) {
    StringBuilder sb = new StringBuilder();
    for (char c : body.toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) || c == '-' ? String.valueOf(c) : "\\" + c);
    }
    return sb.toString();
  }

  /** Splits {@code "a.*, b"} style flag values; YAML lists arrive already split. */
  static List<String> split(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return List.of(commaSeparated.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
