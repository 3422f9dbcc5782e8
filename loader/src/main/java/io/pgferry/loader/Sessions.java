package io.pgferry.loader;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** Session set-up and the COPY statements of one table. */
final class Sessions {
  private Sessions() {}

  /**
   * A read-only repeatable-read transaction, on the exported snapshot when there is one, so every table is
   * read as of the same instant.
   */
  static void prepareSource(Connection c, String snapshot) throws SQLException {
    try (Statement s = c.createStatement()) {
      // outside the transaction: COPY text must be UTF-8 whatever the server or role default is
      s.execute("SET client_encoding = 'UTF8'");
      c.setAutoCommit(false);
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      if (snapshot != null) {
        s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshot));
      }
    }
  }

  /** One transaction per table; synchronous_commit off because a lost commit only means re-running the load. */
  static void prepareTarget(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET client_encoding = 'UTF8'");
      s.execute("SET synchronous_commit = off");
    }
    c.setAutoCommit(false);
  }

  /**
   * Without a filter, {@code COPY table (cols) TO STDOUT}: cheaper than a query, and like {@code FROM ONLY}
   * it never includes rows of child tables. With a filter, or with no copied column at all (a column list
   * cannot be empty), the query form.
   */
  static String copyOut(TableLoad load) {
    List<Column> columns = load.table().copiedColumns();
    String table = load.table().name().quoted();
    if (load.where() == null && !columns.isEmpty()) {
      return "COPY " + table + " (" + columnList(columns) + ") TO STDOUT";
    }
    return "COPY (SELECT " + columnList(columns) + " FROM ONLY " + table
        + (load.where() == null ? "" : " WHERE (" + load.where() + ")") + ") TO STDOUT";
  }

  /**
   * The first {@code limit} rows the clone would copy (same columns, same filter), for a preview. Always
   * the query form, since {@code COPY table TO} takes no LIMIT.
   */
  static String copyOutSample(TableLoad load, int limit) {
    List<Column> columns = load.table().copiedColumns();
    return "COPY (SELECT " + columnList(columns) + " FROM ONLY " + load.table().name().quoted()
        + (load.where() == null ? "" : " WHERE (" + load.where() + ")") + " LIMIT " + limit + ") TO STDOUT";
  }

  /** Explicit columns so generated columns are left to the target to compute. */
  static String copyIn(TableLoad load) {
    List<Column> columns = load.table().copiedColumns();
    return "COPY " + load.target().quoted() + (columns.isEmpty() ? "" : " (" + columnList(columns) + ")")
        + " FROM STDIN";
  }

  private static String columnList(List<Column> columns) {
    return columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "));
  }
}
