package io.pgferry.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the fault tests share: a source with enough pieces and index builds for a fault to land anywhere, and a probe. */
public final class FaultFixtures {
  private FaultFixtures() {}

  /**
   * {@code tables} tables {@code t1…} of {@code rows} rows each (a key, a text and a number), each with two indexes:
   * split into several pieces at a small chunk size, and with index builds for the seal.
   */
  public static String indexedTables(int tables, int rows) {
    return """
        DO $$
        BEGIN
          FOR i IN 1..%d LOOP
            EXECUTE format('CREATE TABLE t%%s (id int PRIMARY KEY, note text, n int)', i);
            EXECUTE format('INSERT INTO t%%s SELECT g, repeat(md5(g::text), 4), g %%%% 97 FROM generate_series(1, %d) g', i);
            EXECUTE format('CREATE INDEX ON t%%s (note)', i);
            EXECUTE format('CREATE INDEX ON t%%s (n, note)', i);
          END LOOP;
        END $$""".formatted(tables, rows);
  }

  /** Load pieces a clone has marked done in the target; 0 while it has no record (or it was just removed). */
  public static long piecesDone(Connection target) {
    try (Statement s = target.createStatement();
        ResultSet rs = s.executeQuery("SELECT CASE WHEN to_regclass('pgferry.clone_piece') IS NULL THEN 0 ELSE 1 END")) {
      rs.next();
      if (rs.getInt(1) == 0) {
        return 0;
      }
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM pgferry.clone_piece WHERE done")) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      return 0;
    }
  }
}
