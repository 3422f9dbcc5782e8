package io.pgferry.extractor;

import java.sql.SQLException;

/** The extractor's exception family: catalog reads that failed, or input that names unknown objects. */
public class ExtractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Code {
    CATALOG_READ,
    UNSUPPORTED_SERVER,
    BAD_NAME
  }

  private final Code code;

  public ExtractException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  static ExtractException read(String what, SQLException e) {
    return new ExtractException(Code.CATALOG_READ,
        "reading " + what + " from the source catalog failed: " + ServerError.describe(e), e);
  }
}
