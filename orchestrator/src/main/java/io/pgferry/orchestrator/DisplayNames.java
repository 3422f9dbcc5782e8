package io.pgferry.orchestrator;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Dotted names as a person (and a pipeline's keys) writes them: a part is double-quoted only when it is not a
 * plain lower-case name, e.g. {@code public."Clients"."nomDeFamille"}. For SQL use {@code Sql.qualified}.
 */
public final class DisplayNames {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  private DisplayNames() {}

  public static String of(String... parts) {
    return Arrays.stream(parts).map(p -> PLAIN.matcher(p).matches() ? p : "\"" + p.replace("\"", "\"\"") + "\"")
        .collect(Collectors.joining("."));
  }
}
