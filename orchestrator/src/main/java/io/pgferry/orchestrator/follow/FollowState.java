package io.pgferry.orchestrator.follow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The target's record of a follow: the slot it follows and the position applied so far, written in the same
 * transaction as the changes it covers, so that a crash at any moment resumes with no gap and no duplicate.
 */
final class FollowState {
  private FollowState() {}

  static final String TABLE = "pgferry.follow_state";

  /** The position applied so far, or null when the target has no record of {@code slot}. */
  static String read(Connection c, String slot) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return null;
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement("SELECT lsn::text FROM " + TABLE + " WHERE slot = ?")) {
      p.setString(1, slot);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Records the start (the slot's consistent point, which the copy reflects); commits. */
  static void start(Connection c, String slot, String source, String lsn) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS pgferry");
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (slot text PRIMARY KEY, source text NOT NULL, lsn pg_lsn NOT NULL,"
          + " transactions int8 NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " (slot, source, lsn) VALUES (?, ?, ?::pg_lsn)")) {
        p.setString(1, slot);
        p.setString(2, source);
        p.setString(3, lsn);
        p.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Moves the position, in the caller's open transaction (the one holding the changes up to it). */
  static void advance(Connection c, String slot, String lsn, long transactions) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + TABLE + " SET lsn = ?::pg_lsn, transactions = transactions + ?,"
        + " updated_at = now() WHERE slot = ?")) {
      p.setString(1, lsn);
      p.setLong(2, transactions);
      p.setString(3, slot);
      if (p.executeUpdate() != 1) {
        throw new SQLException("the target's record of follow slot " + slot + " is gone", "55000");
      }
    }
  }

  static boolean remove(Connection c, String slot) throws SQLException {
    if (read(c, slot) == null) {
      return false;
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + TABLE + " WHERE slot = ?")) {
      p.setString(1, slot);
      return p.executeUpdate() == 1;
    }
  }
}
