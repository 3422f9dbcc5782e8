package io.pgferry.orchestrator;

import java.util.Map;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in scalar values, with <code>$${</code> for a literal <code>${</code>.
 * Like the shell, {@code :-} also applies when the variable is set but empty, so an exported empty
 * password does not silently win over the file's default. Kept here rather than shared until the
 * orchestrator's general Interpolation lands; the semantics are meant to be identical.
 */
final class PipelineInterpolation {
  private PipelineInterpolation() {}

  /**
   * Expands every reference in {@code text}.
   *
   * @param where the scalar's location, named by errors (undefined variable, malformed reference)
   */
  static String apply(String text, Map<String, String> env, Location where) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw ConfigErrors.at(where, "unclosed variable reference '" + text.substring(i) + "'",
              "write ${NAME} or ${NAME:-default}, or $${ for a literal ${");
        }
        out.append(expand(text.substring(i + 2, close), env, where));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String expand(String body, Map<String, String> env, Location where) {
    int colon = body.indexOf(":-");
    String name = colon < 0 ? body : body.substring(0, colon);
    if (!isName(name)) {
      throw ConfigErrors.at(where, "invalid variable name '" + name + "' in '${" + body + "}'",
          "names are letters, digits and underscores, not starting with a digit");
    }
    String value = env.get(name);
    if (colon >= 0) {
      return value == null || value.isEmpty() ? body.substring(colon + 2) : value;
    }
    if (value == null) {
      throw ConfigErrors.at(where, "undefined environment variable '" + name + "'",
          "set it, or give a default with ${" + name + ":-default}");
    }
    return value;
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
