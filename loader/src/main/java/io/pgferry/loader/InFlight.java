package io.pgferry.loader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * The source's open transactions just before the sync's snapshot, read so that timestamp mode's mark never
 * passes a row that is still to come.
 *
 * <p>A transaction that stamps {@code now()} (its own start) and commits after the snapshot writes rows the
 * snapshot cannot see, with a timestamp older than rows it can. Were the mark to advance past that
 * timestamp, the next run's {@code ts >= mark} would skip them for good. So the mark only advances to rows
 * stamped before {@code horizon}: the start of the oldest transaction open on the source database, or the
 * moment of this read when none is. It is read before the snapshot is taken: a transaction that starts
 * later starts after the horizon, and one open at the snapshot was open here too. Read-only transactions
 * count, because nothing tells whether they will still write.
 *
 * @param horizon the start of the oldest other open transaction of the source database, else now
 * @param unseen sessions of the source database whose transaction the sync's role may not see (other roles'
 *     sessions without {@code pg_read_all_stats}) and prepared transactions, whose start is unknown
 */
record InFlight(OffsetDateTime horizon, int unseen) {
  // client backends only: autovacuum and walsenders never write user rows. A session whose state (and type)
  // is hidden belongs to a role the sync's role may not inspect; it might be in a transaction.
  private static final String SQL = """
      SELECT least(now(), min(a.xact_start)),
        count(*) FILTER (WHERE a.state IS NULL)
          + (SELECT count(*) FROM pg_prepared_xacts p WHERE p.database = current_database())
      FROM pg_stat_activity a
      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
        AND (a.backend_type = 'client backend' OR a.backend_type IS NULL)""";

  /** Reads it on {@code c}, which must be in autocommit mode so that this runs before the snapshot exists. */
  static InFlight read(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
      rs.next();
      return new InFlight(rs.getObject(1, OffsetDateTime.class), rs.getInt(2));
    }
  }

  /** The warning for the report when some transactions could not be seen; null when all were. */
  String warning() {
    if (unseen == 0) {
      return null;
    }
    return unseen + (unseen == 1 ? " session or prepared transaction" : " sessions or prepared transactions")
        + " of the source could not be inspected (pg_read_all_stats lets the sync's role see other roles' sessions; a prepared"
        + " transaction's start is never known): a transaction of theirs that commits after this run with an older timestamp"
        + " than the mark would be missed by timestamp mode";
  }
}
