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

/**
 * Every readable sequence's last value (absent when nextval was never called), read on a connection of its own
 * in autocommit mode ({@link SideRead}), while the catalog is read elsewhere.
 *
 * <p>Why a connection of its own: reading a sequence locks it until the top transaction ends, whatever
 * savepoint the read ran in, so in the clone's snapshot transaction 10,000 sequences would fill the lock table
 * (the catalog reader's fallback works around that with a 256-way UNION ALL per savepoint, at about 0.18 ms a
 * sequence). Here each chunk of {@code pg_sequence_last_value} calls is a statement of its own, whose locks go
 * at its end: about 0.07 ms a sequence. Sequences are not transactional, so no snapshot is needed: every
 * reader, pg_dump's too, sees their current values.
 */
final class SequenceValues {
  private SequenceValues() {}

  /** On {@code connection}, a connection of the same database the read sets up for itself. */
  static SideRead<Map<Long, Long>> start(Connection connection) {
    return SideRead.start("pgferry-sequence-values", connection, SequenceValues::read);
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
}
