package io.pgferry.cli;

/** The exit-code table shown in --help; a test keeps it in step with PgferryException.Code and the README. */
final class ExitCodes {
  private ExitCodes() {}

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
