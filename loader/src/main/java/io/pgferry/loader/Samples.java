package io.pgferry.loader;

import io.pgferry.extractor.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * A few rows of a table as the load would write them: read from the source with the load's own query
 * (filters, {@code sql} rules and {@code when} conditions included) and passed through its transformers.
 * Lets a caller check transformed values against constraints before anything is written.
 */
public final class Samples {
  private Samples() {}

  /**
   * The transformed rows, each a list of values (null for NULL) in the order of {@link #columns}.
   *
   * @param source a connection in the transaction (snapshot) to read from; only read
   * @throws SQLException when the source cannot run the query
   * @throws LoadException with code TRANSFORM when a transformer fails on a sampled value
   */
  public static List<List<String>> rows(Connection source, TableLoad load, int limit) throws SQLException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      source.unwrap(PGConnection.class).getCopyAPI().copyOut(Sessions.copyOutSample(load, limit), buffer);
    } catch (IOException e) {
      throw new SQLException("reading a sample of " + load.table().name() + " failed", e);
    }
    List<String> names = columns(load);
    RowRewriter rewriter = new RowRewriter(names, load.transformers(), Sessions.conditions(load));
    byte[] all = buffer.toByteArray();
    List<List<String>> out = new ArrayList<>();
    int[] starts = new int[names.size() + 1];
    int[] ends = new int[names.size() + 1];
    int from = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != CopyText.NEWLINE) {
        continue;
      }
      byte[] row = Arrays.copyOfRange(all, from, i + 1);
      from = i + 1;
      ByteSink written;
      try {
        written = rewriter.rewrite(row, row.length);
      } catch (RowRewriter.TransformFailure e) {
        throw new LoadException(LoadException.Reason.TRANSFORM, load.table().name(), "transforming column \"" + e.column + "\" of "
            + load.table().name() + " failed on a sampled row: " + e.getCause().getMessage(), e.getCause());
      }
      int n = CopyText.split(written.array(), 0, written.length() - 1, starts, ends);
      List<String> values = new ArrayList<>(n);
      for (int f = 0; f < n; f++) {
        values.add(CopyText.decode(written.array(), starts[f], ends[f]));
      }
      out.add(values);
    }
    return out;
  }

  /** The columns of a sampled row: the streamed ones (those left to their default are not). */
  public static List<String> columns(TableLoad load) {
    return Sessions.streamed(load).stream().map(Column::name).toList();
  }
}
