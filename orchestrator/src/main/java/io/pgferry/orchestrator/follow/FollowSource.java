package io.pgferry.orchestrator.follow;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import io.pgferry.orchestrator.TableSelection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What follow asks of the source before it creates anything there, and the only writes it makes to the source's
 * catalog: its publication and its replication slot (never a row of user data).
 */
final class FollowSource {
  private FollowSource() {}

  /** The slot as the source has it: whether it exists and whether a session streams from it now. */
  record Slot(boolean exists, boolean active, String plugin) {}

  /** Every check a new follow needs, each failure one sentence that says what to do. */
  static void check(Connection c) throws SQLException {
    String walLevel = scalar(c, "SHOW wal_level");
    if (!"logical".equals(walLevel)) {
      throw new PgferryException(PgferryException.Code.CONFIG, "the source's wal_level is " + walLevel + ", and follow needs logical:"
          + " set wal_level = logical (ALTER SYSTEM SET wal_level = logical) and restart the source server");
    }
    if (!"t".equals(scalar(c, "SELECT CASE WHEN rolreplication OR rolsuper THEN 't' ELSE 'f' END FROM pg_roles WHERE rolname = current_user"))) {
      throw new PgferryException(PgferryException.Code.AUTHENTICATION, "the source role " + scalar(c, "SELECT current_user")
          + " lacks the REPLICATION attribute follow needs for its slot: ALTER ROLE " + Sql.ident(scalar(c, "SELECT current_user"))
          + " REPLICATION (as a superuser)");
    }
    long free = Long.parseLong(scalar(c, "SELECT current_setting('max_replication_slots')::int - (SELECT count(*) FROM pg_replication_slots)"));
    if (free <= 0) {
      throw new PgferryException(PgferryException.Code.CONFIG, "the source has no free replication slot (max_replication_slots is "
          + scalar(c, "SHOW max_replication_slots") + ", all in use): drop an unused slot or raise the setting (restart needed)");
    }
  }

  static Slot slot(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT active, plugin FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? new Slot(true, rs.getBoolean(1), rs.getString(2)) : new Slot(false, false, null);
      }
    }
  }

  static boolean publication(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * The tables follow copies and streams (partitions come with their partitioned table), refusing those whose
   * updates and deletes the stream could not name: no primary key and no replica identity.
   */
  static List<QualifiedName> tables(Connection c, TableSelection selection) throws SQLException {
    List<QualifiedName> out = new ArrayList<>();
    List<String> keyless = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT n.nspname, c.relname, c.relreplident,
          EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND (i.indisprimary OR i.indisreplident))
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence = 'p'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgferry') AND n.nspname NOT LIKE 'pg\\_%'
        ORDER BY 1, 2""")) {
      while (rs.next()) {
        QualifiedName t = QualifiedName.of(rs.getString(1), rs.getString(2));
        if (!selection.selects(t)) {
          continue;
        }
        String identity = rs.getString(3);
        if ("n".equals(identity) || "d".equals(identity) && !rs.getBoolean(4)) {
          keyless.add(t.toString());
        }
        out.add(t);
      }
    }
    if (!keyless.isEmpty()) {
      throw new PgferryException(PgferryException.Code.SCHEMA, "follow cannot name the updated and deleted rows of tables without a"
          + " primary key or replica identity: " + String.join(", ", keyless) + "; give them one (ALTER TABLE … REPLICA IDENTITY FULL),"
          + " or leave them out (" + io.pgferry.extractor.Option.EXCLUDE.mention() + ")");
    }
    if (out.isEmpty()) {
      throw new PgferryException(PgferryException.Code.CONFIG, "no table of the source is selected (see " + io.pgferry.extractor.Option.INCLUDE.mention() + " and "
          + io.pgferry.extractor.Option.EXCLUDE.mention() + ")");
    }
    return out;
  }

  static void createPublication(Connection c, String name, List<QualifiedName> tables) throws SQLException {
    StringBuilder sql = new StringBuilder("CREATE PUBLICATION ").append(Sql.ident(name)).append(" FOR TABLE ");
    for (int i = 0; i < tables.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(tables.get(i).quoted());
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql.toString());
    }
  }

  /** Drops the slot and the publication, each only if it exists; returns what was dropped. */
  static List<String> drop(Connection c, String name) throws SQLException {
    List<String> dropped = new ArrayList<>();
    Slot slot = slot(c, name);
    if (slot.active()) {
      throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "replication slot " + name
          + " is in use by a running follow; stop it first");
    }
    if (slot.exists()) {
      try (PreparedStatement p = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
        p.setString(1, name);
        p.execute();
      }
      dropped.add("replication slot " + name);
    }
    if (publication(c, name)) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP PUBLICATION " + Sql.ident(name));
      }
      dropped.add("publication " + name);
    }
    return dropped;
  }

  /**
   * At cut-over (caught up): moves each target sequence that the source also has forward to the source's value, so
   * that rows inserted in the target afterwards do not collide with followed keys. Returns how many moved.
   */
  static int catchUpSequences(Connection source, Connection target) throws SQLException {
    List<String[]> values = new ArrayList<>();
    try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT format('%I.%I', schemaname, sequencename), last_value::text FROM pg_sequences
        WHERE last_value IS NOT NULL AND schemaname NOT IN ('pg_catalog', 'information_schema', 'pgferry')""")) {
      while (rs.next()) {
        values.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    int moved = 0;
    boolean auto = target.getAutoCommit();
    target.setAutoCommit(true);
    try (PreparedStatement p = target.prepareStatement("""
        SELECT setval(to_regclass(?), ?::int8, true) FROM pg_sequences
        WHERE format('%I.%I', schemaname, sequencename) = ? AND coalesce(last_value, -9223372036854775808) < ?::int8""")) {
      for (String[] v : values) {
        p.setString(1, v[0]);
        p.setString(2, v[1]);
        p.setString(3, v[0]);
        p.setString(4, v[1]);
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            moved++;
          }
        }
      }
    } finally {
      target.setAutoCommit(auto);
    }
    return moved;
  }

  /** WAL the slot keeps on the source's disk, in bytes. */
  static long retained(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::int8"
        + " FROM pg_replication_slots WHERE slot_name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
