package io.pgferry.orchestrator.resume;

import io.pgferry.applier.Applier;
import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.loader.PieceJournal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A clone's record in the target's {@code pgferry} schema, so that an interrupted clone (killed, a lost server, a
 * failure kept with {@code --keep-on-failure}) can be resumed or removed: the run (its phase, the source's
 * transaction horizon at its start, the schemas the target had), each load piece (its page range, whether it
 * committed) and each seal statement that committed. Marks are written in the same target transaction as the work
 * they mark. A clone that completes removes its record, and the schema when the clone created it and it is empty.
 */
public final class CloneJournal {
  static final String DDL = """
      CREATE SCHEMA IF NOT EXISTS pgferry;
      CREATE TABLE IF NOT EXISTS pgferry.clone_run (
        id text PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL,
        fingerprint text NOT NULL,
        phase text NOT NULL,
        source_xmax text,
        schemas_before text[] NOT NULL,
        created_schema boolean NOT NULL);
      CREATE TABLE IF NOT EXISTS pgferry.clone_piece (
        run_id text NOT NULL,
        source_table text NOT NULL,
        target_table text NOT NULL,
        piece integer NOT NULL,
        pieces integer NOT NULL,
        page_range text,
        done boolean NOT NULL DEFAULT false,
        rows bigint,
        bytes bigint,
        PRIMARY KEY (run_id, source_table, piece));
      CREATE TABLE IF NOT EXISTS pgferry.clone_step (
        run_id text NOT NULL,
        step bigint NOT NULL,
        PRIMARY KEY (run_id, step))""";

  /** The phases a run goes through, as recorded; a resumed run starts again at the recorded one. */
  public enum Phase { BASE, LOAD, SEAL }

  /**
   * An interrupted clone as recorded.
   *
   * @param sourceXmax the source's first unassigned transaction id when the run took its snapshot
   */
  public record Interrupted(String id, java.time.OffsetDateTime started, String source, String fingerprint, Phase phase,
      String sourceXmax, Set<String> schemasBefore, boolean createdSchema) {}

  /**
   * An interrupted clone as {@code pgferry status} shows it: its phase and how much of the load and the seal
   * committed.
   */
  public record Status(String source, String started, String phase, long tables, long tablesLoaded, long pieces,
      long piecesDone, long rowsCopied, long bytesCopied, long sealStatementsDone) {}

  /** The interrupted clone recorded in the target, with its progress, or null. */
  public static Status status(Connection target) throws SQLException {
    Interrupted run = find(target);
    if (run == null) {
      return null;
    }
    try (PreparedStatement p = target.prepareStatement("""
        SELECT count(DISTINCT source_table),
               (SELECT count(*) FROM (SELECT FROM pgferry.clone_piece o WHERE o.run_id = ? GROUP BY o.source_table
                                      HAVING bool_and(o.done)) t),
               count(*), count(*) FILTER (WHERE done), coalesce(sum(rows), 0), coalesce(sum(bytes), 0),
               (SELECT count(*) FROM pgferry.clone_step s WHERE s.run_id = ?)
        FROM pgferry.clone_piece p WHERE run_id = ?""")) {
      p.setString(1, run.id());
      p.setString(2, run.id());
      p.setString(3, run.id());
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return new Status(run.source(), run.started().toInstant().toString(), run.phase().name().toLowerCase(java.util.Locale.ROOT),
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
      }
    }
  }

  private final String id;
  private final Map<String, PieceJournal.Layout> layouts;
  private final Set<Long> steps;

  private CloneJournal(String id, Map<String, PieceJournal.Layout> layouts, Set<Long> steps) {
    this.id = id;
    this.layouts = layouts;
    this.steps = steps;
  }

  public String id() {
    return id;
  }

