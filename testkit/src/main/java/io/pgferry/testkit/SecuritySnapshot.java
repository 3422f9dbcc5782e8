package io.pgferry.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What decorates a database's user objects, read straight from PostgreSQL's catalogs and views (no
 * pgferry code): row-level security switches, policies, comments, ACLs (per object, per column, default
 * privileges) and owners. Two databases with equal snapshots agree on everything {@code pg_dump
 * --schema-only} prints about these. Every row names objects by identity, never by oid.
 */
public final class SecuritySnapshot {
  /** User objects: not PostgreSQL's own schemas. */
  private static final String USER = "nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' "
      + "AND nspname NOT LIKE 'pg\\_temp%'";

  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("row security", """
        SELECT n.nspname, c.relname, c.relrowsecurity::text, c.relforcerowsecurity::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND %s ORDER BY 1, 2""".formatted(USER));
    QUERIES.put("policies", """
        SELECT schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check
        FROM pg_policies WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, 3""");
    // Schema-less objects (extensions, event triggers, casts...) count when initdb did not make them.
    QUERIES.put("comments", """
        SELECT o.type, o.identity, d.description
        FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
        WHERE coalesce(o.schema, '') NOT IN ('pg_catalog', 'information_schema')
          AND (o.schema IS NOT NULL OR d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)
        ORDER BY 1, 2""");
    // A NULL ACL means the default: compare effective ACLs, so "granted then revoked" equals "untouched".
    QUERIES.put("acls", """
        WITH o(classid, objid, subid, acl) AS (
          SELECT 'pg_namespace'::regclass, n.oid, 0, coalesce(n.nspacl, acldefault('n', n.nspowner)) FROM pg_namespace n WHERE %1$s
          UNION ALL
          SELECT 'pg_class'::regclass, c.oid, 0, coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND %1$s
          UNION ALL
          SELECT 'pg_class'::regclass, c.oid, a.attnum, a.attacl
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND %1$s
          UNION ALL
          SELECT 'pg_proc'::regclass, p.oid, 0, coalesce(p.proacl, acldefault('f', p.proowner))
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE %1$s
          UNION ALL
          SELECT 'pg_type'::regclass, t.oid, 0, coalesce(t.typacl, acldefault('T', t.typowner))
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE %1$s)
        SELECT i.type, i.identity, pg_get_userbyid(x.grantor),
               CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable::text
        FROM o CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, o.subid) i
        CROSS JOIN LATERAL aclexplode(o.acl) x
        ORDER BY 1, 2, 3, 4, 5, 6""".formatted(USER));
    QUERIES.put("default acls", """
        SELECT pg_get_userbyid(d.defaclrole), coalesce(n.nspname, '-'), d.defaclobjtype::text, pg_get_userbyid(x.grantor),
               CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END, x.privilege_type, x.is_grantable::text
        FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
        CROSS JOIN LATERAL aclexplode(d.defaclacl) x
        ORDER BY 1, 2, 3, 4, 5, 6, 7""");
    QUERIES.put("owners", """
        WITH o(classid, objid, owner) AS (
          SELECT 'pg_namespace'::regclass, n.oid, n.nspowner FROM pg_namespace n WHERE %1$s
          UNION ALL
          SELECT 'pg_class'::regclass, c.oid, c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1$s
          UNION ALL
          SELECT 'pg_type'::regclass, t.oid, t.typowner FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE %1$s
          UNION ALL
          SELECT 'pg_proc'::regclass, p.oid, p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE %1$s
          UNION ALL
          SELECT 'pg_collation'::regclass, c.oid, c.collowner FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE %1$s
          UNION ALL
          SELECT 'pg_event_trigger'::regclass, e.oid, e.evtowner FROM pg_event_trigger e)
        SELECT i.type, i.identity, pg_get_userbyid(o.owner)
        FROM o CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, 0) i ORDER BY 1, 2""".formatted(USER));
  }

  private SecuritySnapshot() {}

  /** Every part, by name ({@code row security}, {@code policies}, {@code comments}, {@code acls}, ...). */
  public static Map<String, List<List<String>>> of(TestDatabase db) {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    QUERIES.forEach((part, sql) -> out.put(part, db.query(sql)));
    return out;
  }

  /** One part only; see {@link #of}. */
  public static List<List<String>> part(TestDatabase db, String part) {
    String sql = QUERIES.get(part);
    if (sql == null) {
      throw new IllegalArgumentException("no snapshot part " + part + "; parts: " + QUERIES.keySet());
    }
    return db.query(sql);
  }
}
