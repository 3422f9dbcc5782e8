package io.pgferry.orchestrator.follow;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies decoded changes to the target, inside the caller's transaction: inserts, updates and deletes by the
 * replica identity (the key, or the whole old row for {@code REPLICA IDENTITY FULL}), truncates. Values travel as
 * bind parameters cast to the target column's type. A row an update or delete names must exist exactly once:
 * anything else means the copy and the stream disagree, and the run stops rather than drift.
 */
final class ChangeApplier implements AutoCloseable {
  /** A relation as the stream describes it, with the target's types of its columns. */
  private record Target(PgOutput.Relation rel, String quoted, List<String> types, List<Boolean> alwaysIdentity, boolean partitioned,
      io.pgferry.loader.RowTransformer[] transformers, boolean transformed) {}

  /** The clone's transformers by source table and column: streamed rows are transformed exactly as the copy's. */
  private final Map<io.pgferry.extractor.QualifiedName, Map<String, io.pgferry.loader.RowTransformer>> transforms;

  /** The stream describes a table the target's does not match; {@code schema} is the source schema to bring along. */
  static final class SchemaChanged extends PgferryException {
    private static final long serialVersionUID = 1L;
    final String schema;

    SchemaChanged(String schema, String message) {
      super(Code.SCHEMA, message);
      this.schema = schema;
    }
  }

  private final Connection target;
  private final Map<Integer, Target> relations = new HashMap<>();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  /**
   * Consecutive changes of the same statement are sent as one batch (one round trip for the 3,000 inserts of a bulk
   * transaction); anything else sends the batch first, so the order of changes is kept.
   */
  private PreparedStatement batch;
  private String batchWhat;
  private Target batchTarget;
  private int batched;
  long changes;

  /**
   * With {@code session_replication_role = replica} no trigger and no foreign key check sees the order of changes
   * inside a target transaction, so they are queued per table (each table's in their order) and sent as one batch per
   * run of equal statements: a pgbench transaction's five statements become five round trips per thousand changes.
   */
  private final boolean grouped;
  private final Map<Integer, List<Change>> queued = new java.util.LinkedHashMap<>();
  private final Map<Integer, Integer> mark = new HashMap<>();
  private int queuedCount;

  private record Change(String sql, String what, String[] params) {}

  ChangeApplier(Connection target, boolean grouped) {
    this(target, grouped, Map.of());
  }

  ChangeApplier(Connection target, boolean grouped,
      Map<io.pgferry.extractor.QualifiedName, Map<String, io.pgferry.loader.RowTransformer>> transforms) {
    this.target = target;
    this.grouped = grouped;
    this.transforms = transforms;
  }

  boolean grouped() {
    return grouped;
  }

  /** The start of a source transaction: {@link #discardToMark} forgets what is queued after this. */
  void mark() {
    mark.clear();
    queued.forEach((oid, list) -> mark.put(oid, list.size()));
  }

  /** Changes queued and not yet sent (grouped), or batched and not yet sent (one by one). */
  int unsent() {
    return grouped ? queuedCount : batched;
  }

  /**
   * Sends what was queued before {@link #mark} (the earlier transactions of a group), keeping the rest queued: a
   * large transaction's earlier companions can then commit on their own before it is sent in parts.
   */
  void flushToMark() throws SQLException {
    Map<Integer, List<Change>> rest = new java.util.LinkedHashMap<>();
    for (Map.Entry<Integer, List<Change>> e : queued.entrySet()) {
      List<Change> list = e.getValue();
      int keep = mark.getOrDefault(e.getKey(), 0);
      if (keep < list.size()) {
        rest.put(e.getKey(), new ArrayList<>(list.subList(keep, list.size())));
        list.subList(keep, list.size()).clear();
      }
    }
    flushQueued();
    queued.putAll(rest);
    rest.values().forEach(l -> queuedCount += l.size());
  }

