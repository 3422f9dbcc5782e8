package io.pgferry.testkit;

import java.util.List;

/**
 * Row-for-row fingerprint of a table computed by the server alone (count plus md5 of the sorted row
 * texts), so tests compare source and target without trusting any pgferry code.
 */
public record TableDigest(long rows, String md5) {

  /** @param quotedTable a table reference already quoted as SQL, e.g. {@code "My Schema"."Order Items"} */
  public static TableDigest of(TestDatabase db, String quotedTable) {
    List<List<String>> r = db.query("SELECT count(*), md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text COLLATE \"C\"), ''))"
        + " FROM ONLY " + quotedTable + " x");
    return new TableDigest(Long.parseLong(r.get(0).get(0)), r.get(0).get(1));
  }

  /** Every ordinary or partitioned-leaf table of the non-system schemas, quoted, sorted. */
  public static List<String> userTables(TestDatabase db) {
    return db.query("""
        SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgferry')
          AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1""").stream().map(r -> r.get(0)).toList();
  }
}
