package io.pgferry.extractor;

import static io.pgferry.extractor.CatalogReader.USER_SCHEMA;
import static io.pgferry.extractor.CatalogReader.notExtensionMember;
import static io.pgferry.extractor.SecurityObjectsReader.address;
import static io.pgferry.extractor.SecurityObjectsReader.aspect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Grants and default privileges as the difference between an object's ACL and {@code acldefault} for its
 * owner: REVOKE for what the default has and the ACL lacks (in the order the catalog gives, revokes
 * first), GRANT for the rest. A fresh object on the target has the default ACL, so replaying the
 * difference reproduces the source's ACL exactly, grant options included.
 *
 * <p>A grant whose grantor is not the owner is replayed under {@code SET ROLE grantor} (the grantor must
 * hold the grant option, granted earlier in the same list, and USAGE on the schema: such an object's ACL
 * depends on its schema's).
 */
final class AclReader {
  private AclReader() {}

  /** One aclexplode row of the difference. {@code grantee} null means PUBLIC. */
  private record Item(boolean grant, String grantor, String grantee, String privilege, boolean grantable) {}

  private static final String DIFF = """
      CROSS JOIN LATERAL (
        SELECT 0 AS sign, r.* FROM (SELECT * FROM aclexplode(%1$s) EXCEPT SELECT * FROM aclexplode(%2$s)) r
        UNION ALL
        SELECT 1, g.* FROM (SELECT * FROM aclexplode(%2$s) EXCEPT SELECT * FROM aclexplode(%1$s)) g) x""";

  private static final String ITEM_COLUMNS = """
      x.sign, pg_get_userbyid(x.grantor), CASE WHEN x.grantee = 0 THEN NULL ELSE pg_get_userbyid(x.grantee) END,
      x.privilege_type, x.is_grantable""";

  static void grants(Connection c, List<SchemaObject> out, Set<String> roles, boolean owners) throws SQLException {
    String sql = """
        WITH o(classid, objid, subid, kw, ident, col, owner, acl, dflt) AS (
          SELECT 'pg_namespace'::regclass, n.oid, 0, 'SCHEMA', NULL, NULL::name, n.nspowner, n.nspacl, acldefault('n', n.nspowner)
          FROM pg_namespace n WHERE n.nspacl IS NOT NULL AND %1$s
          UNION ALL
          SELECT 'pg_class'::regclass, cl.oid, 0, CASE cl.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, NULL, NULL,
                 cl.relowner, cl.relacl, acldefault(CASE cl.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", cl.relowner)
          FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
          WHERE cl.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND cl.relacl IS NOT NULL AND %1$s AND %2$s
          UNION ALL
          SELECT 'pg_class'::regclass, cl.oid, at.attnum, 'TABLE', NULL, at.attname, cl.relowner, at.attacl, acldefault('c', cl.relowner)
          FROM pg_attribute at JOIN pg_class cl ON cl.oid = at.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
          WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped
            AND cl.relkind IN ('r', 'p', 'v', 'm', 'f') AND %1$s AND %2$s
          UNION ALL
          SELECT 'pg_proc'::regclass, p.oid, 0, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                 p.oid::regprocedure::text, NULL, p.proowner, p.proacl, acldefault('f', p.proowner)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proacl IS NOT NULL AND %1$s AND %3$s
          UNION ALL
          SELECT 'pg_type'::regclass, t.oid, 0, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, NULL, NULL,
                 t.typowner, t.typacl, acldefault('T', t.typowner)
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE t.typacl IS NOT NULL AND %1$s AND %4$s AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid))
        SELECT o.kw, coalesce(o.ident, i.identity), o.col, pg_get_userbyid(o.owner), a.type, a.object_names, a.object_args,
               p.type, p.object_names, p.object_args, %5$s
        FROM o CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, 0) i
        CROSS JOIN LATERAL pg_identify_object_as_address(o.classid, o.objid, o.subid) a
        CROSS JOIN LATERAL pg_identify_object_as_address(o.classid, o.objid, 0) p
        %6$s
        ORDER BY o.classid, o.objid, o.subid, x.sign, x.grantor <> o.owner, 13, 14""".formatted(USER_SCHEMA,
        notExtensionMember("pg_class", "cl.oid"), notExtensionMember("pg_proc", "p.oid"),
        notExtensionMember("pg_type", "t.oid"), ITEM_COLUMNS, DIFF.formatted("o.dflt", "o.acl"));
    Map<ObjectKey, List<Item>> items = new LinkedHashMap<>();
    Map<ObjectKey, String[]> heads = new LinkedHashMap<>(); // kw, identity, column, owner
    Map<ObjectKey, ObjectKey> parents = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ObjectKey target = address(rs, 5);
        heads.putIfAbsent(target, new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        parents.putIfAbsent(target, address(rs, 8));
        items.computeIfAbsent(target, k -> new ArrayList<>()).add(item(rs, 11));
      }
      publicSchema(s, items, heads, parents);
    }
    Set<ObjectKey> schemaAcls = new HashSet<>();
    for (ObjectKey k : heads.keySet()) {
      if (k.type().equals("schema")) {
        schemaAcls.add(aspect("acl", k));
      }
    }
    for (Map.Entry<ObjectKey, List<Item>> e : items.entrySet()) {
      String[] h = heads.get(e.getKey());
      String on = h[0] + " " + h[1];
      String owner = h[3];
      List<String> stmts = new ArrayList<>();
      boolean setRole = false;
      if (e.getKey().equals(PUBLIC_SCHEMA)) {
        stmts.add("REVOKE ALL ON SCHEMA public FROM PUBLIC");
      }
      for (Group g : groups(e.getValue())) {
        String privs = String.join(", ", g.privileges.stream().map(p -> h[2] == null ? p : p + " (" + Sql.ident(h[2]) + ")").toList());
        String grantee = g.grantee == null ? "PUBLIC" : Sql.ident(g.grantee);
        noteRoles(roles, g);
        if (!g.grant) {
          stmts.add("REVOKE " + privs + " ON " + on + " FROM " + grantee);
        } else if (g.grantor.equals(owner)) {
          stmts.add("GRANT " + privs + " ON " + on + " TO " + grantee + (g.grantable ? " WITH GRANT OPTION" : ""));
        } else {
          setRole = true;
          stmts.add("SET ROLE " + Sql.ident(g.grantor));
          stmts.add("GRANT " + privs + " ON " + on + " TO " + grantee + (g.grantable ? " WITH GRANT OPTION" : ""));
          stmts.add("RESET ROLE");
        }
      }
      ObjectKey parent = parents.get(e.getKey());
      Set<ObjectKey> deps = new HashSet<>(Set.of(parent));
      if (owners) {
        deps.add(aspect("owner", parent));
        roles.add(owner);
      }
      ObjectKey schemaAcl = parent.schema() == null ? null : aspect("acl", new ObjectKey("schema", List.of(parent.schema()), List.of()));
      if (setRole && schemaAcl != null && !parent.type().equals("schema") && schemaAcls.contains(schemaAcl)) {
        deps.add(schemaAcl);
      }
      out.add(new SchemaObject(aspect("acl", e.getKey()), SchemaObject.Phase.SEAL, stmts, deps));
    }
  }

  private static final ObjectKey PUBLIC_SCHEMA = new ObjectKey("schema", List.of("public"), List.of());

  /**
   * Schema public is the one schema a target already has, made by initdb with an ACL that is not
   * {@code acldefault}: PUBLIC holds USAGE and CREATE up to PostgreSQL 14, USAGE only from 15. The diff
   * against acldefault cannot take that away (a source that revoked CREATE from PUBLIC, or recreated
   * public without grants, would leave the target's grants in place), so public's ACL always starts with
   * REVOKE ALL FROM PUBLIC, which makes the target's starting point acldefault on every version, and is
   * read even when the source's ACL equals the default.
   */
  private static void publicSchema(Statement s, Map<ObjectKey, List<Item>> items, Map<ObjectKey, String[]> heads,
      Map<ObjectKey, ObjectKey> parents) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")) {
      if (rs.next()) {
        heads.putIfAbsent(PUBLIC_SCHEMA, new String[] {"SCHEMA", "public", null, rs.getString(1)});
        parents.putIfAbsent(PUBLIC_SCHEMA, PUBLIC_SCHEMA);
        items.putIfAbsent(PUBLIC_SCHEMA, new ArrayList<>());
      }
    }
  }

  static void defaultPrivileges(Connection c, List<SchemaObject> out, Set<String> roles) throws SQLException {
    // A database-wide entry replaces the built-in default (so it can revoke); a per-schema one only adds.
    String sql = """
        SELECT pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype, a.type, a.object_names, a.object_args, %s
        FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
        CROSS JOIN LATERAL pg_identify_object_as_address('pg_default_acl'::regclass, d.oid, 0) a
        %s
        WHERE d.defaclnamespace = 0 OR (%s)
        ORDER BY 1, 2 NULLS FIRST, 3, x.sign, 9, 10""".formatted(ITEM_COLUMNS, DIFF.formatted("""
        CASE WHEN d.defaclnamespace = 0
             THEN acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole)
             ELSE acldefault('c', d.defaclrole) END""", "d.defaclacl"), USER_SCHEMA);
    Map<ObjectKey, List<Item>> items = new LinkedHashMap<>();
    Map<ObjectKey, String[]> heads = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ObjectKey key = address(rs, 4);
        heads.putIfAbsent(key, new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        items.computeIfAbsent(key, k -> new ArrayList<>()).add(item(rs, 7));
      }
    }
    for (Map.Entry<ObjectKey, List<Item>> e : items.entrySet()) {
      String[] h = heads.get(e.getKey());
      roles.add(h[0]);
      String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(h[0]) + (h[1] == null ? "" : " IN SCHEMA " + Sql.ident(h[1]));
      String on = " ON " + switch (h[2]) {
        case "r" -> "TABLES";
        case "S" -> "SEQUENCES";
        case "f" -> "FUNCTIONS";
        case "T" -> "TYPES";
        case "n" -> "SCHEMAS";
        case "L" -> "LARGE OBJECTS";
        default -> throw new ExtractException(ExtractException.Reason.CATALOG_READ, "unknown default ACL object type " + h[2], null);
      };
      List<String> stmts = new ArrayList<>();
      for (Group g : groups(e.getValue())) {
        noteRoles(roles, g);
        String grantee = g.grantee == null ? "PUBLIC" : Sql.ident(g.grantee);
        String privs = String.join(", ", g.privileges);
        stmts.add(g.grant
            ? prefix + " GRANT " + privs + on + " TO " + grantee + (g.grantable ? " WITH GRANT OPTION" : "")
            : prefix + " REVOKE " + privs + on + " FROM " + grantee);
      }
      Set<ObjectKey> deps = h[1] == null ? Set.of() : Set.of(new ObjectKey("schema", List.of(h[1]), List.of()));
      out.add(new SchemaObject(e.getKey(), SchemaObject.Phase.SEAL, stmts, deps));
    }
  }

  private static Item item(ResultSet rs, int first) throws SQLException {
    return new Item(rs.getInt(first) == 1, rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
        rs.getBoolean(first + 4));
  }

  /** Items of one statement: same direction, grantor, grantee and grant option. */
  private record Group(boolean grant, String grantor, String grantee, boolean grantable, List<String> privileges) {}

  /** Groups in first-seen order (the query orders revokes first, then grants by the owner, then the rest). */
  private static List<Group> groups(List<Item> items) {
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    for (Item i : items) {
      // A revoke takes the grant option away with the privilege: grant option and grantor do not matter.
      List<Object> k = i.grant ? List.of(true, i.grantor, Objects.toString(i.grantee, ""), i.grantable)
          : List.of(false, Objects.toString(i.grantee, ""));
      groups.computeIfAbsent(k, x -> new Group(i.grant, i.grantor, i.grantee, i.grantable, new ArrayList<>()));
      List<String> privs = groups.get(k).privileges;
      if (!privs.contains(i.privilege)) {
        privs.add(i.privilege);
      }
    }
    return List.copyOf(groups.values());
  }

  private static void noteRoles(Set<String> roles, Group g) {
    if (g.grantee != null) {
      roles.add(g.grantee);
    }
    if (g.grant) {
      roles.add(g.grantor);
    }
  }
}
