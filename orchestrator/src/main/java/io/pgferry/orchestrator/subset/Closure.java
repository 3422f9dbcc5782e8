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
 * Computes which rows a subset keeps, with queries inside the clone's snapshot and nothing written to the source:
 * rows are named by their address (table, ctid), which no row changes inside one snapshot, so the copy later
 * reads exactly the rows found here. First the start rows and, when children are followed, the rows that
 * reference them, transitively (breadth first, each round one query per edge and batch of new rows); then the
 * parents of every kept row, transitively, without following children again. Self-references and cycles end
 * because a row is queued only the first time it is kept. Time and memory follow the subset, not the database;
 * the rows are kept in memory up to {@link SubsetSpec#memory}, and past it the closure starts over with them in
 * temporary tables on the target ({@link SpilledKeys}), so memory stays bounded whatever the subset's size.
 */
final class Closure {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Closure.class);
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

  /**
   * The kept rows per table (by oid) and where they are, how each table was reached, and rows added through
   * each edge and way.
   */
  record Result(Relations relations, Map<Long, Long> counts, KeyStore keys, Map<Long, EnumSet<Reach>> reach,
      Map<String, Long> followed, List<Edge> edges) {}

  private final Connection c;
  private final Relations relations;
  private final List<Edge> edges;
  private final KeyStore keys;
  private final java.util.Set<String> skip;
  private final Map<Long, EnumSet<Reach>> reach = new HashMap<>();
  private final Map<String, Long> followed = new LinkedHashMap<>();
  private final Map<Long, List<Integer>> byParent = new HashMap<>();
  private final Map<Long, List<Integer>> byChild = new HashMap<>();

  private Closure(Connection c, Relations relations, List<Edge> edges, KeyStore keys, java.util.Set<String> skip) {
    this.c = c;
    this.skip = skip;
    this.relations = relations;
    this.edges = edges;
    this.keys = keys;
    for (int i = 0; i < edges.size(); i++) {
      byParent.computeIfAbsent(edges.get(i).parent().oid(), k -> new ArrayList<>()).add(i);
      byChild.computeIfAbsent(edges.get(i).child().oid(), k -> new ArrayList<>()).add(i);
    }
  }

  /** The edges (by index) whose parent (or child) side covers {@code leaf}: declared on it or on a partitioned table above it. */
  private List<Integer> touching(Relations.Rel leaf, Map<Long, List<Integer>> index) {
    List<Integer> out = new ArrayList<>();
    for (long oid : relations.selfAndAncestors(leaf)) {
      out.addAll(index.getOrDefault(oid, List.of()));
    }
    return out;
  }

  /** Where a closure keeps its rows: memory up to a budget, and a target session past it. */
  interface Keys {
    /** Rows beyond what memory may hold go to a new session on the target. */
    Connection spill() throws SQLException;
  }

  static Result compute(Connection c, SubsetSpec spec) throws SQLException {
    return compute(c, spec, null, null);
  }

  /**
   * @param selected the tables the clone copies (its include and exclude), or null for all: foreign keys to or from
   *     other tables are not followed, since their rows are not copied
   * @param spill where rows go past {@link SubsetSpec#memory}, or null to fail there
   */
  static Result compute(Connection c, SubsetSpec spec, java.util.Set<QualifiedName> selected, Keys spill) throws SQLException {
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
    if (spec.memory() > 0) {
      MemoryKeys memory = new MemoryKeys(spec.memory());
      try {
        return new Closure(c, relations, edges, memory, spec.skip()).run(spec);
      } catch (MemoryKeys.Full full) {
        memory.close();
        if (spill == null) {
          throw new SQLException("the subset keeps more rows than its memory allows (" + full.getMessage() + ")", "53200");
        }
        LOG.info("the subset keeps more rows than {} bytes of memory hold ({} and more): starting over with its key sets in"
            + " temporary tables on the target", spec.memory(), full.getMessage());
      }
    }
    SpilledKeys spilled = SpilledKeys.open(spill.spill());
    try {
      return new Closure(c, relations, edges, spilled, spec.skip()).run(spec);
    } catch (SQLException | RuntimeException e) {
      spilled.close();
      throw e;
    }
  }

  private Result run(SubsetSpec spec) throws SQLException {
    for (Map.Entry<QualifiedName, SubsetSpec.Start> e : spec.start().entrySet()) {
      start(e.getKey(), e.getValue());
    }
    if (spec.children()) {
      while (keys.downRound(this::children)) {
        // each round's new rows are the next round's work
      }
    }
    while (keys.upRound(this::parents)) {
      // likewise for parents
    }
    keys.complete();
    return new Result(relations, keys.counts(), keys, reach, followed, edges);
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
      p.setFetchSize(BATCH);
      int i = 1;
      if (s.percent() != null) {
        p.setDouble(i++, s.percent());
        p.setDouble(i++, s.seed());
      }
      if (s.limit() != null) {
        p.setLong(i, s.limit());
      }
      try (ResultSet rs = p.executeQuery()) {
        read(rs, (oid, tids, n) -> reached(oid, Reach.START, null, keys.addDown(oid, -1, tids, n)));
      }
    }
  }

  /** Children of a batch of rows kept in the last round, through every edge not skipped. */
  private void children(long oid, int via, long[] tids, int n) throws SQLException {
    Relations.Rel leaf = relations.of(oid);
    for (int i : touching(leaf, byParent)) {
      Edge edge = edges.get(i);
      if (edge.skipped(skip)) {
        continue;
      }
      String sql = "SELECT c.tableoid::int8, c.ctid::text FROM " + edge.child().from() + " c WHERE " + row("c", edge.columns())
          + " IN (SELECT " + list("p", edge.referenced()) + " FROM ONLY " + leaf.name().quoted() + " p WHERE p.ctid = ANY (?::tid[]))";
      query(sql, tids, n, (o, found, k) -> reached(o, Reach.CHILD, "children: " + edge.label(), keys.addDown(o, i, found, k)));
    }
  }

  /** Parents of a batch of rows kept in the last round, through every edge (a parent is never optional). */
  private void parents(long oid, int via, long[] tids, int n) throws SQLException {
    Relations.Rel leaf = relations.of(oid);
    for (int i : touching(leaf, byChild)) {
      if (i == via) {
        continue; // these rows were found as this key's children: its parent of each is kept
      }
      Edge edge = edges.get(i);
      String sql = "SELECT p.tableoid::int8, p.ctid::text FROM " + edge.parent().from() + " p WHERE " + row("p", edge.referenced())
          + " IN (SELECT " + list("c", edge.columns()) + " FROM ONLY " + leaf.name().quoted() + " c WHERE c.ctid = ANY (?::tid[]))";
      query(sql, tids, n, (o, found, k) -> reached(o, Reach.PARENT, "parents: " + edge.label(), keys.addUp(o, found, k)));
    }
  }

  private void reached(long oid, Reach how, String edge, long added) {
    if (added > 0) {
      reach.computeIfAbsent(oid, k -> EnumSet.noneOf(Reach.class)).add(how);
      if (edge != null) {
        followed.merge(edge, added, Long::sum);
      }
    }
  }

  /** Found rows of one table, at most {@link #BATCH} at once. */
  private interface Found {
    void rows(long oid, long[] tids, int n) throws SQLException;
  }

  private void query(String sql, long[] tids, int n, Found sink) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setFetchSize(BATCH);
      String[] text = new String[n];
      for (int i = 0; i < n; i++) {
        text[i] = TidSet.format(tids[i]);
      }
      p.setArray(1, c.createArrayOf("text", text));
      try (ResultSet rs = p.executeQuery()) {
        read(rs, sink);
      }
    }
  }

  /** Streams (tableoid, ctid) rows into per-table batches: a result may hold more rows than memory should. */
  private static void read(ResultSet rs, Found sink) throws SQLException {
    Map<Long, LongList> open = new HashMap<>();
    while (rs.next()) {
      long oid = rs.getLong(1);
      LongList list = open.computeIfAbsent(oid, k -> new LongList());
      list.add(TidSet.parse(rs.getString(2)));
      if (list.size() == BATCH) {
        sink.rows(oid, list.values(), list.size());
        open.remove(oid);
      }
    }
    for (Map.Entry<Long, LongList> e : open.entrySet()) {
      sink.rows(e.getKey(), e.getValue().values(), e.getValue().size());
    }
  }

  private static String row(String alias, List<String> columns) {
    return "(" + list(alias, columns) + ")";
  }

  private static String list(String alias, List<String> columns) {
    return columns.stream().map(col -> alias + "." + Sql.ident(col)).collect(Collectors.joining(", "));
  }
}
