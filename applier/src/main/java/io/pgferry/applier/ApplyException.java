package io.pgferry.applier;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.SqlStatement;

/**
 * The applier's failures, a {@link PgferryException} whose code follows the {@link #reason()}: a statement or
 * its transaction failed (SCHEMA), no connection (CONNECTION), stopped (INTERRUPTED), a bug (INTERNAL). The
 * transaction has been rolled back when this is thrown.
 */
public class ApplyException extends PgferryException {
  private static final long serialVersionUID = 1L;

  public enum Reason {
    /** A statement failed; nothing of the list was kept. */
    STATEMENT_FAILED,
    /** Beginning, committing or rolling back the transaction failed. */
    TRANSACTION,
    /** Opening a connection or setting up its session failed. */
    CONNECTION,
    /** Interrupted, or stopped because another piece of a {@link ParallelApplier} failed first. */
    INTERRUPTED,
    /** A failure not of the database's (a bug, or work refused after the close). */
    INTERNAL
  }

  private final Reason reason;
  private final transient SqlStatement statement;
  private final int index;
  private final String sqlState;

  ApplyException(Reason reason, String message, SqlStatement statement, int index, String sqlState, Throwable cause) {
    super(switch (reason) {
      case STATEMENT_FAILED, TRANSACTION -> Code.SCHEMA;
      case CONNECTION -> Code.CONNECTION;
      case INTERRUPTED -> Code.INTERRUPTED;
      case INTERNAL -> Code.INTERNAL;
    }, message, cause);
    this.reason = reason;
    this.statement = statement;
    this.index = index;
    this.sqlState = sqlState;
  }

  public Reason reason() {
    return reason;
  }

  /** The failing statement, or null when the failure was not a statement's. */
  public SqlStatement statement() {
    return statement;
  }

  /** 1-based position of the failing statement in the list, or 0. */
  public int index() {
    return index;
  }

  public String sqlState() {
    return sqlState;
  }
}
