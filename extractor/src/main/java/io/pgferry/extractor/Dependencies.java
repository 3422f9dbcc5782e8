package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pg_depend once and folds it onto the objects DDL is written for: a view's rewrite rule becomes the
 * view, a column default or a table constraint becomes its table, a domain constraint its domain, an index
 * its table, an operator family's member its family, an array type its element type, a multirange its range, a table's row type the table, and an
 * extension's member the extension. The result says, for every
 * object, which other objects must exist before it can be created.
 */
final class Dependencies {
  private Dependencies() {}

  private static final String SQL = """
      WITH d AS (
        -- A sequence OWNED BY a column depends on its table ('a'), while the column's default depends on
        -- the sequence: the ownership is set after both exist, so it orders nothing and would only make a
        -- cycle (which used to put functions on the table's row type before the table).
        -- A foreign key is added in the seal, after every table: folded onto its table it would order tables
        -- by their keys, and two tables whose keys refer to each other would make a cycle (which put a
        -- function on one's row type before that table).
        SELECT p.classid, p.objid, p.refclassid, p.refobjid FROM pg_depend p
        LEFT JOIN pg_class sq ON p.deptype = 'a' AND p.classid = 'pg_class'::regclass AND p.refclassid = 'pg_class'::regclass
             AND p.refobjsubid > 0 AND sq.oid = p.objid AND sq.relkind = 'S'
        LEFT JOIN pg_constraint fk ON p.classid = 'pg_constraint'::regclass AND fk.oid = p.objid AND fk.contype = 'f'
        WHERE p.deptype IN ('n', 'a', 'P') AND p.objid >= 16384 AND p.refobjid >= 16384 AND sq.oid IS NULL AND fk.oid IS NULL
      ), ends AS (
        SELECT classid AS c, objid AS o FROM d UNION SELECT refclassid, refobjid FROM d
      ), top AS (
        -- Plain outer joins to each catalog, not a subquery per row: at 10,000 tables the ends are 100,000+
        -- rows, and the per-row subqueries ran several times each (in the CASE and again in the join keys).
        SELECT e.c, e.o,
          CASE
            WHEN e.c = 'pg_rewrite'::regclass OR e.c = 'pg_attrdef'::regclass THEN 'pg_class'::regclass
            -- An operator family's member (operator or support function) is created with its family or class.
            WHEN e.c = 'pg_amop'::regclass OR e.c = 'pg_amproc'::regclass THEN 'pg_opfamily'::regclass
            WHEN e.c = 'pg_constraint'::regclass THEN
              CASE WHEN con.conrelid <> 0 THEN 'pg_class'::regclass WHEN con.contypid <> 0 THEN 'pg_type'::regclass END
            WHEN e.c = 'pg_class'::regclass THEN
              CASE WHEN cl.oid IS NULL OR cl.relkind = 't' THEN NULL WHEN cl.relkind = 'c' THEN 'pg_type'::regclass
                   ELSE 'pg_class'::regclass END
            WHEN e.c = 'pg_type'::regclass THEN
              CASE WHEN t.oid IS NULL THEN NULL WHEN et.typrelid <> 0 AND tr.relkind <> 'c' THEN 'pg_class'::regclass
                   ELSE 'pg_type'::regclass END
            ELSE e.c
          END AS tc,
          CASE
            WHEN e.c = 'pg_rewrite'::regclass THEN rw.ev_class
            WHEN e.c = 'pg_attrdef'::regclass THEN ad.adrelid
            WHEN e.c = 'pg_amop'::regclass THEN amo.amopfamily
            WHEN e.c = 'pg_amproc'::regclass THEN amp.amprocfamily
            WHEN e.c = 'pg_constraint'::regclass THEN CASE WHEN con.conrelid <> 0 THEN con.conrelid ELSE con.contypid END
            WHEN e.c = 'pg_class'::regclass THEN
              CASE WHEN cl.relkind IN ('i', 'I') THEN ix.indrelid WHEN cl.relkind = 'c' THEN cl.reltype ELSE cl.oid END
            WHEN e.c = 'pg_type'::regclass THEN
              -- An array of a table's or view's row type is that relation, as the row type itself is.
              CASE WHEN et.typrelid <> 0 AND tr.relkind <> 'c' THEN et.typrelid
                   WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem
                   WHEN t.typtype = 'm' THEN rg.rngtypid
                   ELSE t.oid END
            ELSE e.o
          END AS tobj
        FROM ends e
        LEFT JOIN pg_rewrite rw ON e.c = 'pg_rewrite'::regclass AND rw.oid = e.o
        LEFT JOIN pg_attrdef ad ON e.c = 'pg_attrdef'::regclass AND ad.oid = e.o
        LEFT JOIN pg_amop amo ON e.c = 'pg_amop'::regclass AND amo.oid = e.o
        LEFT JOIN pg_amproc amp ON e.c = 'pg_amproc'::regclass AND amp.oid = e.o
        LEFT JOIN pg_constraint con ON e.c = 'pg_constraint'::regclass AND con.oid = e.o
        LEFT JOIN pg_class cl ON e.c = 'pg_class'::regclass AND cl.oid = e.o
        LEFT JOIN pg_index ix ON cl.relkind IN ('i', 'I') AND ix.indexrelid = cl.oid
        LEFT JOIN pg_type t ON e.c = 'pg_type'::regclass AND t.oid = e.o
        LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
        LEFT JOIN pg_class tr ON tr.oid = et.typrelid
        LEFT JOIN pg_range rg ON t.typtype = 'm' AND rg.rngmultitypid = t.oid
      ), folded AS (
        -- An extension's member is created by CREATE EXTENSION: depending on it means depending on that.
        SELECT t.c, t.o,
               CASE WHEN x.refobjid IS NOT NULL THEN 'pg_extension'::regclass ELSE t.tc END AS tc,
               coalesce(x.refobjid, t.tobj) AS tobj
        FROM top t LEFT JOIN pg_depend x ON x.classid = t.tc AND x.objid = t.tobj AND x.deptype = 'e'
      ), pairs AS (
        SELECT DISTINCT a.tc AS ac, a.tobj AS ao, b.tc AS bc, b.tobj AS bo
        FROM d JOIN folded a ON a.c = d.classid AND a.o = d.objid JOIN folded b ON b.c = d.refclassid AND b.o = d.refobjid
        WHERE a.tc IS NOT NULL AND b.tc IS NOT NULL AND a.tobj IS NOT NULL AND b.tobj IS NOT NULL
          AND (a.tc, a.tobj) <> (b.tc, b.tobj)
      )
      SELECT x.type, x.object_names, x.object_args, y.type, y.object_names, y.object_args
      FROM pairs p, LATERAL pg_identify_object_as_address(p.ac, p.ao, 0) x, LATERAL pg_identify_object_as_address(p.bc, p.bo, 0) y""";

  /** For each object, the objects it depends on (only user objects; unknown ones are dropped later). */
  static Map<ObjectKey, Set<ObjectKey>> read(Connection c) throws SQLException {
    Map<ObjectKey, Set<ObjectKey>> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
      while (rs.next()) {
        ObjectKey from = new ObjectKey(rs.getString(1), strings(rs, 2), strings(rs, 3));
        ObjectKey to = new ObjectKey(rs.getString(4), strings(rs, 5), strings(rs, 6));
        if (!from.equals(to)) {
          out.computeIfAbsent(from, k -> new HashSet<>()).add(to);
        }
      }
    }
    return out;
  }

  private static List<String> strings(ResultSet rs, int col) throws SQLException {
    java.sql.Array a = rs.getArray(col);
    return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }
}
