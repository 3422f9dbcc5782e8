package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.postgresql.PGConnection;

/**
 * Every readable sequence's last value (absent when nextval was never called), read on a connection of its own
 * in autocommit mode, on a virtual thread, while the catalog is read elsewhere.
 *
 * <p>Why a connection of its own: reading a sequence locks it until the top transaction ends, whatever
 * savepoint the read ran in, so in the clone's snapshot transaction 10,000 sequences would fill the lock table
 * (the catalog reader's fallback works around that with a 256-way UNION ALL per savepoint, at about 0.18 ms a
 * sequence). Here each chunk of {@code pg_sequence_last_value} calls is a statement of its own, whose locks go
 * at its end: about 0.07 ms a sequence. Sequences are not transactional, so no snapshot is needed: every
 * reader, pg_dump's too, sees their current values.
 */
final class SequenceValues {
  private final Connection connection;
  private final FutureTask<Map<Long, Long>> task;

  private SequenceValues(Connection connection) {
    this.connection = connection;
    this.task = new FutureTask<>(() -> read(connection));
  }

  static SequenceValues start(Connection connection) {
    SequenceValues v = new SequenceValues(connection);
    Thread.ofVirtual().name("pgferry-sequence-values").start(v.task);
    return v;
  }

  private static Map<Long, Long> read(Connection c) throws SQLException {
    c.setAutoCommit(true);
    List<Long> oids = new ArrayList<>();
    int perRead;
    try (Statement s = c.createStatement()) {
      // the source is only ever read: every statement here runs in a read-only transaction of its own
      s.execute("SET default_transaction_read_only = on");
      s.execute("SET jit = off");
      try (ResultSet rs = s.executeQuery("""
          SELECT s.seqrelid::int8, current_setting('max_locks_per_transaction')::int
          FROM pg_sequence s JOIN pg_class cl ON cl.oid = s.seqrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
          WHERE %s AND %s AND has_sequence_privilege(s.seqrelid, 'SELECT')""".formatted(CatalogReader.USER_SCHEMA,
          CatalogReader.notExtensionMember("pg_class", "cl.oid")))) {
        perRead = 256;
        while (rs.next()) {
          oids.add(rs.getLong(1));
          perRead = 4 * rs.getInt(2);
        }
      }
    }
    Map<Long, Long> out = new HashMap<>();
    // a sequence dropped since it was listed is left out rather than failing the read
    String sql = "SELECT o::int8, pg_sequence_last_value(o) FROM unnest(?::oid[]) o"
        + " WHERE EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = o)";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < oids.size(); i += perRead) {
        p.setArray(1, c.createArrayOf("int8", oids.subList(i, Math.min(oids.size(), i + perRead)).toArray()));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            long v = rs.getLong(2);
            if (!rs.wasNull()) {
              out.put(rs.getLong(1), v);
            }
          }
        }
      }
    }
    return out;
  }

  /** The values by sequence oid; the read's failure as its exception. */
  Map<Long, Long> join() throws SQLException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new ExtractException(ExtractException.Code.CATALOG_READ, "interrupted while reading sequences", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case SQLException sql -> throw sql;
        case RuntimeException re -> throw re;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Stops the read and waits for it, so that the caller may close the connection. */
  void abandon() {
    if (!task.isDone()) {
      try {
        connection.unwrap(PGConnection.class).cancelQuery();
      } catch (SQLException | RuntimeException ignored) {
        // the thread ends when its statement does
      }
    }
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ignored) {
      // the main read's failure is the one reported
    }
  }
}
