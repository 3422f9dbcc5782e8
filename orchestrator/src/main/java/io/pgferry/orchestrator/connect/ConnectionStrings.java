package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.PgferryException.Code;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses the three connection-string forms users paste from other tools. libpq forms follow libpq's rules
 * (strict percent-decoding, unknown keywords rejected) so that a string that works with psql works here;
 * JDBC URLs follow pgjdbc's rules (form-decoding, unknown properties passed through) for the same reason.
 * Parameters are normalised to pgjdbc property names because pgjdbc is what finally opens the connection.
 */
final class ConnectionStrings {
  private ConnectionStrings() {}

  /** One parsed string; absent parts are null so the resolver can fall through to the next source. */
  record Parsed(
      String host, Integer port, String database, String user, String password, String passfile,
      Map<String, String> params) {
    static final Parsed EMPTY = new Parsed(null, null, null, null, null, null, Map.of());
  }

  /** libpq keyword → pgjdbc property, for the libpq parameters pgjdbc has an equivalent for. */
  static final Map<String, String> LIBPQ_PARAMS = Map.of(
      "sslmode", "sslmode",
      "sslrootcert", "sslrootcert",
      "sslcert", "sslcert",
      "sslkey", "sslkey",
      "sslpassword", "sslpassword",
      "application_name", "ApplicationName",
      "connect_timeout", "connectTimeout",
      "options", "options");

  /** pgjdbc properties that are secrets: never shown, never put in a URL. */
  static final Set<String> SECRET_PARAMS = Set.of("password", "sslpassword");

