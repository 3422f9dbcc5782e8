package io.pgferry.orchestrator.subset;

import io.pgferry.extractor.QualifiedName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source's tables as the subset sees them, read in one query: name, whether partitioned, primary key
 * columns (the order of a {@code limit}), and the partitioned tables each partition belongs to. Rows live in
 * leaves; a foreign key declared on a partitioned table covers all of its leaves.
 */
final class Relations {
  record Rel(long oid, QualifiedName name, boolean partitioned, List<String> primaryKey, List<Long> ancestors,
      long estimatedRows) {
    /** {@code ONLY t}, or {@code t} for a partitioned table (which holds no rows of its own). */
    String from() {
      return (partitioned ? "" : "ONLY ") + name.quoted();
    }
  }

  private static final String SQL = """
      SELECT c.oid::int8, n.nspname, c.relname, c.relkind = 'p',
             ARRAY(SELECT a.attname::text FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(att, ord)
                   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.att
                   WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY k.ord),
             CASE WHEN c.relispartition THEN
               ARRAY(SELECT p.relid::int8 FROM pg_partition_ancestors(c.oid) p WHERE p.relid <> c.oid) END,
             c.reltuples::int8
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'pgferry')
        AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'""";

  private final Map<Long, Rel> byOid = new HashMap<>();
  private final Map<QualifiedName, Rel> byName = new HashMap<>();

  static Relations read(Connection c) throws SQLException {
    Relations r = new Relations();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
      while (rs.next()) {
        List<Long> ancestors = rs.getArray(6) == null ? List.of()
            : Arrays.stream((Object[]) rs.getArray(6).getArray()).map(o -> ((Number) o).longValue()).toList();
        Rel rel = new Rel(rs.getLong(1), QualifiedName.of(rs.getString(2), rs.getString(3)), rs.getBoolean(4),
            Arrays.stream((Object[]) rs.getArray(5).getArray()).map(String::valueOf).toList(), ancestors, rs.getLong(7));
        r.byOid.put(rel.oid(), rel);
        r.byName.put(rel.name(), rel);
      }
    }
    return r;
  }

  Rel of(long oid) {
    Rel r = byOid.get(oid);
    if (r == null) {
      throw new IllegalStateException("no table with oid " + oid + " in the snapshot");
    }
    return r;
  }

  Rel ofOrNull(long oid) {
    return byOid.get(oid);
  }

  Rel named(QualifiedName name) {
    return byName.get(name);
  }

  /** Whether rows of {@code leaf} belong to {@code relation}: it is the relation, or a partition under it. */
  boolean within(Rel leaf, Rel relation) {
    return leaf.oid() == relation.oid() || leaf.ancestors().contains(relation.oid());
  }

  /** {@code leaf} and the partitioned tables above it: the relations whose foreign keys cover its rows. */
  List<Long> selfAndAncestors(Rel leaf) {
    List<Long> out = new ArrayList<>(1 + leaf.ancestors().size());
    out.add(leaf.oid());
    out.addAll(leaf.ancestors());
    return out;
  }

  /** The tables holding rows under {@code rel}: itself, or the leaves of a partitioned table. */
  List<Rel> leaves(Rel rel) {
    if (!rel.partitioned()) {
      return List.of(rel);
    }
    if (leaves == null) {
      leaves = new HashMap<>();
      for (Rel r : byOid.values()) {
        if (!r.partitioned()) {
          for (long a : r.ancestors()) {
            leaves.computeIfAbsent(a, k -> new ArrayList<>()).add(r);
          }
        }
      }
    }
    return leaves.getOrDefault(rel.oid(), List.of());
  }

  private Map<Long, List<Rel>> leaves;

  List<Rel> all() {
    return new ArrayList<>(byOid.values());
  }
}
