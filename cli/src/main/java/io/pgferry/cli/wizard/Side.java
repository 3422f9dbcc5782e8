package io.pgferry.cli.wizard;

import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * One side's connection as the wizard's form holds it: a URL or single fields, prefilled from the same places as
 * the command line. Resolving it applies the same rules ({@code SOURCE_DB_*}, {@code PG*}, {@code .pgpass}).
 */
final class Side {
  final String role;
  String url = "";
  String host = "";
  String port = "";
  String database = "";
  String user = "";
  String password = "";
  String sslmode = "";

  Side(String role) {
    this.role = role;
  }

  /** The form prefilled from flags and the environment, as the command line would resolve them. */
  static Side prefilled(String role, ConnectionInput given, Map<String, String> env, Path home) {
    Side s = new Side(role);
    if (given.url() != null) {
      s.url = given.url();
    }
    try {
      ConnectionSpec spec = ConnectionSpec.resolve(new ConnectionInput(given.url(), given.host(), given.port(), given.database(),
          given.user(), given.password(), null), role, env, home);
      if (given.url() == null) {
        s.host = spec.host();
        s.port = String.valueOf(spec.port());
        s.database = spec.database();
        s.user = spec.user();
        s.sslmode = spec.params().getOrDefault("sslmode", "");
      }
    } catch (RuntimeException e) {
      // nothing usable given: the form starts empty, as a new user would expect
    }
    if (given.password() != null) {
      s.password = given.password();
    }
    return s;
  }

  /** What the user typed, as the command line's input: the URL's parts are overridden by the fields given. */
  ConnectionInput input() {
    Integer p = null;
    if (!port.isBlank()) {
      try {
        p = Integer.valueOf(port.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port must be a number, got '" + port.strip() + "'");
      }
    }
    String u = url.isBlank() ? null : url.strip();
    if (u == null && !sslmode.isBlank()) {
      u = "postgresql://?sslmode=" + sslmode.strip();
    }
    return new ConnectionInput(u, blank(host), p, blank(database), blank(user), password.isEmpty() ? null : password, null);
  }

  ConnectionSpec resolve(Map<String, String> env, Path home) {
    return ConnectionSpec.resolve(input(), role, env, home);
  }

  /** A fingerprint of the form, so that a passed test counts only for what was tested. */
  String key() {
    return String.join("\u0000", url, host, port, database, user, password, sslmode);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
