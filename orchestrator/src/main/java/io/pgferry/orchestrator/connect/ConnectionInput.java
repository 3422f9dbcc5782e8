package io.pgferry.orchestrator.connect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user gave for one side of a run, before any defaults: a connection string and/or single fields.
 * Every component is nullable because each may come from somewhere else (environment, {@code .pgpass},
 * defaults); {@link ConnectionSpec#resolve} decides. Explicit fields override the matching part of {@code url}.
 *
 * @param url a libpq URL ({@code postgresql://} or {@code postgres://}), a {@code jdbc:postgresql:} URL, or a
 *     libpq keyword string ({@code host=… dbname=…})
 * @param schema the schema the run works on; not part of the connection itself
 */
public record ConnectionInput(
    String url, String host, Integer port, String database, String user, String password, String schema) {

  private static final Pattern URL_USERINFO_PASSWORD = Pattern.compile("(://[^/@:?]*:)[^/?]*@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password\\s*=\\s*)('(?:\\\\.|[^'\\\\])*'?|[^&\\s]*)");

  /** Nothing given: everything comes from the environment and defaults. */
  public static ConnectionInput empty() {
    return new ConnectionInput(null, null, null, null, null, null, null);
  }

  /** Only a connection string, as from {@code --source URL}. */
  public static ConnectionInput ofUrl(String url) {
    return new ConnectionInput(url, null, null, null, null, null, null);
  }

  /**
   * Masks passwords because records print every component, and inputs end up in logs and assertion
   * messages; the URL is masked too since it may carry the password inline.
   */
  @Override
  public String toString() {
    return "ConnectionInput[url=" + redact(url) + ", host=" + host + ", port=" + port + ", database=" + database
        + ", user=" + user + ", password=" + (password == null ? null : "****") + ", schema=" + schema + "]";
  }

  /**
   * Best-effort masking of passwords in any of the accepted string forms (URL userinfo, {@code password=}
   * and {@code sslpassword=} parameters or keywords), for text that must be shown before it could be parsed.
   */
  static String redact(String connectionString) {
    if (connectionString == null) {
      return null;
    }
    String s = URL_USERINFO_PASSWORD.matcher(connectionString).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****@"));
    return PASSWORD_PARAM.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
  }
}
