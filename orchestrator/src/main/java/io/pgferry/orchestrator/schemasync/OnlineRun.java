package io.pgferry.orchestrator.schemasync;

import io.pgferry.applier.Applier;
import io.pgferry.applier.ApplyException;
import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.SqlStatement;
import io.pgferry.orchestrator.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The online steps of a plan, after its transaction committed: each on its own. A failed CREATE INDEX CONCURRENTLY
 * leaves an invalid index behind, which is dropped so that running the sync again can build it; the error says what
 * is done and what is left.
 */
final class OnlineRun {
  private static final Pattern CONCURRENT_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX CONCURRENTLY (\"(?:[^\"]|\"\")*\"|\\S+) ON "
      + "(\"(?:[^\"]|\"\")*\"|[^.\\s]+)\\.");

  private OnlineRun() {}

  static void apply(RunListener listener, Applier applier, Connection dst, List<SqlStatement> steps, String target) {
    if (steps.isEmpty()) {
      return;
    }
    listener.phaseStarted("schema-sync", steps.size() + " online steps, each on its own");
    for (int i = 0; i < steps.size(); i++) {
      try {
        applier.applyEach(dst, List.of(steps.get(i)));
      } catch (ApplyException e) {
        String cleanup = dropInvalidIndex(dst, steps.get(i).sql());
        throw new PgferryException(PgferryException.Code.SCHEMA_SYNC, "schema-sync of " + target + ": online step " + (i + 1) + " of "
            + steps.size() + " failed: " + e.getMessage() + "; the plan's transaction and the " + i + " online steps before it are"
            + " committed" + cleanup + "; fix the cause and run schema-sync again to finish the rest", e);
      }
    }
  }

  /** After a failed CREATE INDEX CONCURRENTLY: its invalid index, dropped; what to add to the error. */
  private static String dropInvalidIndex(Connection dst, String sql) {
    Matcher m = CONCURRENT_INDEX.matcher(sql);
    if (!m.find()) {
      return "";
    }
    String index = m.group(2) + "." + m.group(1);
    try (Statement s = dst.createStatement()) {
      s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
      return "; the invalid index " + index + " it left was dropped";
    } catch (SQLException x) {
      return "; the invalid index " + index + " it left could not be dropped (" + Applier.describe(x) + "): drop it by hand";
    }
  }
}