  /** The interrupted clone recorded in the target, or null (also when the target has no record at all). */
  /**
   * Claims the target for this run: a session-level advisory lock on the run's own connection, held until it ends
   * (and claimed again on a new one after a lost connection). A second recorded clone, a {@code --resume} or an
   * {@code --abort} while a run is still alive would copy the same pieces twice or drop what it writes: it is
   * refused instead.
   */
  public static void claim(Connection target) throws SQLException {
    // A run killed a moment ago, or this run's own connection just lost, leaves a backend that holds the claim until
    // the server notices its client is gone (usually at once): a few seconds of patience before refusing.
    long deadline = System.nanoTime() + CLAIM_PATIENCE_NANOS;
    try (Statement s = target.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", 1)")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "another pgferry clone is running into this database"
              + " right now; wait for it to end, or stop it, before starting, resuming or aborting one. Nothing was changed");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for the target's claim", "57014", e);
        }
      }
    }
  }

  private static final long CLAIM_PATIENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  /**
   * Ends what an interrupted run left running on the target: a killed pgferry's backends go on with their index build
   * or COPY until they next talk to it, holding locks a resume waits for. Only called with the target claimed, so
   * no live clone owns them. Returns how many were ended; without the right to signal them, none (they end alone).
   */
  public static int endLeftovers(Connection target) {
    try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name IN ('pgferry', 'pgferry load', 'pgferry seal')
          -- older than this run's own connection: never one this run opened
          AND backend_start < (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())""")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      return 0;
    }
  }

  /** The advisory lock's first key: "pgfe" in ASCII, so that it names its owner in pg_locks. */
  private static final int LOCK_CLASS = 0x70676665;

  public static Interrupted find(Connection target) throws SQLException {
    try (Statement s = target.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('pgferry.clone_run') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return null;
      }
    }
    try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT id, started_at, source, fingerprint, phase, source_xmax, schemas_before, created_schema
        FROM pgferry.clone_run ORDER BY started_at LIMIT 1""")) {
      if (!rs.next()) {
        return null;
      }
      Set<String> before = new HashSet<>();
      Array a = rs.getArray(7);
      for (Object o : (Object[]) a.getArray()) {
        before.add((String) o);
      }
      return new Interrupted(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class), rs.getString(3),
          rs.getString(4), Phase.valueOf(rs.getString(5)), rs.getString(6), before, rs.getBoolean(8));
    }
  }

  /** Records a new run before the target is changed; commits. */
  public static CloneJournal start(Connection target, String source, String fingerprint, String sourceXmax,
      Set<String> schemasBefore) throws SQLException {
    boolean hadSchema = schemasBefore.contains("pgferry");
    String id = UUID.randomUUID().toString();
    inTransaction(target, () -> {
      try (Statement s = target.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(hashtext('pgferry.clone_run'))");
        for (String stmt : DDL.split(";\n")) {
          s.execute(stmt);
        }
      }
      try (PreparedStatement p = target.prepareStatement("""
          INSERT INTO pgferry.clone_run (id, source, fingerprint, phase, source_xmax, schemas_before, created_schema)
          VALUES (?, ?, ?, 'BASE', ?, ?, ?)""")) {
        p.setString(1, id);
        p.setString(2, source);
        p.setString(3, fingerprint);
        p.setString(4, sourceXmax);
        p.setArray(5, target.createArrayOf("text", schemasBefore.toArray()));
        p.setBoolean(6, !hadSchema);
        p.executeUpdate();
      }
    });
    return new CloneJournal(id, new HashMap<>(), new HashSet<>());
  }

  /** The journal of an interrupted run, with what it committed. */
  public static CloneJournal resume(Connection target, Interrupted run) throws SQLException {
    Map<String, List<Object[]>> pieces = new HashMap<>();
    try (PreparedStatement p = target.prepareStatement("""
        SELECT source_table, piece, pieces, page_range, done, coalesce(rows, 0), coalesce(bytes, 0)
        FROM pgferry.clone_piece WHERE run_id = ? ORDER BY source_table, piece""")) {
      p.setString(1, run.id());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          pieces.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[] {rs.getInt(2), rs.getInt(3),
              rs.getString(4), rs.getBoolean(5), rs.getLong(6), rs.getLong(7)});
        }
      }
    }
    Map<String, PieceJournal.Layout> layouts = new HashMap<>();
    pieces.forEach((table, rows) -> {
      int count = (Integer) rows.get(0)[1];
      List<String> ranges = new ArrayList<>(java.util.Collections.nCopies(count, (String) null));
      Set<Integer> done = new HashSet<>();
      long doneRows = 0;
      long doneBytes = 0;
      for (Object[] r : rows) {
        ranges.set((Integer) r[0], (String) r[2]);
        if ((Boolean) r[3]) {
          done.add((Integer) r[0]);
          doneRows += (Long) r[4];
          doneBytes += (Long) r[5];
        }
      }
      layouts.put(table, new PieceJournal.Layout(ranges, done, doneRows, doneBytes));
    });
    Set<Long> steps = new HashSet<>();
    try (PreparedStatement p = target.prepareStatement("SELECT step FROM pgferry.clone_step WHERE run_id = ?")) {
      p.setString(1, run.id());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          steps.add(rs.getLong(1));
        }
      }
    }
    return new CloneJournal(run.id(), layouts, steps);
  }

  /** Pieces committed by an earlier run of this clone. */
  public long piecesDone() {
    return layouts.values().stream().mapToLong(l -> l.done().size()).sum();
  }

  /** Seal statements committed by an earlier run of this clone. */
  public int stepsDone() {
    return steps.size();
  }

  /** Records that the run reached {@code phase}; commits. */
  public void phase(Connection target, Phase phase) throws SQLException {
    inTransaction(target, () -> {
      try (PreparedStatement p = target.prepareStatement("UPDATE pgferry.clone_run SET phase = ? WHERE id = ?")) {
        p.setString(1, phase.name());
        p.setString(2, id);
        p.executeUpdate();
      }
    });
  }

  /**
   * Removes the record (the clone completed, or was removed): the run's rows, the tables when no other run is
   * recorded, and the schema when a run created it and nothing else is in it. Commits.
   */
  public static void remove(Connection target, String id, boolean createdSchema) throws SQLException {
    inTransaction(target, () -> {
      try (Statement s = target.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(hashtext('pgferry.clone_run'))");
      }
      // no foreign keys between the record's tables: a user's count of the target's constraints stays the source's
      for (String table : List.of("pgferry.clone_step", "pgferry.clone_piece", "pgferry.clone_run")) {
        try (PreparedStatement p = target.prepareStatement("DELETE FROM " + table + " WHERE " + (table.endsWith("run") ? "id" : "run_id") + " = ?")) {
          p.setString(1, id);
          p.executeUpdate();
        }
      }
      boolean others;
      try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT FROM pgferry.clone_run)")) {
        rs.next();
        others = rs.getBoolean(1);
      }
      if (others) {
        return;
      }
      try (Statement s = target.createStatement()) {
        s.execute("DROP TABLE pgferry.clone_step, pgferry.clone_piece, pgferry.clone_run");
        if (createdSchema) {
          try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT FROM pg_catalog.pg_depend WHERE refclassid ="
              + " 'pg_catalog.pg_namespace'::regclass AND refobjid = 'pgferry'::regnamespace AND deptype = 'n')")) {
            rs.next();
            others = rs.getBoolean(1);
          }
          if (!others) {
            s.execute("DROP SCHEMA pgferry");
          }
        }
      }
    });
  }

  /**
   * The run's own connection to the target as it is now: the clone opens it again after a lost connection, so the
   * load's record of its pieces asks for it when it writes rather than keeping the first one.
   */
  @FunctionalInterface
  public interface TargetConnection {
    Connection current() throws SQLException;
  }

  /** The loader's side: layouts by source table, and the mark written in each piece's transaction. */
  public PieceJournal pieces(TargetConnection target) {
    return new PieceJournal() {
      @Override
      public Layout layout(QualifiedName table) {
        return layouts.get(table.toString());
      }

      @Override
      public void planned(List<Planned> planned) throws SQLException {
        Connection c = target.current();
        inTransaction(c, () -> {
          try (PreparedStatement p = c.prepareStatement("""
              INSERT INTO pgferry.clone_piece (run_id, source_table, target_table, piece, pieces, page_range)
              SELECT ?, * FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::text[])""")) {
            p.setString(1, id);
            p.setArray(2, c.createArrayOf("text", planned.stream().map(x -> x.table().toString()).toArray()));
            p.setArray(3, c.createArrayOf("text", planned.stream().map(x -> x.target().toString()).toArray()));
            p.setArray(4, c.createArrayOf("int4", planned.stream().map(Planned::index).toArray()));
            p.setArray(5, c.createArrayOf("int4", planned.stream().map(Planned::count).toArray()));
            p.setArray(6, c.createArrayOf("text", planned.stream().map(Planned::range).toArray()));
            p.executeUpdate();
          }
        });
      }

      @Override
      public long[] committed(Connection c, QualifiedName table, int index) throws SQLException {
        return committedPiece(c, id, table, index);
      }

      @Override
      public void committing(Connection c, QualifiedName table, int index, long rows, long bytes) throws SQLException {
        markPiece(c, id, table, index, rows, bytes);
      }
    };
  }

  /**
   * The marks of run {@code id} alone, for a load's workers in other processes (a distributed engine's): each piece's
   * mark in its own transaction, and a piece marked done is not copied again. The pieces were recorded by the run.
   */
  public static PieceJournal marks(String id) {
    return new PieceJournal() {
      @Override
      public Layout layout(QualifiedName table) {
        return null;
      }

      @Override
      public void planned(List<Planned> planned) {
        throw new IllegalStateException("the pieces of run " + id + " are planned by the run, not by its workers");
      }

      @Override
      public long[] committed(Connection c, QualifiedName table, int index) throws SQLException {
        return committedPiece(c, id, table, index);
      }

      @Override
      public void committing(Connection c, QualifiedName table, int index, long rows, long bytes) throws SQLException {
        markPiece(c, id, table, index, rows, bytes);
      }
    };
  }

  private static long[] committedPiece(Connection c, String id, QualifiedName table, int index) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT rows, bytes FROM pgferry.clone_piece"
        + " WHERE run_id = ? AND source_table = ? AND piece = ? AND done")) {
      p.setString(1, id);
      p.setString(2, table.toString());
      p.setInt(3, index);
      try (java.sql.ResultSet rs = p.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
      }
    }
  }

  private static void markPiece(Connection c, String id, QualifiedName table, int index, long rows, long bytes) throws SQLException {
    // NOT done: two attempts at one piece (an engine's worker thought lost, still copying) cannot both commit; the
    // second waits for the first's row lock, then finds the piece done and rolls its copy back as a serialization failure
    try (PreparedStatement p = c.prepareStatement("UPDATE pgferry.clone_piece SET done = true, rows = ?, bytes = ?"
        + " WHERE run_id = ? AND source_table = ? AND piece = ? AND NOT done")) {
      p.setLong(1, rows);
      p.setLong(2, bytes);
      p.setString(3, id);
      p.setString(4, table.toString());
      p.setInt(5, index);
      if (p.executeUpdate() != 1) {
        if (committedPiece(c, id, table, index) != null) {
          throw new SQLException(table + " piece " + index + " was committed by another attempt", "40001");
        }
        throw new SQLException("pgferry.clone_piece has no row for " + table + " piece " + index + " of run " + id
            + " (was the record removed while the clone ran?)", "P0002");
      }
    }
  }

  /** The seal's side: statements (by a hash of their text) committed by an earlier run are skipped. */
  public Applier.Journal steps() {
    return new Applier.Journal() {
      @Override
      public boolean done(SqlStatement statement) {
        return steps.contains(step(statement));
      }

      @Override
      public boolean recorded(Connection c, List<SqlStatement> statements) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(DISTINCT step) FROM pgferry.clone_step WHERE run_id = ?"
            + " AND step = ANY (?::bigint[])")) {
          p.setString(1, id);
          Object[] keys = statements.stream().map(CloneJournal::step).distinct().toArray();
          p.setArray(2, c.createArrayOf("int8", keys));
          try (java.sql.ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1) == keys.length;
          }
        }
      }

      @Override
      public void record(Connection c, List<SqlStatement> statements) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO pgferry.clone_step (run_id, step) SELECT ?, unnest(?::bigint[]) ON CONFLICT DO NOTHING")) {
          p.setString(1, id);
          p.setArray(2, c.createArrayOf("int8", statements.stream().map(CloneJournal::step).toArray()));
          p.executeUpdate();
        }
      }
    };
  }

  /** A statement's key: the first 8 bytes of the SHA-256 of its text and purpose. */
  static long step(SqlStatement s) {
    byte[] h = sha256(s.sql() + "\u0000" + s.purpose());
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v;
  }

  /** A hex SHA-256, for a plan's fingerprint. */
  public static String fingerprint(String text) {
    return java.util.HexFormat.of().formatHex(sha256(text));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private interface Work {
    void run() throws SQLException;
  }

  private static void inTransaction(Connection c, Work work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** A one-line error for a journal query that failed. */
  public static PgferryException failed(String what, SQLException e) {
    return new PgferryException(PgferryException.Code.TARGET_CONFLICT, what + ": " + io.pgferry.extractor.ServerError.describe(e), e);
  }
}
