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
 * its table, an array type its element type, a multirange its range, a table's row type the table, and an
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
        SELECT p.classid, p.objid, p.refclassid, p.refobjid FROM pg_depend p
        LEFT JOIN pg_class sq ON p.deptype = 'a' AND p.classid = 'pg_class'::regclass AND p.refclassid = 'pg_class'::regclass
             AND p.refobjsubid > 0 AND sq.oid = p.objid AND sq.relkind = 'S'
        WHERE p.deptype IN ('n', 'a', 'P') AND p.objid >= 16384 AND p.refobjid >= 16384 AND sq.oid IS NULL
      ), ends AS (
        SELECT classid AS c, objid AS o FROM d UNION SELECT refclassid, refobjid FROM d
      ), top AS (
        SELECT e.c, e.o,
          CASE
            WHEN e.c = 'pg_rewrite'::regclass OR e.c = 'pg_attrdef'::regclass THEN 'pg_class'::regclass
            WHEN e.c = 'pg_constraint'::regclass THEN
              (SELECT CASE WHEN conrelid <> 0 THEN 'pg_class'::regclass WHEN contypid <> 0 THEN 'pg_type'::regclass END
               FROM pg_constraint WHERE oid = e.o)
            WHEN e.c = 'pg_class'::regclass THEN
              (SELECT CASE WHEN relkind = 'c' THEN 'pg_type'::regclass WHEN relkind = 't' THEN NULL ELSE 'pg_class'::regclass END
               FROM pg_class WHERE oid = e.o)
            WHEN e.c = 'pg_type'::regclass THEN
              (SELECT CASE WHEN et.typrelid <> 0 AND r.relkind <> 'c' THEN 'pg_class'::regclass ELSE 'pg_type'::regclass END
               FROM pg_type t JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
               LEFT JOIN pg_class r ON r.oid = et.typrelid WHERE t.oid = e.o)
            ELSE e.c
          END AS tc,
          CASE
            WHEN e.c = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = e.o)
            WHEN e.c = 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = e.o)
            WHEN e.c = 'pg_constraint'::regclass THEN
              (SELECT CASE WHEN conrelid <> 0 THEN conrelid ELSE contypid END FROM pg_constraint WHERE oid = e.o)
            WHEN e.c = 'pg_class'::regclass THEN
              (SELECT CASE WHEN relkind IN ('i', 'I') THEN (SELECT indrelid FROM pg_index WHERE indexrelid = e.o)
                           WHEN relkind = 'c' THEN reltype ELSE oid END FROM pg_class WHERE oid = e.o)
            WHEN e.c = 'pg_type'::regclass THEN
              -- An array of a table's row type is the table, as the row type itself is.
              (SELECT CASE WHEN et.typrelid <> 0 AND r.relkind <> 'c' THEN et.typrelid
                           WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem
                           WHEN t.typtype = 'm' THEN (SELECT rngtypid FROM pg_range WHERE rngmultitypid = t.oid)
                           ELSE t.oid END
               FROM pg_type t JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
               LEFT JOIN pg_class r ON r.oid = et.typrelid WHERE t.oid = e.o)
            ELSE e.o
          END AS tobj
        FROM ends e
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