  private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  static Parsed parse(String text, String role) {
    String s = text.strip();
    if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
      return parseUrl(s.substring(s.indexOf("://") + 3), role, false);
    }
    if (s.startsWith("jdbc:postgresql:")) {
      String rest = s.substring("jdbc:postgresql:".length());
      if (rest.startsWith("//")) {
        return parseUrl(rest.substring(2), role, true);
      }
      // pgjdbc's short forms jdbc:postgresql:db and jdbc:postgresql:/ name only a database
      return parseUrl("/" + (rest.startsWith("/") ? rest.substring(1) : rest), role, true);
    }
    if (s.contains("=")) {
      return parseKeywords(s, role);
    }
    throw config(role, "connection string is not a postgresql:// URL, a jdbc:postgresql: URL or a "
        + "libpq keyword string (host=… dbname=…)");
  }

  private static Parsed parseUrl(String rest, String role, boolean jdbc) {
    Builder b = new Builder(role);
    int q = rest.indexOf('?');
    String query = q < 0 ? null : rest.substring(q + 1);
    String beforeQuery = q < 0 ? rest : rest.substring(0, q);
    int slash = beforeQuery.indexOf('/');
    String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);

    // lastIndexOf: a stray '@' in an unencoded password still leaves the host intact
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userinfo.indexOf(':');
      b.user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon), jdbc, role, "user name");
      if (colon >= 0) {
        b.password = decode(userinfo.substring(colon + 1), jdbc, role, "password");
      }
    }
    parseHostPort(authority, b, jdbc);
    b.database = decode(path, jdbc, role, "database name");

    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw config(role, "URL query parameter \"" + pair + "\" has no \"=\"");
        }
        String key = decode(pair.substring(0, eq), jdbc, role, "parameter name");
        String value = decode(pair.substring(eq + 1), jdbc, role, "value of " + key);
        if (jdbc) {
          b.jdbcParam(key, value);
        } else if (key.equals("ssl") && value.equals("true")) {
          b.param("sslmode", "require"); // libpq accepts this JDBC-ism too
        } else {
          b.libpqKeyword(key, value);
        }
      }
    }
    return b.build();
  }

  private static void parseHostPort(String authority, Builder b, boolean jdbc) {
    String hostPart = authority;
    String portPart = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw config(b.role, "IPv6 host in URL is missing its closing \"]\"");
      }
      hostPart = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (after.startsWith(":")) {
        portPart = after.substring(1);
      } else if (!after.isEmpty()) {
        throw config(b.role, "unexpected \"" + after + "\" after IPv6 host in URL");
      }
    } else {
      int colon = authority.indexOf(':');
      if (colon >= 0) {
        hostPart = authority.substring(0, colon);
        portPart = authority.substring(colon + 1);
      }
    }
    b.host = decode(hostPart, jdbc, b.role, "host");
    if (portPart != null && !portPart.isEmpty()) {
      b.port = parsePort(portPart, b.role, "port in URL");
    }
  }

  /** libpq's conninfo syntax: {@code key = value} pairs, values optionally single-quoted, backslash escapes. */
  private static Parsed parseKeywords(String s, String role) {
    Builder b = new Builder(role);
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      String key = s.substring(keyStart, i);
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n || s.charAt(i) != '=') {
        throw config(role, "missing \"=\" after \"" + key + "\" in connection keyword string");
      }
      i++;
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && s.charAt(i) == '\'') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(s.charAt(i++));
          } else if (c == '\'') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          throw config(role, "unterminated quoted value for \"" + key + "\" in connection keyword string");
        }
      } else {
        while (i < n && !Character.isWhitespace(s.charAt(i))) {
          char c = s.charAt(i++);
          if (c == '\\' && i < n) {
            c = s.charAt(i++);
          }
          value.append(c);
        }
      }
      b.libpqKeyword(key, value.toString());
    }
    return b.build();
  }

  static int parsePort(String text, String role, String what) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the offending text
    }
    throw config(role, what + " is not a port number (1-65535): \"" + text + "\"");
  }

  /** Rejects what pgjdbc would otherwise only reject at connect time, with less context. */
  static void checkParam(String property, String value, String role) {
    if (property.equals("sslmode") && !SSL_MODES.contains(value)) {
      throw config(role, "sslmode \"" + value + "\" is not one of " + String.join(", ", SSL_MODES.stream().sorted().toList()));
    }
    if (property.equals("connectTimeout")) {
      try {
        Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw config(role, "connect_timeout is not a number of seconds: \"" + value + "\"");
      }
    }
  }

  private static String decode(String s, boolean jdbc, String role, String what) {
    if (s.isEmpty()) {
      return null;
    }
    if (jdbc) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw config(role, "bad percent-encoding in " + what);
      }
    }
    return percentDecode(s, role, what);
  }

  /** RFC 3986 decoding without URLDecoder's '+' → space, which libpq does not do. */
  static String percentDecode(String s, String role, String what) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      // consecutive %XX escapes form one UTF-8 byte sequence, so collect them before decoding
      while (i < s.length() && s.charAt(i) == '%') {
        if (i + 2 >= s.length()) {
          throw config(role, "bad percent-encoding in " + what);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw config(role, "bad percent-encoding in " + what);
        }
        run.write(hi * 16 + lo);
        i += 3;
      }
      if (run.size() > 0) {
        out.append(run.toString(StandardCharsets.UTF_8));
        run.reset();
      }
      if (i < s.length()) {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  static PgferryException config(String role, String message) {
    return new PgferryException(Code.CONFIG, role + " connection: " + message);
  }

  private static final class Builder {
    final String role;
    String host;
    Integer port;
    String database;
    String user;
    String password;
    String passfile;
    final Map<String, String> params = new LinkedHashMap<>();

    Builder(String role) {
      this.role = role;
    }

    void libpqKeyword(String key, String value) {
      switch (key) {
        case "host" -> host = emptyToNull(value);
        case "port" -> port = value.isEmpty() ? null : parsePort(value, role, "port");
        case "dbname" -> database = emptyToNull(value);
        case "user" -> user = emptyToNull(value);
        case "password" -> password = emptyToNull(value);
        case "passfile" -> passfile = emptyToNull(value);
        default -> {
          String property = LIBPQ_PARAMS.get(key);
          if (property == null) {
            throw config(role, "unsupported connection parameter \"" + key + "\" (supported: host, port, dbname, "
                + "user, password, passfile, " + String.join(", ", LIBPQ_PARAMS.keySet().stream().sorted().toList()) + ")");
          }
          param(property, value);
        }
      }
    }

    void jdbcParam(String key, String value) {
      switch (key) {
        case "user" -> user = emptyToNull(value);
        case "password" -> password = emptyToNull(value);
        case "PGHOST" -> host = emptyToNull(value);
        case "PGPORT" -> port = parsePort(value, role, "PGPORT");
        case "PGDBNAME" -> database = emptyToNull(value);
        default -> param(LIBPQ_PARAMS.getOrDefault(key, key), value);
      }
    }

    void param(String property, String value) {
      checkParam(property, value, role);
      params.put(property, value);
    }

    Parsed build() {
      return new Parsed(host, port, database, user, password, passfile, Map.copyOf(params));
    }

    private static String emptyToNull(String s) {
      return s == null || s.isEmpty() ? null : s;
    }
  }
}
