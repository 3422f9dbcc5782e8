package io.pgferry.cli.wizard;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** What the wizard asks of a database before running anything: only reads, in read-only transactions. */
final class Probe {
  private Probe() {}

  /** A connection test: the server's version and the database's size, or the message the CLI would print. */
  record Check(boolean ok, String version, long bytes, String message) {
    String line() {
      return ok ? "\u2713 connected: PostgreSQL " + version + ", database size " + io.pgferry.orchestrator.Bytes.human(bytes)
          : "\u2717 " + message;
    }
  }

  static Check test(ConnectionSpec spec, UnaryOperator<String> render) {
    try (Connection c = spec.open("pgferry wizard")) {
      c.setReadOnly(true);
      try (PreparedStatement p = c.prepareStatement("SELECT current_setting('server_version'), pg_database_size(current_database())");
          ResultSet rs = p.executeQuery()) {
        rs.next();
        return new Check(true, rs.getString(1).replaceAll(" .*", ""), rs.getLong(2), null);
      }
    } catch (PgferryException e) {
      return new Check(false, null, 0, render.apply(e.getMessage()));
    } catch (SQLException e) {
      return new Check(false, null, 0, render.apply(io.pgferry.extractor.ServerError.describe(e)));
    }
  }

  /** A table the user may pick: its estimated rows and size, whether it has a primary key and the sync's timestamp column. */
  record TableInfo(String schema, String name, long rows, long bytes, boolean primaryKey, boolean timestamp) {
    String qualified() {
      return schema + "." + name;
    }
  }

  /**
   * The source's tables (partitions under their partitioned table), largest first: one set-based query, so ten
   * thousand tables list in a moment.
   */
  static List<TableInfo> tables(ConnectionSpec spec, String timestampColumn) {
    String sql = """
        SELECT n.nspname, c.relname,
          CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(l.reltuples, 0)), 0) FROM pg_partition_tree(c.oid) t
            JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf) ELSE greatest(c.reltuples, 0) END::int8,
          CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t)
            ELSE pg_total_relation_size(c.oid) END,
          EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p'),
          EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgferry') AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 4 DESC, 1, 2""";
    try (Connection c = spec.open("pgferry wizard")) {
      c.setReadOnly(true);
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, timestampColumn);
        List<TableInfo> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new TableInfo(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5), rs.getBoolean(6)));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "listing the source's tables failed: "
          + io.pgferry.extractor.ServerError.describe(e), e);
    }
  }
}
