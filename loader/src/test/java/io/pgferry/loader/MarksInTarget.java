package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A journal in the target, as a clone keeps one: a piece's mark is written in the piece's transaction. */
final class MarksInTarget implements PieceJournal {
  /** The table the marks go to, created in the target before the load. */
  static final String DDL = "CREATE TABLE marks (tbl text, piece int, rows int8, bytes int8, PRIMARY KEY (tbl, piece))";

  @Override
  public Layout layout(QualifiedName table) {
    return null;
  }

  @Override
  public void planned(List<Planned> pieces) {}

  @Override
  public void committing(Connection c, QualifiedName table, int index, long rows, long bytes) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO marks VALUES (?, ?, ?, ?)")) {
      p.setString(1, table.toString());
      p.setInt(2, index);
      p.setLong(3, rows);
      p.setLong(4, bytes);
      p.executeUpdate();
    }
  }

  @Override
  public long[] committed(Connection c, QualifiedName table, int index) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT rows, bytes FROM marks WHERE tbl = ? AND piece = ?")) {
      p.setString(1, table.toString());
      p.setInt(2, index);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
      }
    }
  }
}
