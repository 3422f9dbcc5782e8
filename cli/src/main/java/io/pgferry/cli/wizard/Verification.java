package io.pgferry.cli.wizard;

import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** After a run: the target's rows counted against what was copied, and its foreign keys all valid. */
final class Verification {
  private Verification() {}

  static String clone(WizardPlan plan, CloneReport r) {
    ConnectionSpec target = plan.target.resolve(plan.env, plan.home);
    int differ = 0;
    try (Connection c = target.open("pgferry wizard"); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      for (io.pgferry.loader.TableResult t : r.tables()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t.target().quoted())) {
          rs.next();
          if (rs.getLong(1) != t.rows()) {
            differ++;
          }
        }
      }
      return "Verified: " + (differ == 0 ? "row counts of all " + r.tables().size() + " tables match" : differ + " tables' row counts DIFFER")
          + ", " + foreignKeys(s);
    } catch (SQLException e) {
      return "Verification failed: " + io.pgferry.extractor.ServerError.describe(e);
    }
  }

  /** Each synced table's rows counted on both sides (in read-only transactions). */
  static String sync(WizardPlan plan, io.pgferry.orchestrator.sync.SyncReport r) {
    try (Connection src = plan.source.resolve(plan.env, plan.home).open("pgferry wizard");
        Connection c = plan.target.resolve(plan.env, plan.home).open("pgferry wizard");
        Statement ss = src.createStatement(); Statement s = c.createStatement()) {
      src.setReadOnly(true);
      c.setReadOnly(true);
      int differ = 0;
      for (io.pgferry.loader.SyncResult t : r.tables()) {
        if (count(ss, t.source().quoted()) != count(s, t.target().quoted())) {
          differ++;
        }
      }
      return "Verified: " + (differ == 0 ? "row counts of all " + r.tables().size() + " tables equal the source's"
          : differ + " tables' row counts DIFFER from the source's") + ", " + foreignKeys(s);
    } catch (SQLException e) {
      return "Verification failed: " + io.pgferry.extractor.ServerError.describe(e);
    }
  }

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String foreignKeys(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE convalidated), count(*) FROM pg_constraint WHERE contype = 'f'")) {
      rs.next();
      return rs.getLong(1) == rs.getLong(2) ? "foreign keys valid (" + rs.getLong(2) + ")"
          : (rs.getLong(2) - rs.getLong(1)) + " foreign keys NOT validated";
    }
  }
}
