package io.pgferry.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * pgferry's sync bookkeeping, kept in the target's {@code pgferry} schema: one row per run, one per run and
 * table. A table's row is updated inside every batch's own transaction, so its mark and counters always
 * match what the target holds, whatever ends the process.
 */
public final class SyncState {
  static final String SCHEMA_DDL = """
      CREATE SCHEMA IF NOT EXISTS pgferry;
      CREATE TABLE IF NOT EXISTS pgferry.sync_run (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        status text NOT NULL,
        tables_ok integer,
        tables_failed integer);
      CREATE TABLE IF NOT EXISTS pgferry.sync_table (
        run_id bigint NOT NULL REFERENCES pgferry.sync_run (id) ON DELETE CASCADE,
        target_table text NOT NULL,
        source_table text NOT NULL,
        mode text,
        mark_column text,
        mark text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        inserted bigint NOT NULL DEFAULT 0,
        updated bigint NOT NULL DEFAULT 0,
        deleted bigint NOT NULL DEFAULT 0,
        batches bigint NOT NULL DEFAULT 0,
        status text NOT NULL,
        error text,
        PRIMARY KEY (run_id, target_table));
      CREATE INDEX IF NOT EXISTS sync_table_mark_idx ON pgferry.sync_table (target_table, mark_column, run_id)""";

  private SyncState() {}

  /** One table's row of a run, as {@code pgferry status} shows it. */
  public record TableRow(
      long run, String target, String source, String mode, String status, long inserted, long updated, long deleted,
      long batches, String mark, Instant started, Instant finished, String error) {
    public Duration elapsed() {
      return finished == null ? null : Duration.between(started, finished);
    }
  }

  /** Creates the schema and tables when missing, in one transaction; leaves the connection in autocommit. */
  static void ensure(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('pgferry.sync_run') IS NOT NULL AND to_regclass('pgferry.sync_table_mark_idx') IS NOT NULL")) {
      rs.next();
      if (rs.getBoolean(1)) {
        return; // every run after the first: one query instead of a locked DDL transaction
      }
    }
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      // two first runs at once would race on CREATE … IF NOT EXISTS; the advisory lock lasts the transaction
      s.execute("SELECT pg_advisory_xact_lock(hashtext('pgferry.sync_state'))");
      for (String stmt : SCHEMA_DDL.split(";\n")) {
        s.execute(stmt);
      }
      c.commit();
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  static long startRun(Connection c, String source, Instant now) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO pgferry.sync_run (source, started_at, status) VALUES (?, ?, 'running') RETURNING id")) {
      p.setString(1, source);
      p.setObject(2, utc(now));
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void finishRun(Connection c, long run, Instant now, int ok, int failed) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "UPDATE pgferry.sync_run SET finished_at = ?, status = ?, tables_ok = ?, tables_failed = ? WHERE id = ?")) {
      p.setObject(1, utc(now));
      p.setString(2, failed == 0 ? "ok" : "failed");
      p.setInt(3, ok);
      p.setInt(4, failed);
      p.setLong(5, run);
      p.executeUpdate();
    }
  }

  /** The table's row at its start, carrying the mark it starts from; also used for tables that never run. */
  /**
   * Records a table of a run; when the run already has it (the table is tried again after a lost connection), it
   * is running again with the counts and mark its committed batches left.
   */
  static void startTable(Connection c, long run, SyncResult r, String markColumn, String mark, Instant now) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO pgferry.sync_table (run_id, target_table, source_table, mode, mark_column, mark, started_at, status, error,
          finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, target_table) DO UPDATE SET status = excluded.status, error = excluded.error,
          finished_at = excluded.finished_at""")) {
      p.setLong(1, run);
      p.setString(2, r.target().toString());
      p.setString(3, r.source().toString());
      p.setString(4, r.mode() == null ? null : r.mode().label());
      p.setString(5, markColumn);
      p.setString(6, mark);
      p.setObject(7, utc(now));
      boolean running = r.status() == SyncResult.Status.OK;
      p.setString(8, running ? "running" : r.status().label());
      p.setString(9, r.error());
      p.setObject(10, running ? null : utc(now));
      p.executeUpdate();
    }
  }

  /** Inside the batch's transaction: the batch's counts, and its mark when it has one. */
  static void batch(Connection c, long run, String target, long inserted, long updated, long deleted, String mark)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        UPDATE pgferry.sync_table SET inserted = inserted + ?, updated = updated + ?, deleted = deleted + ?,
          batches = batches + 1, mark = coalesce(?, mark) WHERE run_id = ? AND target_table = ?""")) {
      p.setLong(1, inserted);
      p.setLong(2, updated);
      p.setLong(3, deleted);
      p.setString(4, mark);
      p.setLong(5, run);
      p.setString(6, target);
      p.executeUpdate();
    }
  }

  static void finishTable(Connection c, long run, String target, SyncResult.Status status, String error, Instant now)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "UPDATE pgferry.sync_table SET status = ?, error = ?, finished_at = ? WHERE run_id = ? AND target_table = ?")) {
      p.setString(1, status.label());
      p.setString(2, error);
      p.setObject(3, utc(now));
      p.setLong(4, run);
      p.setString(5, target);
      p.executeUpdate();
    }
  }

  /**
   * The newest committed mark of a target table for that timestamp column, whatever became of its run:
   * a crashed run's mark is as good as a finished one's, since it was committed with the rows.
   */
  static String lastMark(Connection c, String target, String markColumn) throws SQLException {
    if (!exists(c)) {
      return null;
    }
    try (PreparedStatement p = c.prepareStatement("""
        SELECT mark FROM pgferry.sync_table WHERE target_table = ? AND mark_column = ? AND mark IS NOT NULL
        ORDER BY run_id DESC LIMIT 1""")) {
      p.setString(1, target);
      p.setString(2, markColumn);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The tables of the last {@code runs} runs, newest run first; empty when the target never saw a sync. */
  public static List<TableRow> recent(Connection c, int runs) throws SQLException {
    List<TableRow> out = new ArrayList<>();
    if (!exists(c)) {
      return out;
    }
    try (PreparedStatement p = c.prepareStatement("""
        SELECT t.run_id, t.target_table, t.source_table, t.mode, t.status, t.inserted, t.updated, t.deleted, t.batches, t.mark,
               t.started_at, t.finished_at, t.error
        FROM pgferry.sync_table t WHERE t.run_id IN (SELECT id FROM pgferry.sync_run ORDER BY id DESC LIMIT ?)
        ORDER BY t.run_id DESC, t.target_table""")) {
      p.setInt(1, runs);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime end = rs.getObject(12, OffsetDateTime.class);
          out.add(new TableRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
              rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class).toInstant(),
              end == null ? null : end.toInstant(), rs.getString(13)));
        }
      }
    }
    return out;
  }

  private static boolean exists(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('pgferry.sync_table') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
