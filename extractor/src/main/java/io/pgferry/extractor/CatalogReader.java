package io.pgferry.extractor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's catalog into an immutable {@link Catalog} with a fixed number of set-based queries
 * (one per object kind, never one per table), so 10,000 tables cost the same round trips as ten.
 *
 * <p>Runs with an empty search_path for the duration of the read, which makes {@code format_type},
 * {@code pg_get_expr}, {@code pg_get_constraintdef} and friends print every user object schema-qualified:
 * the DDL can then be replayed (and schema-mapped) without depending on the target's search_path.
 */
public final class CatalogReader {
  /** Schemas that belong to PostgreSQL itself or to pgferry's own bookkeeping. */
  static final String USER_SCHEMA = """
      n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'pgferry'
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass
                      AND e.objid = n.oid AND e.deptype = 'e')""";

  /** Objects created by an extension are the extension's business, not ours. */
  static String notExtensionMember(String catalog, String oidExpr) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
        + oidExpr + " AND e.deptype = 'e')";
  }

  /** Readers of the kinds kept as {@link SchemaObject}s; each reads all objects of its kinds in a few queries. */
  @FunctionalInterface
  interface ObjectReader {
    List<SchemaObject> read(Connection c) throws SQLException;
  }

  static final List<ObjectReader> OBJECT_READERS = List.of(TypeObjectsReader::read, RoutineObjectsReader::read,
      OperatorObjectsReader::read, TextSearchObjectsReader::read, StorageObjectsReader::read, RuleObjectsReader::read,
      ForeignObjectsReader::read);

  private CatalogReader() {}

  /**
   * Reads the catalog on {@code connection} inside whatever transaction it is in (the orchestrator runs
   * it in the exported-snapshot transaction, so the model matches the data exactly).
   */
  public static Catalog read(Connection connection) {
    return read(connection, false, false);
  }

  /**
   * As {@link #read(Connection)}, optionally with grants and default privileges ({@code privileges}) and
   * object owners ({@code owners}); both name roles, which must then exist wherever the DDL is replayed.
   */
  public static Catalog read(Connection connection, boolean privileges, boolean owners) {
    return read(connection, privileges, owners, false, null);
  }

  /**
   * As {@link #read(Connection, boolean, boolean)}, with part of the queries run at the same time on extra
   * connections from {@code helpers}: views, routines, the other object kinds, privileges and dependencies on
   * one in the same snapshot, sequences' last values on another. On a big catalog the server's work is most of
   * the read, and one backend uses one core. The read closes every connection it gets.
   */
  public static Catalog read(Connection connection, boolean privileges, boolean owners, Helpers helpers) {
    return read(connection, privileges, owners, false, helpers);
  }

  /** Extra connections to the database being read; each method returns null when it has none to give. */
  public interface Helpers {
    /** A connection in a read-only transaction on the same snapshot as the main connection's. */
    Connection onSnapshot();

    /** A connection of the same database in autocommit mode. */
    Connection plain();
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      } catch (SQLException ignored) {
        // closing anyway
      }
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing was written on it
      }
    }
  }

  /**
   * Only what moving rows needs: schemas, enums, sequences, tables with their columns, constraints and
   * indexes, and dependencies. Views, routines, other objects and privileges stay empty, which saves most
   * of the catalog queries (a data sync reads both catalogs before any row moves).
   */
  public static Catalog readTables(Connection connection) {
    return read(connection, false, false, true, null);
  }

  private static Catalog read(Connection connection, boolean privileges, boolean owners, boolean tablesOnly,
      Helpers helpers) {
    try (Statement s = connection.createStatement()) {
      String oldPath;
      String oldJit;
      try (ResultSet rs = s.executeQuery("SELECT current_setting('search_path'), current_setting('server_version_num')::int,"
          + " current_setting('jit')")) {
        rs.next();
        oldPath = rs.getString(1);
        oldJit = rs.getString(3);
        if (rs.getInt(2) < 140000) {
          throw new ExtractException(ExtractException.Reason.UNSUPPORTED_SERVER,
              "PostgreSQL " + rs.getInt(2) / 10000 + " is not supported; pgferry needs 14 or newer", null);
        }
      }
      // jit off: the catalog queries are costed above jit_above_cost on big catalogs, and compiling them took
      // longer than running them (the dependency query at 1,000 tables: 1.3 s with JIT, 0.16 s without).
      s.execute("SELECT set_config('search_path', '', false), set_config('jit', 'off', false)");
      // Some catalog functions lock the relation they describe (pg_get_expr on PostgreSQL 16+,
      // pg_relation_size), until the transaction ends: in the clone's snapshot transaction, which stays open
      // through the load, 10,000 tables' locks would sit in the server's lock table the whole run. Rolling
      // back to a savepoint releases them; what was read stays read.
      java.sql.Savepoint read = connection.getAutoCommit() ? null : connection.setSavepoint();
      try {
        return readWithEmptyPath(connection, privileges, owners, tablesOnly, helpers);
      } finally {
        if (read != null) {
          connection.rollback(read);
        }
        try (PreparedStatement p = connection.prepareStatement("SELECT set_config('search_path', ?, false), set_config('jit', ?, false)")) {
          p.setString(1, oldPath);
          p.setString(2, oldJit);
          p.execute();
        }
      }
    } catch (SQLException e) {
      throw ExtractException.read("the catalog", e);
    }
  }

  private static Catalog readWithEmptyPath(Connection c, boolean privileges, boolean owners, boolean tablesOnly,
      Helpers helpers) throws SQLException {
    Connection valuesConnection = helpers == null ? null : helpers.plain();
    Connection objectsConnection = helpers == null || tablesOnly ? null : helpers.onSnapshot();
    SideRead<Map<Long, Long>> values = valuesConnection == null ? null : SequenceValues.start(valuesConnection);
    SideRead<ObjectsRead.Result> others = objectsConnection == null ? null : ObjectsRead.start(objectsConnection, privileges, owners);
    try {
      int version = intQuery(c, "SELECT current_setting('server_version_num')::int");
      List<String> schemas = strings(c, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA + " ORDER BY 1");
      List<EnumType> enums = CatalogLocks.released(c, () -> enums(c));
      SideRead<Map<Long, Long>> sequenceValues = values;
      Map<Long, SequenceInfo> sequenceInfo = CatalogLocks.released(c, () -> sequences(c, sequenceValues));
      values = null;
      Map<Long, List<Column>> columns = CatalogLocks.released(c, () -> columns(c, sequenceInfo));
      Map<Long, List<Constraint>> constraints = CatalogLocks.released(c, () -> constraints(c));
      Map<Long, List<Index>> indexes = CatalogLocks.released(c, () -> indexes(c));
      List<Table> tables = CatalogLocks.released(c, () -> tables(c, columns, constraints, indexes));
      List<Sequence> sequences = sequenceInfo.values().stream()
          .filter(si -> !si.identity)
          .map(si -> new Sequence(si.name, si.options, si.lastValue, si.ownedByTable, si.ownedByColumn))
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .toList();
      if (tablesOnly) {
        return new Catalog(version, schemas, enums, sequences, tables, List.of(), List.of(), Dependencies.read(c));
      }
      ObjectsRead.Result rest = others != null ? others.join() : ObjectsRead.readAll(c, privileges, owners);
      others = null;
      return new Catalog(version, schemas, enums, sequences, tables, rest.views(), rest.objects(), rest.dependencies());
    } finally {
      if (values != null) {
        values.abandon();
      }
      if (others != null) {
        others.abandon();
      }
      close(valuesConnection);
      close(objectsConnection);
    }
  }

  private static List<EnumType> enums(Connection c) throws SQLException {
    String sql = """
        SELECT n.nspname, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typtype = 'e' AND %s AND %s
        GROUP BY n.nspname, t.typname ORDER BY 1, 2""".formatted(USER_SCHEMA, notExtensionMember("pg_type", "t.oid"));
    List<EnumType> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new EnumType(new QualifiedName(rs.getString(1), rs.getString(2)), stringArray(rs.getArray(3))));
      }
    }
    return out;
  }

  /** What we know of a sequence before deciding whether it is stand-alone or an identity's. */
  private record SequenceInfo(QualifiedName name, SequenceOptions options, Long lastValue, boolean identity,
      long ownerTable, int ownerColumn, QualifiedName ownedByTable, String ownedByColumn) {}

  /** With {@code values} (joined here), sequences' last values read elsewhere; without, read on {@code c}. */
  private static Map<Long, SequenceInfo> sequences(Connection c, SideRead<Map<Long, Long>> values) throws SQLException {
    // pg_sequences.last_value is NULL when nextval was never called (or we lack the privilege): then the
    // target's fresh sequence is already right.
    String sql = """
        SELECT s.seqrelid::int8, n.nspname, cl.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
               s.seqmin, s.seqmax, s.seqcache, s.seqcycle, has_sequence_privilege(s.seqrelid, 'SELECT')::int::int8,
               d.deptype, d.refobjid::int8, d.refobjsubid, tn.nspname, tc.relname, a.attname
        FROM pg_sequence s
        JOIN pg_class cl ON cl.oid = s.seqrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class tc ON tc.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE %s AND %s ORDER BY 2, 3""".formatted(USER_SCHEMA, notExtensionMember("pg_class", "cl.oid"));
    Map<Long, SequenceInfo> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        SequenceOptions opts = new SequenceOptions(rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
            rs.getLong(8), rs.getLong(9), rs.getBoolean(10));
        // for now 1 when we may read the sequence; its last value is read below (lastValues)
        Long lastValue = rs.getLong(11);
        String dep = rs.getString(12);
        boolean owned = dep != null;
        out.put(rs.getLong(1), new SequenceInfo(new QualifiedName(rs.getString(2), rs.getString(3)), opts, lastValue,
            "i".equals(dep), owned ? rs.getLong(13) : 0, owned ? rs.getInt(14) : 0,
            owned ? new QualifiedName(rs.getString(15), rs.getString(16)) : null, owned ? rs.getString(17) : null));
      }
    }
    Map<Long, Long> last = values != null ? values.join() : lastValues(c, out.entrySet().stream().filter(e -> e.getValue().lastValue != null && e.getValue().lastValue == 1)
        .map(e -> Map.entry(e.getKey(), e.getValue().name)).toList());
    out.replaceAll((oid, si) -> new SequenceInfo(si.name, si.options, last.get(oid), si.identity, si.ownerTable, si.ownerColumn,
        si.ownedByTable, si.ownedByColumn));
    return out;
  }


  /**
   * {@code expr} (of the relation's oid {@code o}, e.g. a table's size) for every relation, null values left
   * out. Each read locks its relation until the transaction ends, and in the clone's snapshot transaction
   * 10,000 tables held their locks through the whole load and filled the server's lock table. So each chunk
   * is read in a savepoint that is rolled back, which releases its locks (sizes are not versioned: nothing
   * else changes).
   */
  /**
   * Sequences' last values (absent when nextval was never called; sequences we may not read are not asked, as
   * pg_sequences shows them: the target's fresh sequence is then already right). Read as relations, a chunk
   * per statement, in a savepoint rolled back: pg_sequence_last_value would keep each sequence's lock until
   * the snapshot transaction ends, whatever savepoint it ran in.
   */
  private static Map<Long, Long> lastValues(Connection c, List<Map.Entry<Long, QualifiedName>> sequences) throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    int perRead = sequences.isEmpty() ? 1 : 4 * intQuery(c, "SELECT current_setting('max_locks_per_transaction')::int");
    for (int i = 0; i < sequences.size(); i += perRead) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<Long, QualifiedName> e : sequences.subList(i, Math.min(sequences.size(), i + perRead))) {
        parts.add("SELECT " + e.getKey() + "::int8, CASE WHEN is_called THEN last_value END FROM " + e.getValue().quoted());
      }
      java.sql.Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(String.join(" UNION ALL ", parts))) {
        while (rs.next()) {
          long v = rs.getLong(2);
          if (!rs.wasNull()) {
            out.put(rs.getLong(1), v);
          }
        }
      } finally {
        if (sp != null) {
          c.rollback(sp);
        }
      }
    }
    return out;
  }

  private static Map<Long, Long> perRelation(Connection c, java.util.Collection<Long> oids, String expr) throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    List<Long> all = new ArrayList<>(oids);
    String sql = "SELECT o, " + expr + " FROM unnest(?::int8[]) x(o)";
    // a few times a transaction's share of the lock table per statement (256 with default settings)
    int perRead = all.isEmpty() ? 1 : 4 * intQuery(c, "SELECT current_setting('max_locks_per_transaction')::int");
    for (int i = 0; i < all.size(); i += perRead) {
      List<Long> chunk = all.subList(i, Math.min(all.size(), i + perRead));
      java.sql.Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setArray(1, c.createArrayOf("int8", chunk.toArray()));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            long v = rs.getLong(2);
            if (!rs.wasNull()) {
              out.put(rs.getLong(1), v);
            }
          }
        }
      } finally {
        if (sp != null) {
          c.rollback(sp);
        }
      }
    }
    return out;
  }

  private static Map<Long, List<Column>> columns(Connection c, Map<Long, SequenceInfo> seqs) throws SQLException {
    Map<String, SequenceInfo> identityByColumn = new HashMap<>();
    for (SequenceInfo si : seqs.values()) {
      if (si.identity) {
        identityByColumn.put(si.ownerTable + ":" + si.ownerColumn, si);
      }
    }
    String sql = """
        SELECT a.attrelid::int8, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
               CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
                    THEN format('%%I.%%I', cn.nspname, co.collname) END,
               NOT a.attislocal AND NOT cl.relispartition, cl.relispartition
        FROM pg_attribute a
        JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE cl.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND %s AND %s
        ORDER BY a.attrelid, a.attnum""".formatted(USER_SCHEMA, notExtensionMember("pg_class", "cl.oid"));
    Map<Long, List<Column>> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        long rel = rs.getLong(1);
        String expr = rs.getString(6);
        String identityKind = rs.getString(7);
        String generatedKind = rs.getString(8);
        boolean generated = generatedKind != null && !generatedKind.isEmpty();
        Column.Identity identity = null;
        if (identityKind != null && !identityKind.isEmpty()) {
          SequenceInfo si = identityByColumn.get(rel + ":" + rs.getInt(3));
          if (si != null) {
            identity = new Column.Identity("a".equals(identityKind), si.name, si.options, si.lastValue);
          } else if (!rs.getBoolean(11)) {
            throw new ExtractException(ExtractException.Reason.CATALOG_READ,
                "identity column " + rs.getString(2) + " has no identity sequence in the catalog", null);
          }
          // else PostgreSQL 17+: a partition's identity column uses its parent's sequence and comes with ATTACH PARTITION.
        }
        out.computeIfAbsent(rel, k -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getBoolean(5), generated ? null : expr, identity, generated ? expr : null, rs.getString(9), rs.getBoolean(10)));
      }
    }
    return out;
  }

  private static Map<Long, List<Constraint>> constraints(Connection c) throws SQLException {
    // Constraints inherited from a parent (partitions, inheritance children) come back with the parent's, except
    // a partition's own key whose index is attached to its parent's index (a key's or a plain one): its name is
    // the partition's, which the parent's would not give it.
    String sql = """
        SELECT co.conrelid::int8, co.conname, co.contype, pg_get_constraintdef(co.oid),
               ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num ORDER BY k.ord),
               rn.nspname, rc.relname, co.convalidated, pin.nspname, pix.relname, co.connoinherit
        FROM pg_constraint co
        JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        LEFT JOIN pg_class rc ON rc.oid = co.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        LEFT JOIN pg_inherits h ON h.inhrelid = co.conindid AND co.contype IN ('p', 'u', 'x')
        LEFT JOIN pg_class pix ON pix.oid = h.inhparent LEFT JOIN pg_namespace pin ON pin.oid = pix.relnamespace
        WHERE co.contype IN ('p', 'u', 'c', 'f', 'x') AND %s
          AND (co.conislocal AND co.conparentid = 0 OR pix.oid IS NOT NULL)
        ORDER BY co.conrelid, co.contype DESC, co.conname""".formatted(USER_SCHEMA);
    Map<Long, List<Constraint>> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String refSchema = rs.getString(6);
        String parentSchema = rs.getString(9);
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Constraint(rs.getString(2),
            Constraint.Kind.of(rs.getString(3).charAt(0)), rs.getString(4), stringArray(rs.getArray(5)),
            refSchema == null ? null : new QualifiedName(refSchema, rs.getString(7)), rs.getBoolean(8),
            parentSchema == null ? null : new QualifiedName(parentSchema, rs.getString(10)),
            parentSchema != null && !rs.getBoolean(11)));
      }
    }
    return out;
  }

  private static Map<Long, List<Index>> indexes(Connection c) throws SQLException {
    // Indexes that implement a constraint are created by the constraint. A partition's index attached to its
    // parent's index comes with the parent it belongs to, so that the parent's CREATE INDEX attaches it.
    String sql = """
        SELECT i.indrelid::int8, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, pn.nspname, pc.relname
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class cl ON cl.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace
        LEFT JOIN pg_inherits h ON h.inhrelid = i.indexrelid
        LEFT JOIN pg_class pc ON pc.oid = h.inhparent LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
        WHERE cl.relkind IN ('r', 'p') AND %s
          AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x')
                          AND co.conrelid = i.indrelid)
        ORDER BY i.indrelid, ic.relname""".formatted(USER_SCHEMA);
    Map<Long, List<Index>> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String parentSchema = rs.getString(5);
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Index(rs.getString(2), rs.getString(3), rs.getBoolean(4),
            parentSchema == null ? null : new QualifiedName(parentSchema, rs.getString(6))));
      }
    }
    return out;
  }

  private static List<Table> tables(Connection c, Map<Long, List<Column>> columns, Map<Long, List<Constraint>> constraints,
      Map<Long, List<Index>> indexes) throws SQLException {
    String sql = """
        SELECT cl.oid::int8, n.nspname, cl.relname, cl.relpersistence = 'u', cl.relkind = 'p',
               CASE WHEN cl.relkind = 'p' THEN pg_get_partkeydef(cl.oid) END,
               CASE WHEN cl.relispartition THEN pg_get_expr(cl.relpartbound, cl.oid) END,
               ARRAY(SELECT format('%%s.%%s', quote_ident(pn.nspname), quote_ident(pc.relname))
                     FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                     WHERE h.inhrelid = cl.oid ORDER BY h.inhseqno),
               ARRAY(SELECT pn.nspname FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent
                     JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = cl.oid ORDER BY h.inhseqno),
               ARRAY(SELECT pc.relname FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent
                     WHERE h.inhrelid = cl.oid ORDER BY h.inhseqno),
               cl.reltuples::int8
        FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE cl.relkind IN ('r', 'p') AND %s AND %s
        ORDER BY 2, 3""".formatted(USER_SCHEMA, notExtensionMember("pg_class", "cl.oid"));
    List<Table> out = new ArrayList<>();
    List<Long> oids = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        long oid = rs.getLong(1);
        oids.add(oid);
        List<String> parentSchemas = stringArray(rs.getArray(9));
        List<String> parentNames = stringArray(rs.getArray(10));
        List<QualifiedName> parents = new ArrayList<>();
        for (int i = 0; i < parentSchemas.size(); i++) {
          parents.add(new QualifiedName(parentSchemas.get(i), parentNames.get(i)));
        }
        out.add(new Table(new QualifiedName(rs.getString(2), rs.getString(3)), columns.getOrDefault(oid, List.of()),
            constraints.getOrDefault(oid, List.of()), indexes.getOrDefault(oid, List.of()), rs.getBoolean(4),
            rs.getBoolean(5), rs.getString(6), rs.getString(7), parents, rs.getLong(11), 0));
      }
    }
    Map<Long, Long> sizes = perRelation(c, oids, "pg_relation_size(o::oid)");
    for (int i = 0; i < out.size(); i++) {
      Table t = out.get(i);
      out.set(i, new Table(t.name(), t.columns(), t.constraints(), t.indexes(), t.unlogged(), t.partitioned(), t.partitionKey(),
          t.partitionBound(), t.parents(), t.estimatedRows(), sizes.getOrDefault(oids.get(i), 0L)));
    }
    return out;
  }

  static List<View> views(Connection c) throws SQLException {
    // A view's rule depends on every relation it reads: views for creation order, tables for filtering. Its
    // own relation counts only through a column (a self-referencing definition); every rule also depends on
    // its view as a whole. A dependency on a constraint means the query needs that key (GROUP BY pk).
    String depSql = """
        SELECT r.ev_class::int8, dn.nspname, dc.relname, d.refclassid = 'pg_constraint'::regclass
        FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.deptype = 'n'
        LEFT JOIN pg_class dc ON d.refclassid = 'pg_class'::regclass AND dc.oid = d.refobjid AND dc.relkind IN ('r', 'p', 'v', 'm', 'f')
        LEFT JOIN pg_namespace dn ON dn.oid = dc.relnamespace
        JOIN pg_class vc ON vc.oid = r.ev_class AND vc.relkind IN ('v', 'm')
        WHERE (dc.oid IS NOT NULL AND (d.refobjid <> r.ev_class OR d.refobjsubid > 0)) OR d.refclassid = 'pg_constraint'::regclass
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3""";
    Map<Long, List<QualifiedName>> deps = new HashMap<>();
    java.util.Set<Long> afterKeys = new java.util.HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(depSql)) {
      while (rs.next()) {
        if (rs.getBoolean(4)) {
          afterKeys.add(rs.getLong(1));
        } else {
          deps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new QualifiedName(rs.getString(2), rs.getString(3)));
        }
      }
    }
    String columnSql = """
        SELECT a.attrelid::int8, format('NULL::%s%s AS %I', format_type(a.atttypid, a.atttypmod),
               CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
                    THEN format(' COLLATE %I.%I', cn.nspname, co.collname) ELSE '' END, a.attname)
        FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
        WHERE cl.relkind = 'v' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum""";
    Map<Long, List<String>> stubs = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(columnSql)) {
      while (rs.next()) {
        stubs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    String sql = """
        SELECT cl.oid::int8, n.nspname, cl.relname, pg_get_viewdef(cl.oid), cl.relkind = 'm', cl.relispopulated,
               coalesce(cl.reloptions, '{}')
        FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE cl.relkind IN ('v', 'm') AND %s AND %s ORDER BY 2, 3""".formatted(USER_SCHEMA, notExtensionMember("pg_class", "cl.oid"));
    List<View> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String query = rs.getString(4).strip();
        if (query.endsWith(";")) {
          query = query.substring(0, query.length() - 1);
        }
        long oid = rs.getLong(1);
        out.add(new View(new QualifiedName(rs.getString(2), rs.getString(3)), query, rs.getBoolean(5), rs.getBoolean(6),
            stringArray(rs.getArray(7)), deps.getOrDefault(oid, List.of()), stubs.getOrDefault(oid, List.of()), afterKeys.contains(oid)));
      }
    }
    return out;
  }

  private static int intQuery(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> stringArray(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    Object[] values = (Object[]) a.getArray();
    return Arrays.stream(values).map(String::valueOf).toList();
  }
}