  /** Forgets the changes queued since {@link #mark} (a transaction the target refused). */
  void discardToMark() {
    for (Map.Entry<Integer, List<Change>> e : queued.entrySet()) {
      List<Change> list = e.getValue();
      int keep = mark.getOrDefault(e.getKey(), 0);
      queuedCount -= list.size() - keep;
      list.subList(keep, list.size()).clear();
    }
  }

  /** A relation message: what its later changes mean. Stops when the target's table no longer matches the source's. */
  void relation(PgOutput.Relation r) throws SQLException {
    if (!grouped) {
      flush();
    }
    String quoted = Sql.ident(r.schema()) + "." + Sql.ident(r.name());
    Map<String, String[]> cols = new HashMap<>();
    boolean partitioned = false;
    try (PreparedStatement p = target.prepareStatement("""
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity, c.relkind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = ? AND c.relname = ?""")) {
      p.setString(1, r.schema());
      p.setString(2, r.name());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          cols.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
          partitioned = "p".equals(rs.getString(4));
        }
      }
    }
    List<String> missing = r.columns().stream().map(PgOutput.Column::name).filter(c -> !cols.containsKey(c)).toList();
    if (cols.isEmpty() || !missing.isEmpty()) {
      throw new SchemaChanged(r.schema(), "the source's table " + r.schema() + "." + r.name()
          + (cols.isEmpty() ? " is not in the target" : " has column(s) the target's lacks: " + String.join(", ", missing))
          + "; bring the target's schema along (pgferry schema-sync) and run follow again: it goes on from where it stopped");
    }
    List<String> types = new ArrayList<>();
    List<Boolean> always = new ArrayList<>();
    for (PgOutput.Column c : r.columns()) {
      types.add(cols.get(c.name())[0]);
      always.add("a".equals(cols.get(c.name())[1]));
    }
    Map<String, io.pgferry.loader.RowTransformer> rules = transforms.getOrDefault(io.pgferry.extractor.QualifiedName.of(r.schema(), r.name()),
        Map.of());
    io.pgferry.loader.RowTransformer[] tf = new io.pgferry.loader.RowTransformer[r.columns().size()];
    for (int i = 0; i < tf.length; i++) {
      tf[i] = rules.get(r.columns().get(i).name());
    }
    relations.put(r.oid(), new Target(r, quoted, types, always, partitioned, tf, !rules.isEmpty()));
  }

  void apply(PgOutput.Message m) throws SQLException {
    switch (m) {
      case PgOutput.Insert i -> insert(target(i.relation()), transformed(target(i.relation()), checked(target(i.relation()), i.row())));
      case PgOutput.Update u -> {
        Target t = target(u.relation());
        checked(t, u.old());
        checked(t, u.row());
        update(t, new PgOutput.Update(u.relation(), transformed(t, u.old()), u.oldIsKey(), transformed(t, u.row())));
      }
      case PgOutput.Delete d -> {
        Target t = target(d.relation());
        checked(t, d.old());
        delete(t, new PgOutput.Delete(d.relation(), transformed(t, d.old()), d.oldIsKey()));
      }
      case PgOutput.Truncate t -> truncate(t);
      default -> {
        return;
      }
    }
    changes++;
  }

  private Target target(int oid) {
    Target t = relations.get(oid);
    if (t == null) {
      throw new PgferryException(PgferryException.Code.INTERNAL, "pgoutput: a change of relation " + oid + " before its description");
    }
    return t;
  }

  /**
   * The row as the copy would have written it. An old key is transformed from the key columns alone, which gives
   * the copy's value for rules that depend only on the value itself (hashes, keyed fakes): the only kind a key
   * should have.
   */
  private static PgOutput.Tuple transformed(Target t, PgOutput.Tuple row) {
    if (row == null || !t.transformed()) {
      return row;
    }
    try {
      return new PgOutput.Tuple(new StreamRow(t.rel().columns(), row.values(), t.transformers()).transformed());
    } catch (RuntimeException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "a transform of " + t.rel().schema() + "." + t.rel().name()
          + " failed on a streamed row: " + e.getMessage(), e);
    }
  }

  /** A row must have the columns its relation was described with: fewer or more means the table changed under it. */
  private static PgOutput.Tuple checked(Target t, PgOutput.Tuple row) {
    if (row != null && row.values().size() != t.rel().columns().size()) {
      throw new SchemaChanged(t.rel().schema(), "the source's table " + t.rel().schema() + "." + t.rel().name()
          + " changed its columns (a row of " + row.values().size() + " values, described with " + t.rel().columns().size()
          + "); bring the target's schema along (pgferry schema-sync) and run follow again: it goes on from where it stopped");
    }
    return row;
  }

  private void insert(Target t, PgOutput.Tuple row) throws SQLException {
    List<PgOutput.Column> cols = t.rel().columns();
    String sql = "INSERT INTO " + t.quoted() + " (" + cols.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "))
        + ") OVERRIDING SYSTEM VALUE VALUES (" + casts(t, allIndexes(cols.size())) + ")";
    String[] params = new String[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      params[i] = row.values().get(i);
    }
    add(sql, t, "insert", params);
  }

  private void update(Target t, PgOutput.Update u) throws SQLException {
    List<PgOutput.Column> cols = t.rel().columns();
    List<Integer> set = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      if (u.row().values().get(i) != PgOutput.UNCHANGED && !t.alwaysIdentity().get(i)) {
        set.add(i);
      }
    }
    Where w = where(t, u.old() == null ? u.row() : u.old(), u.old() == null || u.oldIsKey());
    if (set.isEmpty()) {
      return;
    }
    String sql = "UPDATE " + t.quoted() + " SET " + set.stream().map(i -> Sql.ident(cols.get(i).name()) + " = CAST(? AS " + t.types().get(i) + ")")
        .collect(Collectors.joining(", ")) + " WHERE " + w.sql();
    List<String> params = new ArrayList<>();
    for (int i : set) {
      params.add(u.row().values().get(i));
    }
    params.addAll(w.values());
    add(sql, t, "update", params.toArray(String[]::new));
  }

  private void delete(Target t, PgOutput.Delete d) throws SQLException {
    Where w = where(t, d.old(), d.oldIsKey());
    add("DELETE FROM " + t.quoted() + " WHERE " + w.sql(), t, "delete", w.values().toArray(String[]::new));
  }

  private void add(String sql, Target t, String what, String[] params) throws SQLException {
    if (grouped) {
      queued.computeIfAbsent(t.rel().oid(), k -> new ArrayList<>()).add(new Change(sql, what, params));
      queuedCount++;
      return;
    }
    PreparedStatement p = prepared(sql);
    for (int i = 0; i < params.length; i++) {
      p.setString(i + 1, params[i]);
    }
    if (batch != p) {
      flush();
      batch = p;
      batchWhat = what;
      batchTarget = t;
    }
    p.addBatch();
    batched++;
  }

  private void flushQueued() throws SQLException {
    for (Map.Entry<Integer, List<Change>> e : queued.entrySet()) {
      Target t = relations.get(e.getKey());
      List<Change> list = e.getValue();
      for (int from = 0; from < list.size(); ) {
        String sql = list.get(from).sql();
        int to = from;
        PreparedStatement p = prepared(sql);
        while (to < list.size() && list.get(to).sql().equals(sql)) {
          String[] params = list.get(to).params();
          for (int i = 0; i < params.length; i++) {
            p.setString(i + 1, params[i]);
          }
          p.addBatch();
          to++;
        }
        int[] counts = p.executeBatch();
        if (!list.get(from).what().equals("insert")) {
          for (int c : counts) {
            if (c != java.sql.Statement.SUCCESS_NO_INFO) {
              exactlyOne(c, t, list.get(from).what());
            }
          }
        }
        from = to;
      }
    }
    queued.clear();
    queuedCount = 0;
    mark.clear();
  }

  /** Forgets the batched changes (of a transaction rolled back to its savepoint). */
  void discard() throws SQLException {
    if (batch != null) {
      batch.clearBatch();
      batch = null;
      batched = 0;
    }
  }

  /** Sends the batched changes; every update and delete must have found exactly one row. */
  void flush() throws SQLException {
    if (grouped) {
      flushQueued();
      return;
    }
    if (batch == null) {
      return;
    }
    PreparedStatement p = batch;
    batch = null;
    batched = 0;
    int[] counts = p.executeBatch();
    if (!batchWhat.equals("insert")) {
      for (int c : counts) {
        if (c != java.sql.Statement.SUCCESS_NO_INFO) {
          exactlyOne(c, batchTarget, batchWhat);
        }
      }
    }
  }

  private record Where(String sql, List<String> values) {}

  /**
   * The row a change names: by its key columns, or (replica identity full) by every old value, one row of equal
   * ones (a keyless table may hold duplicates; the source changed one of them).
   */
  private static Where where(Target t, PgOutput.Tuple values, boolean byKey) {
    List<PgOutput.Column> cols = t.rel().columns();
    List<String> conds = new ArrayList<>();
    List<String> bound = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      if (byKey ? cols.get(i).key() : values.values().get(i) != PgOutput.UNCHANGED) {
        String v = values.values().get(i);
        conds.add(Sql.ident(cols.get(i).name()) + (v == null ? " IS NULL" : " = CAST(? AS " + t.types().get(i) + ")"));
        if (v != null) {
          bound.add(v);
        }
      }
    }
    if (conds.isEmpty()) {
      throw new PgferryException(PgferryException.Code.SCHEMA, "the source's table " + t.rel().schema() + "." + t.rel().name()
          + " has no replica identity: give it a primary key or REPLICA IDENTITY FULL, or leave it out of follow");
    }
    String match = String.join(" AND ", conds);
    return byKey ? new Where(match, bound) : new Where("ctid = (SELECT ctid FROM " + t.quoted() + " WHERE " + match + " LIMIT 1)", bound);
  }

  private void exactlyOne(int rows, Target t, String what) {
    if (rows != 1) {
      throw new PgferryException(PgferryException.Code.VERIFY, "the stream's " + what + " of a row of " + t.rel().schema() + "."
          + t.rel().name() + " found " + rows + " rows in the target: the target was changed by someone else, or the copy and the"
          + " stream disagree; start over (" + io.pgferry.extractor.Option.CLEANUP.mention("true") + ", then follow again)");
    }
  }

  private void truncate(PgOutput.Truncate tr) throws SQLException {
    flush();
    List<String> names = new ArrayList<>();
    for (int oid : tr.relations()) {
      Target t = target(oid);
      names.add((t.partitioned() ? "" : "ONLY ") + t.quoted());
    }
    try (Statement s = target.createStatement()) {
      s.execute("TRUNCATE " + String.join(", ", names) + (tr.restartIdentity() ? " RESTART IDENTITY" : "") + (tr.cascade() ? " CASCADE" : ""));
    }
  }

  private static String casts(Target t, List<Integer> indexes) {
    return indexes.stream().map(i -> "CAST(? AS " + t.types().get(i) + ")").collect(Collectors.joining(", "));
  }

  private static List<Integer> allIndexes(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement p = statements.get(sql);
    if (p == null) {
      p = target.prepareStatement(sql);
      statements.put(sql, p);
    }
    return p;
  }

  @Override
  public void close() {
    batch = null;
    for (PreparedStatement p : statements.values()) {
      try {
        p.close();
      } catch (SQLException e) {
        // the connection goes with the run
      }
    }
    statements.clear();
  }
}
