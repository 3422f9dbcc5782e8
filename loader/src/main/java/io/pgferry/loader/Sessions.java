package io.pgferry.loader;

import io.pgferry.extractor.Column;
import io.pgferry.extractor.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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

  /** The next transaction of a source connection set up by {@link #prepareSource}, on the same snapshot. */
  static void renewSource(Connection c, String snapshot) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshot));
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

  /** {@code range}: a chunk's page range condition, or null; {@code binary}: binary COPY format. */
  static String copyOut(TableLoad load, String range, boolean binary) {
    List<Column> columns = streamed(load);
    String table = load.table().name().quoted();
    List<String> conditions = conditions(load);
    boolean sourceSide = conditions.size() > 0
        || columns.stream().anyMatch(c -> load.transformers().get(c.name()) instanceof SourceSide);
    String format = binary ? " (FORMAT binary)" : "";
    if (load.where() == null && range == null && !columns.isEmpty() && !sourceSide) {
      return "COPY " + table + " (" + columnList(columns) + ") TO STDOUT" + format;
    }
    String condition = range == null ? load.where() == null ? null : "(" + load.where() + ")"
        : load.where() == null ? range : range + " AND (" + load.where() + ")";
    String filter = condition == null ? "" : " WHERE " + condition;
    List<String> select = new ArrayList<>();
    StringBuilder from = new StringBuilder();
    int shuffles = 0;
    boolean joined = columns.stream().anyMatch(c -> load.transformers().get(c.name()) instanceof SourceSide.Shuffle);
    if (joined) {
      // each shuffled column is joined in from its own copy of the table, numbered in a keyed order
      from.append("(SELECT *, row_number() OVER () AS pgferry_rn FROM ONLY ").append(table).append(filter).append(") AS pgferry_o");
    } else {
      from.append("ONLY ").append(table).append(filter);
    }
    for (Column c : columns) {
      RowTransformer t = load.transformers().get(c.name());
      String col = Sql.ident(c.name());
      if (t instanceof SourceSide.Expression e) {
        select.add("(" + e.sql() + ")");
      } else if (t instanceof SourceSide.Shuffle s) {
        String alias = "pgferry_s" + (++shuffles);
        from.append(" JOIN (SELECT ").append(col).append(" AS pgferry_v, row_number() OVER (ORDER BY md5(")
            .append(Sql.literal(s.seed())).append(" || ").append(col).append("::text), ").append(col)
            .append("::text) AS pgferry_rn FROM ONLY ").append(table).append(filter).append(") AS ").append(alias)
            .append(" ON ").append(alias).append(".pgferry_rn = pgferry_o.pgferry_rn");
        select.add(alias + ".pgferry_v");
      } else {
        select.add(joined ? "pgferry_o." + col : col);
      }
    }
    conditions.forEach(cond -> select.add("(" + cond + ")"));
    return "COPY (" + select(select, from.toString()) + ") TO STDOUT" + format;
  }

  private static String select(List<String> items, String from) {
    return "SELECT " + String.join(", ", items) + " FROM " + from;
  }

  /** The first {@code limit} rows of what {@link #copyOut} sends, always as a query. */
  static String copyOutSample(TableLoad load, int limit) {
    String copy = copyOut(load);
    if (copy.startsWith("COPY (")) {
      return copy.substring(0, copy.length() - ") TO STDOUT".length()) + " LIMIT " + limit + ") TO STDOUT";
    }
    List<Column> columns = streamed(load);
    return "COPY (SELECT " + columnList(columns) + " FROM ONLY " + load.table().name().quoted() + " LIMIT " + limit
        + ") TO STDOUT";
  }

  /** The columns that travel in the COPY: copied ones except those left to their default in the target. */
  static List<Column> streamed(TableLoad load) {
    return load.table().copiedColumns().stream()
        .filter(c -> !(load.transformers().get(c.name()) instanceof SourceSide.UseDefault)).toList();
  }

  /** The distinct {@code when} conditions of the streamed columns, sent as trailing fields. */
  static List<String> conditions(TableLoad load) {
    List<String> out = new ArrayList<>();
    for (Column c : streamed(load)) {
      if (load.transformers().get(c.name()) instanceof When w && !out.contains(w.condition())) {
        out.add(w.condition());
      }
    }
    return out;
  }

  /** Explicit columns so generated columns are left to the target to compute. */
  static String copyIn(TableLoad load) {
    return copyIn(load, false, false);
  }

  /** {@code freeze}: rows arrive frozen; needs the table created or truncated in the same transaction. */
  static String copyIn(TableLoad load, boolean freeze, boolean binary) {
    List<Column> columns = streamed(load);
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
