package io.pgferry.loader;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The source side of a consistent multi-connection read. */
public final class Snapshots {
  private Snapshots() {}

  /**
   * Opens a read-only REPEATABLE READ transaction on {@code c} and exports its snapshot. Keep the
   * transaction open while workers import the returned id ({@code SET TRANSACTION SNAPSHOT}): then every
   * table is read as of one instant, even while the source is being written to.
   */
  public static String export(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      try (var rs = s.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
