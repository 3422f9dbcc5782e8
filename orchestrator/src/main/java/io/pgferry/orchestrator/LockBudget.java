package io.pgferry.orchestrator;

import io.pgferry.extractor.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many locks one transaction of a phase may take on the target, and the split of a statement list into
 * transactions that stay below it. A transaction holds a lock on every relation it creates or alters until it
 * commits, and the server's shared lock table (max_locks_per_transaction x (max_connections +
 * max_prepared_transactions)) is all there is: on a server with default settings about 6,400 entries, so
 * 10,000 new tables in one transaction fail with "out of shared memory".
 */
public record LockBudget(long perTransaction) {
  /** A quarter of the lock table: other sessions on the server need theirs, and the estimates are rough. */
  public static LockBudget of(Connection target) throws SQLException {
    try (PreparedStatement p = target.prepareStatement("SELECT current_setting('max_locks_per_transaction')::int8, "
        + "current_setting('max_connections')::int8 + current_setting('max_prepared_transactions')::int8");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      long perConnection = rs.getLong(1);
      return new LockBudget(Math.max(perConnection, perConnection * rs.getLong(2) / 4));
    }
  }

  /**
   * Lock entries a statement leaves held until commit, over-estimated: a new table comes with its TOAST table
   * and index, and each identity column with a sequence; a drop locks every dependent object too (indexes,
   * sequences, types, constraints, defaults), which {@code DROP} statements built by {@link TargetGuard} count
   * themselves through {@link #drop}.
   */
  static long locks(SqlStatement st) {
    String sql = st.sql();
    String head = sql.substring(0, Math.min(sql.length(), 40)).toUpperCase(Locale.ROOT);
    if (head.startsWith("CREATE TABLE") || head.startsWith("CREATE UNLOGGED TABLE")) {
      return 3 + count(sql, " AS IDENTITY");
    }
    if (head.startsWith("CREATE MATERIALIZED VIEW") || head.startsWith("CREATE VIEW") || head.startsWith("CREATE OR REPLACE VIEW")) {
      return 4;
    }
    if (head.startsWith("ALTER TABLE") || head.startsWith("CREATE INDEX") || head.startsWith("CREATE UNIQUE INDEX")) {
      return 3;
    }
    return head.startsWith("SET ") ? 0 : 2;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  /**
   * {@code statements} in order, cut into transactions of at most {@link #perTransaction} estimated locks
   * (one statement over it alone gets a transaction of its own). A {@code SET LOCAL} holds for one transaction only:
   * every transaction after it starts with it again (the base phase's {@code check_function_bodies = off} follows the
   * schemas it creates first, and a routine in a later transaction needs it as much). One transaction when all fits.
   */
  public List<List<SqlStatement>> split(List<SqlStatement> statements) {
    List<SqlStatement> settings = new ArrayList<>();
    List<List<SqlStatement>> out = new ArrayList<>();
    List<SqlStatement> current = new ArrayList<>();
    int own = 0; // statements in current besides the repeated settings
    long held = 0;
    for (SqlStatement st : statements) {
      if (st.sql().startsWith("SET LOCAL ")) {
        settings.add(st);
        current.add(st);
        continue;
      }
      long n = locks(st);
      if (held + n > perTransaction && own > 0) {
        out.add(current);
        current = new ArrayList<>(settings);
        own = 0;
        held = 0;
      }
      current.add(st);
      own++;
      held += n;
    }
    if (own > 0 || out.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
