package io.pgferry.loader;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's pair of connections, kept for every piece the worker copies: opening two connections and
 * a snapshot per table cost more than copying a small table. The source side stays in one read-only
 * transaction on the exported snapshot, renewed on that snapshot every {@link #PIECES_PER_SOURCE_TRANSACTION}
 * pieces; the target commits after each piece.
 */
final class Lane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  /**
   * A read holds its table's lock until the transaction ends, and the lock table is shared by the whole server
   * (about 6,400 entries with default settings): one transaction over 10,000 tables failed with "out of shared
   * memory". A new transaction on the same exported snapshot sees the same rows.
   */
  static final int PIECES_PER_SOURCE_TRANSACTION = 50;

  private final TableCopy.Settings settings;
  private Connection source;
  private Connection target;
  private int sourcePieces;

  Lane(TableCopy.Settings settings) {
    this.settings = settings;
  }

  Connection source() throws SQLException {
    if (source == null) {
      Connection c = settings.source().open();
      source = c;
      Sessions.prepareSource(c, settings.snapshot());
      sourcePieces = 0;
    } else if (settings.snapshot() != null && ++sourcePieces >= PIECES_PER_SOURCE_TRANSACTION) {
      // without an exported snapshot a new transaction would see a later state: then one transaction stays
      source.rollback();
      Sessions.renewSource(source, settings.snapshot());
      sourcePieces = 0;
    }
    return source;
  }

  Connection target() throws SQLException {
    if (target == null) {
      Connection c = settings.target().open();
      target = c;
      Sessions.prepareTarget(c);
    }
    return target;
  }

  static PGConnection pg(Connection c) throws SQLException {
    return c.unwrap(PGConnection.class);
  }

  /** After a failed piece the connections' state is unknown: close them, the next piece opens fresh ones. */
  void discard() {
    close();
  }

  @Override
  public void close() {
    if (source != null) {
      try {
        if (!source.isClosed() && !source.getAutoCommit()) {
          source.rollback(); // read-only: ends the snapshot's transaction
        }
      } catch (SQLException e) {
        LOG.debug("ending a source transaction failed", e);
      }
    }
    for (Connection c : new Connection[] {source, target}) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException e) {
          LOG.debug("closing a load connection failed", e);
        }
      }
    }
    source = null;
    target = null;
  }
}
