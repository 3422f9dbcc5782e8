package io.pgferry.cli;

import io.pgferry.extractor.PgferryException.Code;

/**
 * The process exit status of each library error code, and the table shown in --help; a test keeps the
 * table in step with {@link #of} and the README. The library has codes and summaries, never numbers: the
 * numbers are the command line's promise to scripts, so they never change.
 */
final class ExitCodes {
  private ExitCodes() {}

  /** The exit status of a run that failed with {@code code}; the switch has no default, so a new code does not compile without one. */
  static int of(Code code) {
    return switch (code) {
      case INTERNAL -> 1;
      case USAGE -> 2;
      case CONFIG -> 3;
      case CONNECTION -> 4;
      case AUTHENTICATION -> 5;
      case SAME_DATABASE -> 6;
      case SCHEMA -> 7;
      case LOAD -> 8;
      case SEAL -> 9;
      case VERIFY -> 10;
      case TARGET_CONFLICT -> 11;
      case SYNC_PARTIAL -> 12;
      case PII_UNCOVERED -> 13;
      case HAZARDS -> 14;
      case SCHEMA_SYNC -> 15;
      case INTERRUPTED -> 130;
    };
  }

  static final String TEXT = """
      Exit codes:
        0    success
        1    unexpected internal error (run with --verbose and report it)
        2    bad command line
        3    invalid pipeline or configuration (file:line:column in the message)
        4    cannot connect (host unreachable, database missing, SSL)
        5    authentication failed
        6    source and target are the same database
        7    schema problem (unknown table/column, base DDL, uncovered objects)
        8    data load failed
        9    seal phase failed and was rolled back
        10   verification found differences
        11   target already holds objects the clone would create
        12   sync finished, but some tables failed (the report says which and why)
        13   scan found likely personal data that no transform rule covers
        14   schema change refused: hazards not allowed by --allow-hazards
        15   schema-sync statement failed and was rolled back
        130  interrupted""";
}
