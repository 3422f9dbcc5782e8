package io.pgferry.orchestrator.subset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The foreign keys the subset follows: every declared one (as declared on its table; the copies PostgreSQL keeps
 * on each partition are left out, since the partitioned table's covers them), then the virtual ones.
 */
final class Edges {
  private Edges() {}

  private static final String SQL = """
      SELECT co.conname, co.conrelid::int8, co.confrelid::int8,
             ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(att, ord)
                   JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.att ORDER BY k.ord),
             ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(att, ord)
                   JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.att ORDER BY k.ord)
      FROM pg_constraint co WHERE co.contype = 'f' AND co.conparentid = 0
      ORDER BY co.conrelid, co.conname""";

  static List<Closure.Edge> read(Connection c, Relations relations, List<SubsetSpec.VirtualKey> virtual) throws SQLException {
    List<Closure.Edge> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
      while (rs.next()) {
        Relations.Rel child = relations.ofOrNull(rs.getLong(2));
        Relations.Rel parent = relations.ofOrNull(rs.getLong(3));
        if (child == null || parent == null) {
          continue; // a system or pgferry table
        }
        out.add(new Closure.Edge(rs.getString(1), child, strings(rs, 4), parent, strings(rs, 5), false));
      }
    }
    for (SubsetSpec.VirtualKey v : virtual) {
      Relations.Rel child = relations.named(v.from());
      Relations.Rel parent = relations.named(v.to());
      if (child == null || parent == null) {
        throw new SQLException("virtual foreign key " + v.from() + v.columns() + " -> " + v.to() + v.referenced() + ": "
            + (child == null ? v.from() : v.to()) + " does not exist in the source", "42P01");
      }
      out.add(new Closure.Edge("virtual", child, v.columns(), parent, v.referenced(), true));
    }
    return out;
  }

  private static List<String> strings(ResultSet rs, int col) throws SQLException {
    return Arrays.stream((Object[]) rs.getArray(col).getArray()).map(String::valueOf).toList();
  }
}
