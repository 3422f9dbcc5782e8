package io.pgferry.loader;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.ServerError;
import java.sql.SQLException;
import java.util.Objects;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The loader's failures, a {@link PgferryException} of code LOAD (CONFIG for invalid configuration,
 * INTERRUPTED, INTERNAL), with the detail in {@link #reason()}. Carries what kind of failure it was, the table it concerns, and, when
 * the server reported it, the SQLSTATE and the server's primary message; the original exception stays
 * chained as the cause. Messages never quote row data (the server's DETAIL/WHERE lines can, so they are
 * left to the cause), because the rows may be the very data a user wants anonymized.
 */
public class LoadException extends PgferryException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** Invalid configuration: transformer options, snapshot id, builder settings, unknown columns. */
    CONFIG,
    /** Opening, preparing or reading the source. */
    SOURCE_READ,
    /** Opening, preparing, writing or committing the target. */
    TARGET_WRITE,
    /** A transformer failed on a row. */
    TRANSFORM,
    /** The load was interrupted or cancelled. */
    INTERRUPTED,
    /** A bug: something the loader did not expect. */
    INTERNAL
  }

  private final Reason reason;
  private final transient QualifiedName table;
  private final String sqlState;
  private final String serverMessage;

  public LoadException(Reason reason, QualifiedName table, String message) {
    this(reason, table, message, null);
  }

  public LoadException(Reason reason, QualifiedName table, String message, Throwable cause) {
    this(reason, table, message, cause, sqlState(cause), serverMessage(cause));
  }

  private LoadException(
      Reason reason, QualifiedName table, String message, Throwable cause, String sqlState, String serverMessage) {
    super(switch (java.util.Objects.requireNonNull(reason, "reason")) {
      case CONFIG -> Code.CONFIG;
      case SOURCE_READ, TARGET_WRITE, TRANSFORM -> Code.LOAD;
      case INTERRUPTED -> Code.INTERRUPTED;
      case INTERNAL -> Code.INTERNAL;
    }, message, cause);
    this.reason = reason;
    this.table = table;
    this.sqlState = sqlState;
    this.serverMessage = serverMessage;
  }

  /**
   * A failure reported by a database, worded {@code <what> <table>: <server message> (SQLSTATE x,
   * constraint c)}.
   */
  static LoadException of(Reason reason, QualifiedName table, String what, Throwable cause) {
    ServerError server = ServerError.of(cause);
    StringBuilder msg = new StringBuilder(what);
    if (table != null) {
      msg.append(' ').append(table);
    }
    // rows may be personal data (this load may be anonymizing them): a data error's detail quotes them
    msg.append(": ").append(server != null ? server.describe(false) : String.valueOf(rootMessage(cause)));
    return new LoadException(reason, table, msg.toString(), cause, server == null ? null : server.sqlState(), serverMessage(cause));
  }

  public Reason reason() {
    return reason;
  }

  /** The table concerned (source name), or null when the failure is not about one table. */
  public QualifiedName table() {
    return table;
  }

  /** SQLSTATE of the first SQL exception in the cause chain, or null. */
  public String sqlState() {
    return sqlState;
  }

  /** The server's primary message (no DETAIL, no row data), or null when no server reported one. */
  public String serverMessage() {
    return serverMessage;
  }

  private static SQLException firstSql(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException e) {
        return e;
      }
    }
    return null;
  }

  private static ServerErrorMessage server(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return p.getServerErrorMessage();
      }
    }
    return null;
  }

  private static String sqlState(Throwable t) {
    ServerErrorMessage m = server(t);
    if (m != null && m.getSQLState() != null) {
      return m.getSQLState();
    }
    SQLException e = firstSql(t);
    return e == null ? null : e.getSQLState();
  }

  private static String serverMessage(Throwable t) {
    ServerErrorMessage m = server(t);
    return m == null ? null : m.getMessage();
  }

  private static String rootMessage(Throwable t) {
    String msg = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        msg = c.getMessage();
        break;
      }
    }
    return msg == null && t != null ? t.getClass().getSimpleName() : msg;
  }
}
