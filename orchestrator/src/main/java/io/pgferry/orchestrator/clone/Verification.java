package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.Endpoint;

import io.pgferry.extractor.CatalogReader;
import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a finished clone against its source: exact row counts of every table, and every foreign key,
 * constraint and index present in the target with its foreign keys validated.
 */
public record Verification(boolean ok, List<String> lines) {
  public Verification {
    lines = List.copyOf(lines);
  }

  public static Verification compare(Endpoint source, Endpoint target, Map<String, String> schemaMap) {
    SchemaMap map = SchemaMap.of(schemaMap);
    try (Connection s = source.open("pgferry verify"); Connection t = target.open("pgferry verify")) {
      s.setReadOnly(true);
      Catalog sc = CatalogReader.read(s);
      List<String> lines = new ArrayList<>();
      boolean ok = true;
      long rows = 0;
      int tables = 0;
      for (Table table : sc.tables()) {
        if (!table.holdsRows()) {
          continue;
        }
        tables++;
        long a = count(s, table.name());
        long b = count(t, map.name(table.name()));
        rows += a;
        if (a != b) {
          ok = false;
          lines.add("verify   MISMATCH " + table.name() + ": source " + a + " rows, target " + b);
        }
      }
      if (ok) {
        lines.add(String.format(Locale.ROOT, "verify   rows: %d tables, %,d rows, every count equal", tables, rows));
      }
      long fks = sc.tables().stream().flatMap(x -> x.constraints().stream()).filter(c -> c.kind() == Constraint.Kind.FOREIGN_KEY).count();
      long cons = sc.tables().stream().mapToLong(x -> x.constraints().size()).sum();
      long idx = sc.tables().stream().mapToLong(x -> x.indexes().size()).sum();
      List<String> schemas = sc.tables().stream().map(x -> map.schema(x.name().schema())).distinct().toList();
      long[] tgt = targetCounts(t, schemas);
      boolean fkOk = tgt[0] == fks && tgt[1] == 0;
      lines.add(String.format(Locale.ROOT, "verify   foreign keys: %d of %d present, %s", tgt[0], fks,
          tgt[1] == 0 ? "all valid" : tgt[1] + " NOT VALIDATED"));
      boolean consOk = tgt[2] == cons;
      lines.add(String.format(Locale.ROOT, "verify   constraints: %d of %d present; indexes: %d of %d present", tgt[2], cons, tgt[3], idx));
      ok &= fkOk && consOk && tgt[3] == idx;
      return new Verification(ok, lines);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.VERIFY, "verification failed: " + e.getMessage(), e);
    }
  }

  private static long count(Connection c, QualifiedName table) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + table.quoted())) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Foreign keys, unvalidated foreign keys, all constraints and secondary indexes in the given schemas. */
  private static long[] targetCounts(Connection c, List<String> schemas) throws SQLException {
    String sql = """
        SELECT count(*) FILTER (WHERE co.contype = 'f'), count(*) FILTER (WHERE co.contype = 'f' AND NOT co.convalidated),
               count(*) FILTER (WHERE co.contype IN ('p', 'u', 'c', 'f', 'x')),
               (SELECT count(*) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_namespace n2 ON n2.oid = ic.relnamespace
                WHERE n2.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                  AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
                  AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid))
        FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE n.nspname = ANY (?) AND co.conislocal AND co.conparentid = 0""";
    try (var p = c.prepareStatement(sql)) {
      var arr = c.createArrayOf("text", schemas.toArray());
      p.setArray(1, arr);
      p.setArray(2, arr);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
      }
    }
  }
}
