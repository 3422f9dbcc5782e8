package io.pgferry.orchestrator.subset;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes which rows a subset keeps, with queries inside the clone's snapshot and nothing written anywhere:
 * rows are named by their address (table, ctid), which no row changes inside one snapshot, so the copy later
 * reads exactly the rows found here. First the start rows and, when children are followed, the rows that
 * reference them, transitively (breadth first, each round one query per edge and batch of new rows); then the
 * parents of every kept row, transitively, without following children again. Self-references and cycles end
 * because a row is queued only the first time it is kept. Time and memory follow the subset, not the database.
 */
final class Closure {
  /** Row addresses sent per query. */
  static final int BATCH = 10_000;

  /** How a table was reached. */
  enum Reach { START, CHILD, PARENT }

  /** A foreign key as the subset follows it (declared, or virtual); names are the child's and the parent's. */
  record Edge(String constraint, Relations.Rel child, List<String> columns, Relations.Rel parent, List<String> referenced,
      boolean virtual) {
    String label() {
      return child.name() + "(" + String.join(", ", columns) + ") -> " + parent.name() + "(" + String.join(", ", referenced) + ")";
    }

    boolean skipped(java.util.Set<String> skip) {
      return skip.contains(child.name() + "." + constraint) || skip.contains(child.name() + "(" + String.join(", ", columns) + ")")
          || skip.contains(child.name() + "(" + String.join(",", columns) + ")");
    }
  }

  /** The kept rows per table (by oid), how each table was reached, and rows added through each edge and way. */
  record Result(Relations relations, Map<Long, TidSet> kept, Map<Long, EnumSet<Reach>> reach, Map<String, Long> followed,
      List<Edge> edges) {}

  private final Connection c;
  private final Relations relations;
  private final List<Edge> edges;
  private final Map<Long, TidSet> down = new HashMap<>();
  private final Map<Long, TidSet> kept = new HashMap<>();
  private final Map<Long, EnumSet<Reach>> reach = new HashMap<>();
  private final Map<String, Long> followed = new LinkedHashMap<>();
  private final Map<Long, List<Edge>> byParent = new HashMap<>();
  private final Map<Long, List<Edge>> byChild = new HashMap<>();
  private Map<Long, List<Long>> newDown = new HashMap<>();
  /**
   * Rows whose parents are still to be looked up, by table and by the foreign key they were reached through as
   * children (null: as start rows or parents): that key's parent is kept already, so it is not looked up again.
   */
  private Map<UpKey, List<Long>> newUp = new HashMap<>();

  private record UpKey(long oid, Edge via) {}

  private Closure(Connection c, Relations relations, List<Edge> edges) {
    this.c = c;
    this.relations = relations;
    this.edges = edges;
    for (Edge e : edges) {
      byParent.computeIfAbsent(e.parent().oid(), k -> new ArrayList<>()).add(e);
      byChild.computeIfAbsent(e.child().oid(), k -> new ArrayList<>()).add(e);
    }
  }

  /** The edges whose parent (or child) side covers {@code leaf}: declared on it or on a partitioned table above it. */
  private List<Edge> touching(Relations.Rel leaf, Map<Long, List<Edge>> index) {
    List<Edge> out = new ArrayList<>();
    for (long oid : relations.selfAndAncestors(leaf)) {
      out.addAll(index.getOrDefault(oid, List.of()));
    }
    return out;
  }

  static Result compute(Connection c, SubsetSpec spec) throws SQLException {
    return compute(c, spec, null);
  }

  /**
   * @param selected the tables the clone copies (its include and exclude), or null for all: foreign keys to or from
   *     other tables are not followed, since their rows are not copied
   */
  static Result compute(Connection c, SubsetSpec spec, java.util.Set<QualifiedName> selected) throws SQLException {
    Relations relations = Relations.read(c);
    List<Edge> edges = Edges.read(c, relations, spec.virtualForeignKeys());
    if (selected != null) {
      for (QualifiedName t : spec.start().keySet()) {
        if (!selected.contains(t)) {
          throw new SQLException("subset start table " + t + " is not one the clone copies (see include and exclude)", "42P01");
        }
      }
      edges = edges.stream().filter(e -> selected.contains(e.child().name()) && selected.contains(e.parent().name())).toList();
    }
    Closure closure = new Closure(c, relations, edges);
    for (Map.Entry<QualifiedName, SubsetSpec.Start> e : spec.start().entrySet()) {
      closure.start(e.getKey(), e.getValue());
    }
    while (!closure.newDown.isEmpty()) {
      closure.downRound(spec);
    }
    while (!closure.newUp.isEmpty()) {
      closure.upRound();
    }
    return new Result(relations, closure.kept, closure.reach, closure.followed, edges);
  }

