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
  static void start(Connection c, String slot, String source, String lsn, ExistingCopy.Identity identity) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS pgferry");
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (slot text PRIMARY KEY, source text NOT NULL, lsn pg_lsn NOT NULL,"
          + " transactions int8 NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())");
      s.execute(IDENTITY_COLUMNS);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TABLE + " (slot, source, lsn, system_id, database) VALUES (?, ?, ?::pg_lsn, ?, ?)")) {
        p.setString(1, slot);
        p.setString(2, source);
        p.setString(3, lsn);
        p.setString(4, identity.systemId());
        p.setString(5, identity.database());
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

  /** The source's system identifier and database, kept since records have them (added to older ones on their next run). */
  private static final String IDENTITY_COLUMNS = "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS system_id text,"
      + " ADD COLUMN IF NOT EXISTS database text";

  /** The source the record was made from, or null when the record predates identities. */
  static ExistingCopy.Identity identity(Connection c, String slot) throws SQLException {
    // through to_jsonb: a record made before the identity columns existed has none, and reads as null
    try (PreparedStatement p = c.prepareStatement("SELECT to_jsonb(f) ->> 'system_id', to_jsonb(f) ->> 'database' FROM " + TABLE
        + " f WHERE slot = ?")) {
      p.setString(1, slot);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? new ExistingCopy.Identity(rs.getString(1), rs.getString(2)) : null;
      }
    }
  }

  /** Gives a record made before identities were kept its source's. */
  static void identify(Connection c, String slot, ExistingCopy.Identity identity) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(IDENTITY_COLUMNS);
    }
    try (PreparedStatement p = c.prepareStatement("UPDATE " + TABLE + " SET system_id = ?, database = ? WHERE slot = ?")) {
      p.setString(1, identity.systemId());
      p.setString(2, identity.database());
      p.setString(3, slot);
      p.executeUpdate();
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
