package io.pgferry.extractor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only creation order for {@link SchemaObject}s whose {@code dependsOn} is still empty: reads
 * pg_depend on the source, folds each endpoint onto the object that is actually created (an extension's
 * member onto the extension, a composite type's relation onto its row type, a domain constraint onto
 * its domain, an array or multirange type onto its element or range), and sorts topologically.
 *
 * <p>Deliberately independent of production code, so a test of the reader does not trust the (separate)
 * production dependency resolution. No fixed kind order works: a domain can be over a composite type
 * that holds another domain, and a range can be over a domain.
 */
final class TestDependencyOrder {
  private static final String NORMALIZE = """
      CREATE OR REPLACE FUNCTION pg_temp.created_as(c oid, o oid, OUT cls oid, OUT id oid) LANGUAGE plpgsql STABLE AS $$
      DECLARE x oid;
      BEGIN
        cls := c; id := o;
        LOOP
          SELECT e.refobjid INTO x FROM pg_depend e WHERE e.classid = cls AND e.objid = id AND e.deptype = 'e';
          IF FOUND THEN cls := 'pg_extension'::regclass; id := x; RETURN; END IF;
          IF cls = 'pg_class'::regclass THEN
            SELECT r.reltype INTO x FROM pg_class r WHERE r.oid = id AND r.relkind = 'c';
            IF FOUND THEN cls := 'pg_type'::regclass; id := x; CONTINUE; END IF;
          ELSIF cls = 'pg_constraint'::regclass THEN
            SELECT k.contypid INTO x FROM pg_constraint k WHERE k.oid = id AND k.contypid <> 0;
            IF FOUND THEN cls := 'pg_type'::regclass; id := x; CONTINUE; END IF;
          ELSIF cls = 'pg_type'::regclass THEN
            SELECT t.typelem INTO x FROM pg_type t JOIN pg_type e ON e.oid = t.typelem AND e.typarray = t.oid WHERE t.oid = id;
            IF FOUND THEN id := x; CONTINUE; END IF;
            SELECT r.rngtypid INTO x FROM pg_range r WHERE r.rngmultitypid = id;
            IF FOUND THEN id := x; CONTINUE; END IF;
          END IF;
          RETURN;
        END LOOP;
      END $$""";

  private static final String EDGES = """
      SELECT a.type, a.object_names, a.object_args, b.type, b.object_names, b.object_args
      FROM pg_depend d
      CROSS JOIN LATERAL pg_temp.created_as(d.classid, d.objid) x
      CROSS JOIN LATERAL pg_temp.created_as(d.refclassid, d.refobjid) y
      CROSS JOIN LATERAL pg_identify_object_as_address(x.cls, x.id, 0) a
      CROSS JOIN LATERAL pg_identify_object_as_address(y.cls, y.id, 0) b
      WHERE d.deptype IN ('n', 'a') AND d.classid <> 0 AND d.refclassid <> 0""";

  private TestDependencyOrder() {}

  /** {@code objects} in an order in which each comes after everything it depends on among them. */
  static List<SchemaObject> sort(Connection source, List<SchemaObject> objects) throws SQLException {
    Map<ObjectKey, SchemaObject> byKey = new LinkedHashMap<>();
    objects.forEach(o -> byKey.put(o.key(), o));
    Map<ObjectKey, Set<ObjectKey>> needs = new HashMap<>();
    try (Statement s = source.createStatement()) {
      s.execute(NORMALIZE);
      try (ResultSet rs = s.executeQuery(EDGES)) {
        while (rs.next()) {
          ObjectKey from = new ObjectKey(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)));
          ObjectKey to = new ObjectKey(rs.getString(4), strings(rs.getArray(5)), strings(rs.getArray(6)));
          if (!from.equals(to) && byKey.containsKey(from) && byKey.containsKey(to)) {
            needs.computeIfAbsent(from, k -> new HashSet<>()).add(to);
          }
        }
      }
    }
    List<SchemaObject> out = new ArrayList<>();
    Set<ObjectKey> done = new HashSet<>();
    while (out.size() < byKey.size()) {
      int before = out.size();
      for (SchemaObject o : byKey.values()) {
        if (!done.contains(o.key()) && done.containsAll(needs.getOrDefault(o.key(), Set.of()))) {
          out.add(o);
          done.add(o.key());
        }
      }
      if (out.size() == before) {
        throw new IllegalStateException("dependency cycle among " + byKey.keySet().stream().filter(k -> !done.contains(k)).toList());
      }
    }
    return out;
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
  }
}
