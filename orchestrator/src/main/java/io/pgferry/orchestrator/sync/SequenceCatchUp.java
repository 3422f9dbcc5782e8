package io.pgferry.orchestrator.sync;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.Table;
import io.pgferry.loader.SyncResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a sync, moves the target's sequences that feed synced tables (serial and identity columns, other
 * {@code nextval()} defaults) up to the source's position, so rows inserted in the target afterwards do not
 * collide with synced keys. A sequence only ever moves forward; with {@code exclude_generated} the target owns
 * those values and nothing is touched.
 */
final class SequenceCatchUp {
  private SequenceCatchUp() {}

  /** Returns how many target sequences were moved. */
  static int run(Catalog source, List<SyncResult> results, SyncOptions o) throws SQLException {
    if (o.excludeGenerated() || results.stream().noneMatch(r -> r.status() == SyncResult.Status.OK && feedsFromSequence(source, r))) {
      return 0; // the common case of tables with plain keys costs no connection
    }
    try (Connection src = o.source().open("pgferry sync"); Connection dst = o.target().open("pgferry sync")) {
      return run(source, results, o, src, dst);
    }
  }

  private static boolean feedsFromSequence(Catalog source, SyncResult r) {
    return source.table(r.source()).map(t -> t.columns().stream().anyMatch(c -> c.identity() != null)
        || source.dependencies().getOrDefault(ObjectKey.of("table", t.name()), java.util.Set.of()).stream()
            .anyMatch(k -> k.type().equals("sequence"))).orElse(false);
  }

  private static int run(Catalog source, List<SyncResult> results, SyncOptions o, Connection src, Connection dst) throws SQLException {
    Map<QualifiedName, QualifiedName> sequences = new LinkedHashMap<>(); // source sequence -> target sequence
    try (Statement ro = src.createStatement()) {
      src.setAutoCommit(false);
      ro.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      for (SyncResult r : results) {
        if (r.status() != SyncResult.Status.OK) {
          continue;
        }
        Table t = source.table(r.source()).orElse(null);
        if (t == null) {
          continue;
        }
        SchemaMap map = MissingTables.mapFor(o, t);
        for (ObjectKey k : source.dependencies().getOrDefault(ObjectKey.of("table", t.name()), java.util.Set.of())) {
          if (k.type().equals("sequence") && k.names().size() == 2) {
            QualifiedName s = new QualifiedName(k.names().get(0), k.names().get(1));
            sequences.put(s, map.name(s));
          }
        }
        for (Column c : t.columns()) {
          if (c.identity() != null) {
            QualifiedName s = serialSequence(src, t.name(), c.name());
            QualifiedName d = serialSequence(dst, r.target(), c.name());
            if (s != null && d != null) {
              sequences.put(s, d);
            }
          }
        }
      }
      int moved = 0;
      for (Map.Entry<QualifiedName, QualifiedName> e : sequences.entrySet()) {
        Long from = lastValue(src, e.getKey());
        Long to = lastValue(dst, e.getValue());
        if (from != null && (to == null || from > to)) {
          try (PreparedStatement set = dst.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
            set.setString(1, e.getValue().quoted());
            set.setLong(2, from);
            set.execute();
            moved++;
          }
        }
      }
      return moved;
    } finally {
      src.rollback();
      src.setAutoCommit(true);
    }
  }

  private static QualifiedName serialSequence(Connection c, QualifiedName table, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, s.relname FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace"
        + " WHERE s.oid = pg_get_serial_sequence(?, ?)::regclass")) {
      ps.setString(1, table.quoted());
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new QualifiedName(rs.getString(1), rs.getString(2)) : null;
      }
    }
  }

  /** The last value handed out, or null when the sequence was never used, is missing or is not readable. */
  private static Long lastValue(Connection c, QualifiedName seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT last_value FROM pg_sequences WHERE schemaname = ? AND sequencename = ?")) {
      ps.setString(1, seq.schema());
      ps.setString(2, seq.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
      }
    }
  }
}
