package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.CatalogLocks;
import io.pgferry.extractor.ObjectKey;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every user object of a database, found without knowing its kind in advance: whatever pg_depend mentions
 * (on either side) plus what it never tracks (schemas that hold nothing yet, large objects, and state kept in
 * a column's attributes rather than in an object). A kind PostgreSQL adds tomorrow shows up here, named by
 * the server, before pgferry has a reader for it.
 *
 * <p>Left out, because they come with another object: extension members and what belongs to them, and every
 * object tied to another by an internal or partition dependency (row and array types, TOAST tables, indexes
 * of constraints, foreign key triggers, a view's rule, partitions' copies of their parent's indexes,
 * triggers and keys), constraints inherited from a parent, and the system's and pgferry's own schemas.
 */
final class SourceInventory {
  private SourceInventory() {}

  /**
   * One object. {@code schema}/{@code name}/{@code part} locate it in the terms pgferry's model uses: a
   * relation or type ({@code schema}, {@code name}); a constraint, index or column default on a table
   * ({@code schema}, {@code name} = the table, {@code part} = constraint, index or column name).
   *
   * @param catalog the system catalog holding it ({@code pg_class}, {@code pg_cast}, …)
   * @param kind pg_identify_object's type ({@code table}, {@code cast}, {@code text search configuration}, …)
   * @param identity pg_identify_object's identity, as the server prints it
   * @param address pg_identify_object_as_address's triple, the form pgferry's object keys use
   * @param detail relkind, typtype or contype where that decides how it is created
   * @param partOf the object whose DDL creates this one (an operator family for its members), or null
   */
  record Item(String catalog, String kind, String identity, ObjectKey address, String schema, String name, String part,
      String detail, ObjectKey partOf) {
    String describe() {
      return kind + " " + identity;
    }
  }

  private static final String SYSTEM_SCHEMA = """
      (%1$s IN ('pg_catalog', 'information_schema', 'pg_toast', 'pgferry') OR %1$s LIKE 'pg\\_temp\\_%%'
       OR %1$s LIKE 'pg\\_toast\\_temp\\_%%')""";

  private static final String OBJECTS = """
      WITH found(classid, objid) AS (
        {found}
      ), own AS (
        SELECT f.classid, f.objid FROM found f
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = f.classid AND x.objid = f.objid
                          AND x.objsubid = 0 AND x.deptype IN ('e', 'i', 'P', 'S'))
          -- parts of an extension's object (an operator family's members its update script added)
          AND NOT EXISTS (SELECT 1 FROM pg_depend x JOIN pg_depend e ON e.classid = x.refclassid AND e.objid = x.refobjid
                          AND e.deptype = 'e'
                          WHERE x.classid = f.classid AND x.objid = f.objid AND x.deptype = 'a'
                            AND x.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass))
      )
      SELECT o.classid::regclass::text, coalesce(ch.type, i.type), coalesce(ch.identity, i.identity),
             coalesce(ch.type, a.type), coalesce(ch.names, a.object_names),
             CASE WHEN ch.type IS NULL THEN a.object_args ELSE '{}'::text[] END,
             coalesce(cn.nspname, tn.nspname, kn.nspname, dn.nspname, ns.nspname),
             coalesce(cl.relname, tp.typname, kr.relname, kt.typname, dr.relname),
             coalesce(ic.relname, co.conname, da.attname),
             coalesce(cl.relkind::text, tp.typtype::text, co.contype::text),
             co.conislocal IS NOT FALSE AND coalesce(co.coninhcount, 0) = 0,
             fa.type, fa.object_names, fa.object_args
      FROM own o
      LEFT JOIN pg_class c0 ON o.classid = 'pg_class'::regclass AND c0.oid = o.objid
      LEFT JOIN pg_namespace n0 ON n0.oid = c0.relnamespace
      LEFT JOIN pg_index ix ON ix.indexrelid = c0.oid
      -- an index is named with its table, like a constraint
      LEFT JOIN pg_class cl ON cl.oid = coalesce(ix.indrelid, c0.oid)
      LEFT JOIN pg_class ic ON ix.indexrelid IS NOT NULL AND ic.oid = ix.indexrelid
      LEFT JOIN pg_namespace cn ON cn.oid = cl.relnamespace
      LEFT JOIN pg_type tp ON o.classid = 'pg_type'::regclass AND tp.oid = o.objid
      LEFT JOIN pg_namespace tn ON tn.oid = tp.typnamespace
      LEFT JOIN pg_constraint co ON o.classid = 'pg_constraint'::regclass AND co.oid = o.objid
      LEFT JOIN pg_class kr ON kr.oid = co.conrelid LEFT JOIN pg_type kt ON kt.oid = co.contypid
      LEFT JOIN pg_namespace kn ON kn.oid = coalesce(kr.relnamespace, kt.typnamespace)
      LEFT JOIN pg_attrdef ad ON o.classid = 'pg_attrdef'::regclass AND ad.oid = o.objid
      LEFT JOIN pg_class dr ON dr.oid = ad.adrelid
      LEFT JOIN pg_attribute da ON da.attrelid = ad.adrelid AND da.attnum = ad.adnum
      LEFT JOIN pg_namespace dn ON dn.oid = dr.relnamespace
      LEFT JOIN pg_namespace ns ON o.classid = 'pg_namespace'::regclass AND ns.oid = o.objid
      -- Relations, table constraints and column defaults are most of a big catalog (10,000 tables: 60,000 of
      -- them), and pg_identify_object costs more than the rest of the query; their names are built here the
      -- way the server prints them (checked against it on real schemas), the functions name every other kind.
      -- OFFSET 0 keeps each function call behind its subquery's filter (flattened, it ran for every row).
      LEFT JOIN LATERAL (
        SELECT CASE WHEN c0.oid IS NOT NULL THEN
                 CASE c0.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                   WHEN 'S' THEN 'sequence' WHEN 't' THEN 'toast table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                   WHEN 'c' THEN 'composite type' WHEN 'f' THEN 'foreign table' END
               WHEN co.oid IS NOT NULL THEN 'table constraint' ELSE 'default value' END AS type,
               CASE WHEN c0.oid IS NOT NULL THEN quote_ident(n0.nspname) || '.' || quote_ident(c0.relname)
                 WHEN co.oid IS NOT NULL THEN quote_ident(co.conname) || ' on ' || quote_ident(kn.nspname) || '.' || quote_ident(kr.relname)
                 ELSE 'for ' || quote_ident(dn.nspname) || '.' || quote_ident(dr.relname) || '.' || quote_ident(da.attname) END AS identity,
               CASE WHEN c0.oid IS NOT NULL THEN ARRAY[n0.nspname, c0.relname]::text[]
                 WHEN co.oid IS NOT NULL THEN ARRAY[kn.nspname, kr.relname, co.conname]::text[]
                 ELSE ARRAY[dn.nspname, dr.relname, da.attname]::text[] END AS names,
               coalesce(n0.nspname, kn.nspname, dn.nspname) AS schema
        WHERE c0.oid IS NOT NULL OR (co.oid IS NOT NULL AND co.conrelid <> 0) OR da.attname IS NOT NULL) ch ON true
      LEFT JOIN LATERAL (SELECT * FROM pg_identify_object(o.classid, o.objid, 0) WHERE ch.type IS NULL OFFSET 0) i ON true
      LEFT JOIN LATERAL (SELECT * FROM pg_identify_object_as_address(o.classid, o.objid, 0) WHERE ch.type IS NULL OFFSET 0) a ON true
      -- an operator family's member is created with its family (CREATE OPERATOR CLASS, ALTER … ADD)
      LEFT JOIN pg_amop mo ON o.classid = 'pg_amop'::regclass AND mo.oid = o.objid
      LEFT JOIN pg_amproc mp ON o.classid = 'pg_amproc'::regclass AND mp.oid = o.objid
      LEFT JOIN LATERAL pg_identify_object_as_address('pg_opfamily'::regclass, coalesce(mo.amopfamily, mp.amprocfamily), 0) fa
        ON coalesce(mo.amopfamily, mp.amprocfamily) IS NOT NULL
      WHERE coalesce(ch.type, i.type) IS NOT NULL AND NOT coalesce(%s, false) AND NOT coalesce(%s, false)""".formatted(SYSTEM_SCHEMA.formatted("coalesce(ch.schema, i.schema)"), SYSTEM_SCHEMA.formatted("ns.nspname"));

  /**
   * Every catalog of this database whose rows are objects (it has an oid; shared catalogs hold cluster-wide
   * objects, which a clone never creates), asked of the server so that one added in a new release is read
   * too. pg_enum's rows are labels of their type; large objects are addressed through pg_largeobject.
   */
  private static final String CATALOGS = """
      SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'oid' AND NOT a.attisdropped
      WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared AND c.relname <> 'pg_enum'
      ORDER BY 1""";

  private static String found(Statement s) throws SQLException {
    List<String> parts = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(CATALOGS)) {
      while (rs.next()) {
        String catalog = rs.getString(1);
        String classid = catalog.equals("pg_largeobject_metadata") ? "pg_largeobject" : catalog;
        // a large object's OID is the user's choice (lo_create(42)), never a system object's
        parts.add("SELECT 'pg_catalog." + classid + "'::regclass, oid FROM pg_catalog." + catalog
            + (catalog.equals("pg_largeobject_metadata") ? "" : " WHERE oid >= 16384"));
      }
    }
    // Subscriptions are per database but kept in a shared catalog.
    parts.add("SELECT 'pg_catalog.pg_subscription'::regclass, oid FROM pg_catalog.pg_subscription"
        + " WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())");
    return String.join("\n        UNION ALL ", parts);
  }

  /** Column-level state that is no object of its own: options and statistics targets of index columns and attoptions. */
  private static final String ATTRIBUTES = """
      SELECT n.nspname, c.relname, a.attname, c.relkind::text,
             CASE WHEN a.attoptions IS NOT NULL THEN 'column options' ELSE 'index column statistics' END,
             format('%%I.%%I.%%I', n.nspname, c.relname, a.attname)
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid >= 16384 AND a.attnum > 0 AND NOT a.attisdropped AND NOT %s
        AND ((a.attoptions IS NOT NULL AND c.relkind IN ('r', 'p', 'f', 'm'))
             OR (c.relkind IN ('i', 'I') AND a.attstattarget::int >= 0))
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
      ORDER BY 1, 2, 3""".formatted(SYSTEM_SCHEMA.formatted("n.nspname"));

  /**
   * Relation state kept in pg_class and pg_index rather than in an object of its own: a replica identity other
   * than the default, and the index a bare CLUSTER uses. Keys as the readers that clone them use.
   */
  private static final String RELATION_STATE = """
      SELECT n.nspname, c.relname, c.relkind::text, 'replica identity',
             format('%%I.%%I %%s', n.nspname, c.relname, CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING'
                                                              ELSE 'USING INDEX' END)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p', 'm') AND c.relreplident <> 'd' AND NOT %1$s
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
      UNION ALL
      SELECT n.nspname, c.relname, c.relkind::text, 'cluster mark', format('%%I.%%I ON %%I', n.nspname, c.relname, ic.relname)
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indisclustered AND c.oid >= 16384 AND NOT %1$s
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
      ORDER BY 4, 1, 2""".formatted(SYSTEM_SCHEMA.formatted("n.nspname"));

  /**
   * Security labels on the database's objects (pg_seclabel) and on the database itself (pg_shseclabel). pgferry
   * does not clone them: setting one needs the same label provider (sepgsql) loaded in the target. Objects
   * the system created (OIDs below 16384, which sepgsql labels too) and extension members are not listed.
   */
  private static final String SECURITY_LABELS = """
      SELECT l.catalog, l.provider, i.type, i.identity, a.type, a.object_names, a.object_args
      FROM (SELECT 'pg_seclabel' AS catalog, classoid, objoid, objsubid, provider FROM pg_seclabel
            UNION ALL
            SELECT 'pg_shseclabel', classoid, objoid, 0, provider FROM pg_shseclabel
            WHERE classoid = 'pg_database'::regclass AND objoid = (SELECT oid FROM pg_database WHERE datname = current_database())) l
      CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) i
      CROSS JOIN LATERAL pg_identify_object_as_address(l.classoid, l.objoid, l.objsubid) a
      WHERE (l.objoid >= 16384 OR l.catalog = 'pg_shseclabel') AND i.type IS NOT NULL AND NOT coalesce(%1$s, false)
        AND NOT (l.classoid = 'pg_namespace'::regclass AND coalesce(%2$s, false))
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = l.classoid AND e.objid = l.objoid AND e.deptype = 'e')
      ORDER BY 3, 4, 2""".formatted(SYSTEM_SCHEMA.formatted("i.schema"), SYSTEM_SCHEMA.formatted("i.identity"));

  static List<Item> read(Connection c) {
    List<Item> out = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      // each query's catalog locks end with it: this read runs beside the catalog reader's (CatalogLocks)
      out.addAll(CatalogLocks.released(c, () -> objects(s)));
      // sorted here rather than by the server, whose sort of 80,000 names spilled to disk at 10,000 tables
      out.sort(java.util.Comparator.comparing(Item::kind).thenComparing(Item::identity));
      out.addAll(CatalogLocks.released(c, () -> attributes(s)));
      out.addAll(CatalogLocks.released(c, () -> relationState(s)));
      out.addAll(CatalogLocks.released(c, () -> securityLabels(s)));
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.SCHEMA, "could not list the source's objects: "
          + io.pgferry.applier.Applier.describe(e), e);
    }
    return out;
  }

  private static List<Item> objects(Statement s) throws SQLException {
    List<Item> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(OBJECTS.replace("{found}", found(s)))) {
      while (rs.next()) {
        if (!rs.getBoolean(11)) {
          continue; // a constraint a parent's cascades to this table
        }
        out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3),
            new ObjectKey(rs.getString(4), strings(rs.getArray(5)), strings(rs.getArray(6))), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getString(10),
            rs.getString(12) == null ? null : new ObjectKey(rs.getString(12), strings(rs.getArray(13)), strings(rs.getArray(14)))));
      }
    }
    return out;
  }

  private static List<Item> attributes(Statement s) throws SQLException {
    List<Item> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(ATTRIBUTES)) {
      while (rs.next()) {
        String kind = rs.getString(5);
        out.add(new Item("pg_attribute", kind, rs.getString(6), new ObjectKey(kind, List.of(rs.getString(1), rs.getString(2),
            rs.getString(3)), List.of()), rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), null));
      }
    }
    return out;
  }

  private static List<Item> relationState(Statement s) throws SQLException {
    List<Item> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(RELATION_STATE)) {
      while (rs.next()) {
        String kind = rs.getString(4);
        out.add(new Item(kind.equals("replica identity") ? "pg_class" : "pg_index", kind,
            rs.getString(5), new ObjectKey(kind, List.of(rs.getString(1), rs.getString(2)), List.of()), rs.getString(1),
            rs.getString(2), null, rs.getString(3), null));
      }
    }
    return out;
  }

  private static List<Item> securityLabels(Statement s) throws SQLException {
    List<Item> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(SECURITY_LABELS)) {
      while (rs.next()) {
        // keyed by provider and object, so no reader's key can ever match it by accident
        List<String> names = new ArrayList<>(List.of(rs.getString(2), rs.getString(5)));
        names.addAll(strings(rs.getArray(6)));
        out.add(new Item(rs.getString(1), "security label", "on " + rs.getString(3) + " " + rs.getString(4) + " (provider "
            + rs.getString(2) + ")", new ObjectKey("security label", names, strings(rs.getArray(7))), null, null, null, null, null));
      }
    }
    return out;
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(o -> o == null ? null : o.toString()).toList();
  }
}
