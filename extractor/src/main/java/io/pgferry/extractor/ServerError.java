package io.pgferry.extractor;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a database server said about a failure, kept as pgjdbc's {@link ServerErrorMessage} keeps it, and worded
 * the same way by every pgferry exception: {@code message (detail) Hint: hint (SQLSTATE x, constraint c)}.
 *
 * <p>The detail of a data error (SQLSTATE classes 22 and 23) quotes row values ("Failing row contains …",
 * "Key (email)=(…) already exists"): {@link #describe(boolean)} leaves it out when the rows may be personal data
 * (the load, which may be anonymizing them), and keeps it where the user needs it to act (a key that cannot be
 * built in the seal).
 *
 * @param sqlState the SQLSTATE, or null when none was reported
 * @param message the server's primary message, or the driver's when no server answered
 * @param detail the server's DETAIL, or null
 * @param hint the server's HINT, or null
 * @param constraint the constraint the error names, or null
 */
public record ServerError(String sqlState, String message, String detail, String hint, String constraint) {

  /** The first server-reported error in {@code t}'s cause chain, else the first SQL exception's, else null. */
  /**
   * Whether {@code sqlState} says the connection is gone or the server would not take one, rather than anything about
   * the statements: class 08 (reset, refused, closed), 57P01-57P03 (shut down, crashed, starting up), 53300 (too many
   * connections). The same work may succeed on a new connection; the loader, the applier and the clone's failure
   * policy all ask this one place.
   */
  public static boolean connectionLost(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
        || sqlState.equals("57P03") || sqlState.equals("53300"));
  }

  public static ServerError of(Throwable t) {
    SQLException first = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        ServerErrorMessage m = p.getServerErrorMessage();
        String state = m.getSQLState() != null ? m.getSQLState() : p.getSQLState();
        return new ServerError(state, m.getMessage() != null ? m.getMessage() : p.getMessage(), m.getDetail(), m.getHint(),
            m.getConstraint());
      }
      if (first == null && c instanceof SQLException e) {
        first = e;
      }
    }
    return first == null ? null : new ServerError(first.getSQLState(), String.valueOf(first.getMessage()), null, null, null);
  }

  /** The full wording, detail included. */
  public String describe() {
    return describe(true);
  }

  /** The wording; without {@code withDetail}, a data error's detail (which quotes row values) is left out. */
  public String describe(boolean withDetail) {
    StringBuilder sb = new StringBuilder(message);
    boolean dataError = sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    if (detail != null && (withDetail || !dataError)) {
      sb.append(" (").append(detail).append(')');
    }
    if (hint != null) {
      sb.append(" Hint: ").append(hint);
    }
    return sb.append(suffix()).toString();
  }

  /** {@code " (SQLSTATE x, constraint c)"}, or what of it is known, or "". */
  public String suffix() {
    if (sqlState == null && constraint == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    if (sqlState != null) {
      sb.append("SQLSTATE ").append(sqlState);
    }
    if (constraint != null) {
      sb.append(sqlState != null ? ", " : "").append("constraint ").append(constraint);
    }
    return sb.append(')').toString();
  }

  /** {@code e} worded as above, or its own message when it carries no SQL error. */
  public static String describe(Throwable e) {
    ServerError s = of(e);
    return s != null ? s.describe() : String.valueOf(e.getMessage());
  }
}
