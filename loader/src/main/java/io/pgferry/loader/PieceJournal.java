package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A load's record in the target, so that a resumed run copies exactly what is missing: the page ranges each
 * table was cut into (the same ranges again on resume, whatever the table's size is now) and the pieces already
 * committed. Each piece's mark is written in the piece's own target transaction, so a piece is either in the
 * target and marked, or in neither.
 */
public interface PieceJournal {
  /**
   * What an earlier run recorded for a table: one range per piece (null for a table copied whole), the pieces
   * committed and their rows and bytes.
   */
  record Layout(List<String> ranges, Set<Integer> done, long doneRows, long doneBytes) {
    public Layout {
      ranges = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ranges));
      done = Set.copyOf(done);
    }
  }

  /** A piece as planned, recorded before any piece of the load is copied. */
  record Planned(QualifiedName table, QualifiedName target, int index, int count, String range) {}

  /** The table's recorded layout, or null when none was recorded (a first run). */
  Layout layout(QualifiedName table);

  /** Records the pieces of the tables that had no layout, once, before the copying starts. */
  void planned(List<Planned> pieces) throws SQLException;

  /** Marks a piece done on {@code target}, inside the piece's transaction, just before its commit. */
  void committing(Connection target, QualifiedName table, int index, long rows, long bytes) throws SQLException;

  /**
   * The rows and bytes of a piece that is marked done, or null: before a piece is copied again after a lost
   * connection, since its commit may have gone through with only the acknowledgement lost (copying it again would
   * duplicate its rows).
   */
  default long[] committed(Connection target, QualifiedName table, int index) throws SQLException {
    return null;
  }
}
