package io.pgferry.extractor;

import java.util.List;
import java.util.Objects;

/**
 * pgferry's one exception family: the extractor's, applier's and loader's exceptions extend it
 * ({@link ExtractException}, {@code ApplyException}, {@code LoadException}, each with a {@code reason()} for
 * detail), so one catch sees every failure with one code, the server's error ({@link #serverError()}: SQLSTATE,
 * detail, hint, constraint, as pgjdbc's {@code ServerErrorMessage} keeps them) and the options it names. The code
 * is machine-readable (a front end maps it to its own signal: the CLI to an exit code); the message is one
 * readable sentence for a user (never a password, never a stack trace) that names the library's options, each
 * as {@link Option#mention()} writes it, so a front end can name them its own way. {@link #options()} lists them.
 */
public class PgferryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, with a one-line summary (the CLI's exit code table starts each line with it). */
  public enum Code {
    INTERNAL("unexpected internal error"),
    USAGE("bad command line"),
    CONFIG("invalid pipeline or configuration"),
    CONNECTION("cannot connect (host unreachable, database missing, SSL)"),
    AUTHENTICATION("authentication failed"),
    SAME_DATABASE("source and target are the same database"),
    SCHEMA("schema problem (unknown table/column, base DDL, uncovered objects)"),
    LOAD("data load failed"),
    SEAL("seal phase failed and was rolled back"),
    VERIFY("verification found differences"),
    TARGET_CONFLICT("target already holds objects the clone would create"),
    SYNC_PARTIAL("sync finished, but some tables failed (the report says which and why)"),
    PII_UNCOVERED("scan found likely personal data that no transform rule covers"),
    HAZARDS("schema change refused: hazards not allowed"),
    SCHEMA_SYNC("schema-sync statement failed and was rolled back"),
    INTERRUPTED("interrupted");

    private final String summary;

    Code(String summary) {
      this.summary = summary;
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

  /** What the database server said: the first server error in the cause chain (else the first SQL error), or null. */
  public ServerError serverError() {
    return ServerError.of(this);
  }

  /** The SQLSTATE of {@link #serverError()}, or null. */
  public String sqlState() {
    ServerError s = serverError();
    return s == null ? null : s.sqlState();
  }

  /** The options the message offers as remedies, in the order it names them (empty when it names none). */
  public List<Option> options() {
    return Option.mentionedIn(getMessage());
  }
}
