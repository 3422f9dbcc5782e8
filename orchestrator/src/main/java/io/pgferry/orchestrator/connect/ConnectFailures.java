package io.pgferry.orchestrator.connect;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.PgferryException.Code;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Turns pgjdbc's connect failures into one sentence a user can act on. pgjdbc's own messages are written
 * for developers and may quote the URL, so every text passed on is scrubbed of the secrets as well.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * @param where {@code host:port} as shown to users
   * @param secrets values that must never appear in the result (password, sslpassword); nulls ignored
   */
  static PgferryException translate(
      SQLException e, String where, String database, String user, boolean hadPassword, List<String> secrets) {
    String state = e.getSQLState();
    String suffix = state == null ? "" : " (SQLSTATE " + state + ")";
    Throwable cause = scrubbed(e, secrets);
    String serverText = scrub(Objects.toString(e.getMessage(), e.getClass().getSimpleName()), secrets);

    if ("28P01".equals(state)) {
      return new PgferryException(Code.AUTHENTICATION, "password authentication failed for user \"" + user
          + "\" on " + where + "/" + database + suffix, cause);
    }
    if ("28000".equals(state)) {
      return new PgferryException(Code.AUTHENTICATION, "authentication rejected for user \"" + user + "\" on "
          + where + "/" + database + ": " + serverText + suffix, cause);
    }
    if ("3D000".equals(state)) {
      return new PgferryException(Code.CONNECTION,
          "database \"" + database + "\" does not exist on " + where + suffix, cause);
    }
    if (!hadPassword && serverText.toLowerCase().contains("no password was provided")) {
      // pgjdbc gives up before asking the server, so this is the user's configuration, not the network
      return new PgferryException(Code.AUTHENTICATION, "the server at " + where + " wants a password for user \""
          + user + "\" but none was given (URL, *_DB_PASSWORD, PGPASSWORD or .pgpass)" + suffix, cause);
    }
    String reason = unreachableReason(e);
    if (reason != null) {
      return new PgferryException(Code.CONNECTION, "cannot reach " + where + ": " + reason + suffix, cause);
    }
    if (find(e, SSLException.class) != null) {
      return new PgferryException(Code.CONNECTION, "SSL handshake with " + where + " failed: " + serverText
          + suffix, cause);
    }
    return new PgferryException(Code.CONNECTION, "cannot connect to " + where + "/" + database + ": "
        + serverText + suffix, cause);
  }

  private static String unreachableReason(SQLException e) {
    if (find(e, UnknownHostException.class) != null) {
      return "unknown host — check the host name";
    }
    if (find(e, ConnectException.class) != null) {
      return "connection refused — is the server running and accepting TCP connections?";
    }
    if (find(e, NoRouteToHostException.class) != null) {
      return "no route to host — check the host name and network";
    }
    if (find(e, SocketTimeoutException.class) != null) {
      return "timed out — is the host reachable and the port open (firewall)?";
    }
    String state = e.getSQLState();
    if ("08001".equals(state) || "08006".equals(state)) {
      return "the connection could not be established — is the server running and accepting TCP connections?";
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** Replaces every secret, raw and URL-encoded, by {@code ****}. Applied even to short secrets: safety first. */
  static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : forms(secrets)) {
      out = out.replace(secret, "****");
    }
    return out;
  }

  /**
   * The cause chain as is when no message in it mentions a secret; otherwise a copy with scrubbed messages
   * and the original stack traces, so a logged stack trace cannot leak what the message scrubbing hid.
   */
  static Throwable scrubbed(Throwable t, List<String> secrets) {
    if (t == null || !mentionsSecret(t, secrets)) {
      return t;
    }
    Throwable cause = t.getCause() == t ? null : scrubbed(t.getCause(), secrets);
    String message = scrub(t.getMessage(), secrets);
    Throwable copy = t instanceof SQLException s
        ? new SQLException(message, s.getSQLState(), s.getErrorCode(), cause)
        : new RuntimeException(t.getClass().getName() + ": " + message, cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static boolean mentionsSecret(Throwable t, List<String> secrets) {
    List<String> forms = forms(secrets);
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && forms.stream().anyMatch(m::contains)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> forms(List<String> secrets) {
    List<String> forms = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        forms.add(s);
        forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
        forms.add(ConnectionSpec.percentEncode(s));
      }
    }
    return forms;
  }
}
