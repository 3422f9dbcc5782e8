package io.pgferry.extractor;

import java.sql.SQLException;

/**
 * The extractor's failures: catalog reads that failed, or input that names unknown objects. A
 * {@link PgferryException} of code {@code SCHEMA}; {@link #reason()} says which.
 */
public class ExtractException extends PgferryException {
  private static final long serialVersionUID = 1L;

  public enum Reason {
    CATALOG_READ,
    UNSUPPORTED_SERVER,
    BAD_NAME
  }

  private final Reason reason;

  public ExtractException(Reason reason, String message, Throwable cause) {
    super(Code.SCHEMA, message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static ExtractException read(String what, SQLException e) {
    return new ExtractException(Reason.CATALOG_READ,
        "reading " + what + " from the source catalog failed: " + ServerError.describe(e), e);
  }
}
