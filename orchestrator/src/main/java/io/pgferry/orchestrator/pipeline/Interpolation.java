package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.PgferryException.Code;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shell-style {@code ${VAR}} substitution for configuration text, so pipelines can be committed without
 * secrets or per-environment hosts in them.
 *
 * <ul>
 *   <li>{@code ${VAR}}: the value; an undefined variable is an error rather than an empty string, since a
 *       silently empty host or password produces confusing failures far from the cause;
 *   <li>{@code ${VAR:-default}}: the default when VAR is undefined or empty (as in sh); the default may
 *       itself contain {@code ${…}};
 *   <li><code>$${</code>: a literal <code>${</code>; any other {@code $} is literal too (no bare {@code $VAR}, which
 *       would make passwords containing {@code $} unwritable).
 * </ul>
 */
public final class Interpolation {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Interpolation() {}

  /** How a caller turns a problem (what went wrong, what to do) into its exception. */
  @FunctionalInterface
  interface Errors {
    PgferryException of(String what, String hint);
  }

  private static final Errors PLAIN = (what, hint) -> new PgferryException(Code.CONFIG, what + "; " + hint);

  /** @throws PgferryException CONFIG naming the variable, or describing the malformed reference */
  public static String apply(String text, Map<String, String> env) {
    return apply(text, env, PLAIN);
  }

  static String apply(String text, Map<String, String> env, Errors errors) {
    if (text == null || text.indexOf('$') < 0) {
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
        int close = matchingBrace(text, i + 2);
        if (close < 0) {
          throw errors.of("unclosed variable reference '" + snippet(text, i) + "'",
              "write ${NAME} or ${NAME:-default}, or $${ for a literal ${");
        }
        out.append(resolve(text.substring(i + 2, close), env, errors));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String resolve(String ref, Map<String, String> env, Errors errors) {
    int sep = ref.indexOf(":-");
    String name = sep < 0 ? ref : ref.substring(0, sep);
    if (!NAME.matcher(name).matches()) {
      throw errors.of("invalid variable name '" + name + "' in '${" + ref + "}'",
          "names are letters, digits and underscores, not starting with a digit");
    }
    String value = env.get(name);
    if (sep >= 0) {
      return value == null || value.isEmpty() ? apply(ref.substring(sep + 2), env, errors) : value;
    }
    if (value == null) {
      throw errors.of("undefined environment variable '" + name + "'",
          "set it (in the environment or an env file, " + io.pgferry.extractor.Option.ENV_FILE.mention() + "), or give a default with ${" + name + ":-default}");
    }
    return value;
  }

  /** The '}' closing a "${" whose content starts at {@code from}, skipping nested references in defaults. */
  private static int matchingBrace(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      if (text.startsWith("${", i)) {
        depth++;
        i++;
      } else if (text.charAt(i) == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  /** The text may be a whole document; quoting the start of the reference is enough to locate it. */
  private static String snippet(String text, int at) {
    return text.length() - at <= 30 ? text.substring(at) : text.substring(at, at + 30) + "...";
  }
}
