package io.pgferry.orchestrator.connect;

import io.pgferry.orchestrator.connect.ConnectionStrings.Parsed;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side's connection, fully resolved. Not a record on purpose: the password must not have a public
 * accessor, nor appear in {@code toString()}, so it can only ever leave this class towards the driver.
 *
 * <p>Resolution mirrors what a psql user expects, field by field: explicit fields, then the connection
 * string ({@link ConnectionInput#url()} or {@code <ROLE>_URL}), then {@code <ROLE>_DB_*} variables, then
 * libpq's {@code PG*} variables, then libpq's defaults; a still-missing password is looked up in
 * {@code .pgpass}. Empty values count as absent, as an exported-but-empty variable usually means "unset".
 */
public final class ConnectionSpec implements Endpoint, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSpec.class);

  /** libpq environment variable → pgjdbc property. */
  private static final Map<String, String> PG_ENV_PARAMS = orderedMap(
      "PGSSLMODE", "sslmode",
      "PGSSLROOTCERT", "sslrootcert",
      "PGSSLCERT", "sslcert",
      "PGSSLKEY", "sslkey",
      "PGAPPNAME", "ApplicationName",
      "PGCONNECT_TIMEOUT", "connectTimeout",
      "PGOPTIONS", "options");

  /** Seconds; libpq waits forever by default, which is the wrong default for an unattended tool. */
  static final String DEFAULT_CONNECT_TIMEOUT = "10";

  private final String role;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final String schema;
  private final Map<String, String> params;

  private ConnectionSpec(String role, String host, int port, String database, String user, String password,
      String schema, Map<String, String> params) {
    this.role = role;
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.params = Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /**
   * @param role {@code SOURCE} or {@code TARGET}: names the {@code <ROLE>_URL} / {@code <ROLE>_DB_*}
   *     variables and prefixes error messages so the user knows which side is wrong
   * @param env the environment (injected so tests and {@code --env} files need no process environment)
   * @param home the user's home directory, for the default {@code .pgpass}
   * @throws PgferryException CONFIG for malformed input or an unsupported (Unix-socket, multi-host) host
   */
  public static ConnectionSpec resolve(ConnectionInput in, String role, Map<String, String> env, Path home) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(env, "env");
    if (role == null || !role.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("role must be an upper-case word such as SOURCE or TARGET: " + role);
    }
    String url = first(in.url(), env.get(role + "_URL"));
    Parsed p = url == null ? Parsed.EMPTY : ConnectionStrings.parse(url, role);

    String host = first(in.host(), p.host(), env.get(role + "_DB_HOST"), env.get("PGHOST"), "localhost");
    checkHost(host, role);
    // not a ternary: int/Integer branches would unbox a null URL port
    Integer port = p.port();
    if (in.port() != null) {
      port = checkedPort(in.port(), role);
    }
    if (port == null) {
      port = envPort(env, role + "_DB_PORT", role);
    }
    if (port == null) {
      port = envPort(env, "PGPORT", role);
    }
    if (port == null) {
      port = 5432;
    }
    String user = first(in.user(), p.user(), env.get(role + "_DB_USER"), env.get("PGUSER"), env.get("USER"),
        System.getProperty("user.name"));
    String database = first(in.database(), p.database(), env.get(role + "_DB_NAME"), env.get("PGDATABASE"), user);
    String schema = first(in.schema(), env.get(role + "_DB_SCHEMA"));

    Map<String, String> params = new LinkedHashMap<>();
    PG_ENV_PARAMS.forEach((var, property) -> {
      String value = first(env.get(var));
      if (value != null) {
        ConnectionStrings.checkParam(property, value, role);
        params.put(property, value);
      }
    });
    params.putAll(p.params());

    String password = first(in.password(), p.password(), env.get(role + "_DB_PASSWORD"), env.get("PGPASSWORD"));
    if (password == null) {
      String passfile = first(p.passfile(), env.get("PGPASSFILE"));
      Path file = passfile != null ? Path.of(passfile) : home == null ? null : home.resolve(".pgpass");
      password = PgPass.lookup(file, host, port, database, user, warning -> LOG.warn("{}: {}", role, warning));
    }
    return new ConnectionSpec(role, host, port, database, user, password, schema, params);
  }

  /**
   * Opens a connection. The password travels in {@link Properties}, never in the URL, so nothing that
   * logs URLs (pgjdbc included) can leak it.
   *
   * @param applicationName shown in {@code pg_stat_activity}; like libpq's {@code fallback_application_name}
   *     it yields to an {@code application_name} the user set, since that is the more deliberate choice
   * @throws PgferryException AUTHENTICATION for rejected credentials, CONNECTION for everything else
   */
  public Connection open(String applicationName) {
    Properties props = properties(applicationName);
    try {
      Connection c = DriverManager.getConnection(baseUrl("jdbc:postgresql://"), props);
      if (!params.containsKey("options")) {
        // As pg_dump does: a server or role default statement_timeout would cancel a long COPY or index build, and
        // an idle_in_transaction_session_timeout would end the snapshot's session, idle while the load runs. A SET,
        // not a startup option, which poolers refuse; options the user gives (options=, PGOPTIONS) win.
        try (java.sql.Statement s = c.createStatement()) {
          s.execute("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0");
        } catch (SQLException e) {
          c.close();
          throw e;
        }
      }
      return c;
    } catch (SQLException e) {
      throw ConnectFailures.translate(e, hostPort(), database, user, password != null, secrets());
    }
  }

  /**
   * A logical replication connection to this database (a walsender session: {@code replication=database}), for
   * {@code pgferry follow}'s slot and stream. The role needs the REPLICATION attribute.
   */
  @Override
  public Connection openReplication(String applicationName) {
    Properties props = properties(applicationName);
    props.setProperty("replication", "database");
    props.setProperty("assumeMinServerVersion", "10");
    props.setProperty("preferQueryMode", "simple");
    try {
      return DriverManager.getConnection(baseUrl("jdbc:postgresql://"), props);
    } catch (SQLException e) {
      throw ConnectFailures.translate(e, hostPort(), database, user, password != null, secrets());
    }
  }

  /** The driver's properties: the password travels here, never in the URL. */
  private Properties properties(String applicationName) {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    if (applicationName != null) {
      props.setProperty("ApplicationName", applicationName);
    }
    props.setProperty("connectTimeout", DEFAULT_CONNECT_TIMEOUT);
    props.putAll(params);
    return props;
  }

  /** {@code jdbc:postgresql://host:port/db?…} with the non-secret parameters, for tools and logs. */
  public String jdbcUrl() {
    String query = params.entrySet().stream()
        .filter(e -> !ConnectionStrings.SECRET_PARAMS.contains(e.getKey()))
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    String base = baseUrl("jdbc:postgresql://");
    return query.isEmpty() ? base : base + "?" + query;
  }

  /** {@code postgresql://user@host:port/db}, a libpq URL without secrets, for messages and logs. */
  public String display() {
    return "postgresql://" + percentEncode(user) + "@" + hostPort() + "/" + percentEncode(database);
  }

  @Override
  public String toString() {
    return role + " " + display() + (schema == null ? "" : " schema " + schema);
  }

  public String role() {
    return role;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public String user() {
    return user;
  }

  /** The schema the run works on, or null when the user named none (the caller picks a default). */
  public String schema() {
    return schema;
  }

  /** Whether a password was found anywhere, for "no password given" hints without exposing it. */
  public boolean hasPassword() {
    return password != null;
  }

  /** pgjdbc properties from the URL and {@code PG*} variables (secrets such as {@code sslpassword} left out). */
  public Map<String, String> params() {
    return params.entrySet().stream()
        .filter(e -> !ConnectionStrings.SECRET_PARAMS.contains(e.getKey()))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** For tests in this package only. */
  String password() {
    return password;
  }

  /** {@code host:port}, IPv6 hosts bracketed so the port stays unambiguous. */
  String hostPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private String baseUrl(String scheme) {
    return scheme + hostPort() + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  private List<String> secrets() {
    List<String> secrets = new ArrayList<>(2);
    secrets.add(password);
    secrets.add(params.get("sslpassword"));
    return secrets;
  }

  private static void checkHost(String host, String role) {
    if (host.startsWith("/") || host.startsWith("@")) {
      throw ConnectionStrings.config(role, "host \"" + host + "\" is a Unix-domain socket, which the PostgreSQL JDBC "
          + "driver cannot use; use a TCP host such as localhost or 127.0.0.1");
    }
    if (host.contains(",")) {
      throw ConnectionStrings.config(role, "several hosts (\"" + host + "\") are not supported; give one host");
    }
  }

  private static int checkedPort(int port, String role) {
    if (port < 1 || port > 65535) {
      throw ConnectionStrings.config(role, "port is not a port number (1-65535): " + port);
    }
    return port;
  }

  private static Integer envPort(Map<String, String> env, String var, String role) {
    String value = first(env.get(var));
    return value == null ? null : ConnectionStrings.parsePort(value, role, var);
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isEmpty()) {
        return c;
      }
    }
    return null;
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters, so display() parses back. */
  static String percentEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
