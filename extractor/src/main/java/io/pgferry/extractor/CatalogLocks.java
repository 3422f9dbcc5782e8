package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Catalog queries whose locks end with them. Each query locks the system catalogs and indexes it reads (a query
 * over every catalog: more than a hundred locks) until its transaction ends, and a snapshot transaction stays
 * open: several such readers side by side on one source held their sum, which overflowed a small lock table.
 * Rolling back to a savepoint taken before a step releases its locks and keeps what it read.
 */
public final class CatalogLocks {
  /** One step of a catalog read. */
  @FunctionalInterface
  public interface Step<T> {
    T read() throws SQLException;
  }

  private CatalogLocks() {}

  /** Runs {@code step} on {@code c} and releases the locks it took; in autocommit mode each statement does that already. */
  public static <T> T released(Connection c, Step<T> step) throws SQLException {
    if (c.getAutoCommit()) {
      return step.read();
    }
    Savepoint before = c.setSavepoint();
    T result;
    try {
      result = step.read();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback(before);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    c.rollback(before);
    return result;
  }
}
