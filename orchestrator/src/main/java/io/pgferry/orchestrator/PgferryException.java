package io.pgferry.orchestrator;

import java.util.Objects;

/**
 * The orchestrator's one exception family. The code is machine-readable and decides the CLI exit code;
 * the message is one readable sentence for a user (never a password, never a stack trace).
 */
public class PgferryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, with the CLI exit code it maps to (documented in the README). */
  public enum Code {
    INTERNAL(1, "unexpected internal error"),
    USAGE(2, "bad command line"),
    CONFIG(3, "invalid pipeline or configuration"),
    CONNECTION(4, "cannot connect (host unreachable, database missing, SSL)"),
    AUTHENTICATION(5, "authentication failed"),
    SAME_DATABASE(6, "source and target are the same database"),
    SCHEMA(7, "schema problem (unknown table/column, base DDL, uncovered objects)"),
    LOAD(8, "data load failed"),
    SEAL(9, "seal phase failed and was rolled back"),
    VERIFY(10, "verification found differences"),
    TARGET_CONFLICT(11, "target already holds objects the clone would create"),
    SYNC_PARTIAL(12, "sync finished, but some tables failed (the report says which and why)"),
    PII_UNCOVERED(13, "scan found likely personal data that no transform rule covers"),
    HAZARDS(14, "schema change refused: hazards not allowed by --allow-hazards"),
    SCHEMA_SYNC(15, "schema-sync statement failed and was rolled back"),
    INTERRUPTED(130, "interrupted");

    private final int exitCode;
    private final String summary;

    Code(int exitCode, String summary) {
      this.exitCode = exitCode;
      this.summary = summary;
    }

    public int exitCode() {
      return exitCode;
    }

    public String summary() {
      return summary;
    }
  }

  private final Code code;

  public PgferryException(Code code, String message) {
    this(code, message, null);
  }

  public PgferryException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
