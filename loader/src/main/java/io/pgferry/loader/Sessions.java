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

  /**
   * One transaction per table or chunk; synchronous_commit off because a lost commit only means re-running
   * the load.
   */
  static void prepareTarget(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET client_encoding = 'UTF8'");
      s.execute("SET synchronous_commit = off");
    }
    c.setAutoCommit(false);
  }

  /**
   * Without a filter or range, {@code COPY table (cols) TO STDOUT}: cheaper than a query, and like {@code FROM
   * ONLY} it never includes rows of child tables. With a filter, a chunk's page range, or with no copied
   * column at all (a column list cannot be empty), the query form.
   */
  static String copyOut(TableLoad load) {
    return copyOut(load, null, false);
  }

  static String copyOut(TableLoad load, String range, boolean binary) {
    List<Column> columns = load.table().copiedColumns();
    String table = load.table().name().quoted();
    String format = binary ? " (FORMAT binary)" : "";
    if (load.where() == null && range == null && !columns.isEmpty()) {
      return "COPY " + table + " (" + columnList(columns) + ") TO STDOUT" + format;
    }
    String where = range == null ? load.where() == null ? null : "(" + load.where() + ")"
        : load.where() == null ? range : range + " AND (" + load.where() + ")";
    return "COPY (SELECT " + columnList(columns) + " FROM ONLY " + table + (where == null ? "" : " WHERE " + where) + ") TO STDOUT"
        + format;
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
    return copyIn(load, false, false);
  }

  /** {@code freeze}: rows arrive frozen; needs the table created or truncated in the same transaction. */
  static String copyIn(TableLoad load, boolean freeze, boolean binary) {
    List<Column> columns = load.table().copiedColumns();
    List<String> options = new java.util.ArrayList<>();
    if (binary) {
      options.add("FORMAT binary");
    }
    if (freeze) {
      options.add("FREEZE");
    }
    return "COPY " + load.target().quoted() + (columns.isEmpty() ? "" : " (" + columnList(columns) + ")")
        + " FROM STDIN" + (options.isEmpty() ? "" : " (" + String.join(", ", options) + ")");
  }

  /** Empties the target table in the copy's transaction, which is what lets COPY FREEZE write frozen rows. */
  static String truncate(TableLoad load) {
    return "TRUNCATE ONLY " + load.target().quoted();
  }

  private static String columnList(List<Column> columns) {
    return columns.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "));
  }
}