  private void start(QualifiedName table, SubsetSpec.Start s) throws SQLException {
    Relations.Rel rel = relations.named(table);
    if (rel == null) {
      throw new SQLException("subset start table " + table + " does not exist in the source", "42P01");
    }
    // no alias: the condition is written like a table rule's where, which may name the table
    StringBuilder sql = new StringBuilder("SELECT tableoid::int8, ctid::text FROM " + rel.from());
    if (s.percent() != null) {
      sql.append(" TABLESAMPLE BERNOULLI (?) REPEATABLE (?)");
    }
    if (s.where() != null) {
      sql.append(" WHERE (").append(s.where()).append(")");
    }
    if (s.limit() != null) {
      sql.append(" ORDER BY ").append(rel.primaryKey().isEmpty() ? "tableoid, ctid"
          : rel.primaryKey().stream().map(Sql::ident).collect(Collectors.joining(", "))).append(" LIMIT ?");
    }
    try (PreparedStatement p = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (s.percent() != null) {
        p.setDouble(i++, s.percent());
        p.setDouble(i++, s.seed());
      }
      if (s.limit() != null) {
        p.setLong(i, s.limit());
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          keepDown(rs.getLong(1), TidSet.parse(rs.getString(2)), Reach.START, null);
        }
      }
    }
  }

  /** Children of the rows that became kept in the last round, through every edge not skipped. */
  private void downRound(SubsetSpec spec) throws SQLException {
    Map<Long, List<Long>> round = newDown;
    newDown = new HashMap<>();
    if (!spec.children()) {
      return;
    }
    for (Map.Entry<Long, List<Long>> e : round.entrySet()) {
      Relations.Rel leaf = relations.of(e.getKey());
      for (Edge edge : touching(leaf, byParent)) {
        if (edge.skipped(spec.skip())) {
          continue;
        }
        String sql = "SELECT c.tableoid::int8, c.ctid::text FROM " + edge.child().from() + " c WHERE " + row("c", edge.columns())
            + " IN (SELECT " + list("p", edge.referenced()) + " FROM ONLY " + leaf.name().quoted() + " p WHERE p.ctid = ANY (?::tid[]))";
        query(sql, e.getValue(), (oid, tid) -> keepDown(oid, tid, Reach.CHILD, edge));
      }
    }
  }

  /** Parents of the rows that became kept in the last round, through every edge (a parent is never optional). */
  private void upRound() throws SQLException {
    Map<UpKey, List<Long>> round = newUp;
    newUp = new HashMap<>();
    for (Map.Entry<UpKey, List<Long>> e : round.entrySet()) {
      Relations.Rel leaf = relations.of(e.getKey().oid());
      for (Edge edge : touching(leaf, byChild)) {
        if (edge == e.getKey().via()) {
          continue; // these rows were found as this key's children: its parent of each is kept
        }
        String sql = "SELECT p.tableoid::int8, p.ctid::text FROM " + edge.parent().from() + " p WHERE " + row("p", edge.referenced())
            + " IN (SELECT " + list("c", edge.columns()) + " FROM ONLY " + leaf.name().quoted() + " c WHERE c.ctid = ANY (?::tid[]))";
        query(sql, e.getValue(), (oid, tid) -> keepUp(oid, tid, "parents: " + edge.label()));
      }
    }
  }

  /** {@code via}: the foreign key the row was found through as a child, or null for a start row. */
  private void keepDown(long oid, long tid, Reach how, Edge via) {
    if (down.computeIfAbsent(oid, k -> new TidSet()).add(tid)) {
      newDown.computeIfAbsent(oid, k -> new ArrayList<>()).add(tid);
      kept.computeIfAbsent(oid, k -> new TidSet()).add(tid);
      newUp.computeIfAbsent(new UpKey(oid, via), k -> new ArrayList<>()).add(tid);
      reached(oid, how, via == null ? null : "children: " + via.label());
    }
  }

  private void keepUp(long oid, long tid, String edge) {
    if (kept.computeIfAbsent(oid, k -> new TidSet()).add(tid)) {
      newUp.computeIfAbsent(new UpKey(oid, null), k -> new ArrayList<>()).add(tid);
      reached(oid, Reach.PARENT, edge);
    }
  }

  private void reached(long oid, Reach how, String edge) {
    reach.computeIfAbsent(oid, k -> EnumSet.noneOf(Reach.class)).add(how);
    if (edge != null) {
      followed.merge(edge, 1L, Long::sum);
    }
  }

  private interface RowSink {
    void row(long oid, long tid);
  }

  private void query(String sql, List<Long> tids, RowSink sink) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int from = 0; from < tids.size(); from += BATCH) {
        List<Long> part = tids.subList(from, Math.min(tids.size(), from + BATCH));
        p.setArray(1, c.createArrayOf("text", part.stream().map(TidSet::format).toArray()));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            sink.row(rs.getLong(1), TidSet.parse(rs.getString(2)));
          }
        }
      }
    }
  }

  private static String row(String alias, List<String> columns) {
    return "(" + list(alias, columns) + ")";
  }

  private static String list(String alias, List<String> columns) {
    return columns.stream().map(col -> alias + "." + Sql.ident(col)).collect(Collectors.joining(", "));
  }
}
