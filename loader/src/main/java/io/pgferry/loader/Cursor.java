package io.pgferry.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A streamed query: fetched {@link #FETCH} rows at a time (the connection must be in a transaction), so one
 * fetch is in memory whatever the result.
 */
record Cursor(PreparedStatement statement, ResultSet rows) implements AutoCloseable {
  static final int FETCH = 4096;

  interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  static Cursor open(Connection c, String query, Binder binder) throws SQLException {
    PreparedStatement p = c.prepareStatement(query);
    try {
      p.setFetchSize(FETCH);
      binder.bind(p);
      return new Cursor(p, p.executeQuery());
    } catch (SQLException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  boolean next() throws SQLException {
    return rows.next();
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
