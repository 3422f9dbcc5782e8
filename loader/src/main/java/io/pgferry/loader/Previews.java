package io.pgferry.loader;

import io.pgferry.extractor.ConnectionSource;

import io.pgferry.extractor.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Runs the first rows of a table load through the very code a clone uses (the same COPY text from the
 * source, the same {@link RowRewriter} and transformers), but into memory instead of a target, so what a
 * preview shows is what a clone would write. Only the source is touched, read-only.
 */
public final class Previews {
  /** More rows than anyone reads in a terminal; keeps a preview cheap however large the table. */
  public static final int MAX_ROWS = 10_000;

  private Previews() {}

  /**
   * @param source opens a fresh source connection, closed again before returning
   * @param snapshot an exported snapshot to read in (as the loader does), or null
   * @param rows how many rows, 1 to {@link #MAX_ROWS}
   * @throws LoadException SOURCE_READ when the source query fails, TRANSFORM when a transformer fails
   */
  public static TablePreview preview(ConnectionSource source, String snapshot, TableLoad load, int rows) {
    if (rows < 1 || rows > MAX_ROWS) {
      throw new LoadException(LoadException.Reason.CONFIG, load.table().name(), "preview rows must be 1 to " + MAX_ROWS + ", got "
          + rows);
    }
    // The same columns, hidden `when` conditions and rewrite as the load itself (see TableCopy.pump).
    List<String> columns = Sessions.streamed(load).stream().map(Column::name).toList();
    RowRewriter rewriter = new RowRewriter(columns, load.transformers(), Sessions.conditions(load));
    List<TablePreview.Row> out = new ArrayList<>();
    try (Connection c = source.open()) {
      Sessions.prepareSource(c, snapshot);
      CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(Sessions.copyOutSample(load, rows));
      try {
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
          List<String> before = decode(row, row.length, columns.size());
          ByteSink after = rewrite(rewriter, row, load, out.size() + 1);
          out.add(new TablePreview.Row(before, decode(after.array(), after.length(), columns.size())));
        }
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
      c.rollback();
    } catch (SQLException e) {
      throw LoadException.of(LoadException.Reason.SOURCE_READ, load.table().name(), "previewing source table", e);
    }
    return new TablePreview(load, columns, out);
  }

  private static ByteSink rewrite(RowRewriter rewriter, byte[] row, TableLoad load, int number) {
    try {
      return rewriter.rewrite(row, row.length);
    } catch (RowRewriter.TransformFailure e) {
      Throwable cause = e.getCause();
      throw new LoadException(LoadException.Reason.TRANSFORM, load.table().name(), "transforming column \"" + e.column + "\" of "
          + load.table().name() + " failed at row " + number + ": " + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
  }

  /** Every field of one COPY text row (newline-terminated or not). */
  private static List<String> decode(byte[] bytes, int length, int fields) {
    int end = length > 0 && bytes[length - 1] == CopyText.NEWLINE ? length - 1 : length;
    int[] starts = new int[fields + 1];
    int[] ends = new int[fields + 1];
    int n = CopyText.split(bytes, 0, end, starts, ends);
    if (n != fields) {
      throw new LoadException(LoadException.Reason.INTERNAL, null, "unexpected COPY row with " + n + " fields, expected " + fields);
    }
    List<String> values = new ArrayList<>(fields);
    for (int i = 0; i < n; i++) {
      values.add(CopyText.decode(bytes, starts[i], ends[i]));
    }
    return values;
  }
}
