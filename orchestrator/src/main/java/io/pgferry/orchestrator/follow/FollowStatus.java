package io.pgferry.orchestrator.follow;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pgferry status} shows of follows: the target's records (slot, position, transactions applied) and,
 * on the source, every slot a follow may have left there with the WAL it keeps: a forgotten slot fills the disk.
 */
public final class FollowStatus {
  private FollowStatus() {}

  /** A target's record of one follow. */
  public record Followed(String slot, String source, String lsn, long transactions, String updatedAt) {}

  /**
   * A logical slot on the source: pgferry's by name ({@code pgferry…}) or named by a target's record.
   *
   * @param retainedBytes WAL the slot keeps on the source's disk; {@code lagBytes} WAL not yet confirmed applied
   */
  public record Slot(String name, boolean active, long retainedBytes, long lagBytes) {}

  public static List<Followed> followed(Connection target) throws SQLException {
    if (!exists(target)) {
      return List.of();
    }
    List<Followed> out = new ArrayList<>();
    try (PreparedStatement p = target.prepareStatement("SELECT slot, source, lsn::text, transactions, updated_at::text FROM "
        + FollowState.TABLE + " ORDER BY slot"); ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(new Followed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
      }
    }
    return out;
  }

  private static boolean exists(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT to_regclass('" + FollowState.TABLE + "') IS NOT NULL"); ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** @param names slots named by a target's records, shown besides those whose name starts with pgferry */
  public static List<Slot> slots(Connection source, List<String> names) throws SQLException {
    List<Slot> out = new ArrayList<>();
    try (PreparedStatement p = source.prepareStatement("""
        SELECT slot_name, active, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::int8,
          coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::int8
        FROM pg_replication_slots WHERE slot_type = 'logical' AND (slot_name LIKE 'pgferry%' OR slot_name = ANY (?)) ORDER BY 1""")) {
      Array a = source.createArrayOf("text", names.toArray());
      p.setArray(1, a);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new Slot(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return out;
  }
}
