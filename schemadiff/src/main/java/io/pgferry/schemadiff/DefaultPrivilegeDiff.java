package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.SchemaObject;
import io.pgferry.extractor.Sql;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Default privileges ({@code pg_default_acl}), keyed as {@code pg_identify_object_as_address} gives them: type
 * {@code default acl}, names (role[, schema]), args (the object type letter). The extractor writes each entry as
 * its difference from what PostgreSQL assumes when there is no row, as {@code acldefault} does: the built-in
 * default of the object type for a database-wide entry (owner has everything; PUBLIC has EXECUTE on functions and
 * USAGE on types), nothing for a per-schema one, which can only add. PostgreSQL deletes a row that returns to that
 * baseline, so equal statement lists mean equal default privileges, and an entry one side lacks is the baseline
 * there: undoing the target's statements (GRANT ↔ REVOKE) returns it to the baseline, then the source's apply.
 *
 * <p>Placement. Default privileges act on every object created after them in the same transaction, and every
 * ACL the plan writes for an object it creates is the source's ACL as a difference from {@code acldefault} (as
 * the clone writes it), which is exact only if the object starts with {@code acldefault}. So the target's entries
 * are undone before the first CREATE (right after the drops; the roles exist already, and per-schema entries of
 * the target are in schemas the target has), the ones that differ always and the unchanged ones too when the plan
 * creates anything; the source's are applied once every object exists (after recreated dependents), before the
 * cleanup stage, which only drops.
 */
final class DefaultPrivilegeDiff {
  static final String TYPE = "default acl";

  private DefaultPrivilegeDiff() {}

  static boolean isDefaultAcl(ObjectKey k) {
    return k.type().equals(TYPE);
  }

  /** {@code ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s]}: the head the extractor writes for a key. */
  static String prefix(ObjectKey k) {
    return "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(k.names().get(0)) + (k.names().size() > 1 ? " IN SCHEMA " + Sql.ident(k.names().get(1)) : "");
  }

  /**
   * @param outOfScope the target's database-wide entries when a schema selection leaves them out of the comparison:
   *     they are not changed, but they still act on the objects the plan creates, so they are set aside the same way
   */
  static void run(PlanBuilder plan, Catalog src, Catalog dst, List<SchemaObject> outOfScope) {
    Map<ObjectKey, SchemaObject> s = byKey(src);
    Map<ObjectKey, SchemaObject> t = byKey(dst);
    for (SchemaObject o : outOfScope) {
      s.putIfAbsent(o.key(), o);
      t.putIfAbsent(o.key(), o);
    }
    Set<ObjectKey> keys = new LinkedHashSet<>(t.keySet());
    keys.addAll(s.keySet());
    boolean creates = List.of(Stage.SCHEMAS, Stage.TYPES, Stage.FUNCTIONS, Stage.OPERATORS, Stage.SEQUENCES, Stage.TABLES, Stage.COLUMNS,
        Stage.VIEWS, Stage.DEPENDENTS).stream().anyMatch(plan::has);
    for (ObjectKey k : keys) {
      List<String> want = s.containsKey(k) ? s.get(k).statements() : List.of();
      List<String> have = t.containsKey(k) ? t.get(k).statements() : List.of();
      boolean differs = !want.equals(have);
      if (!differs && !(creates && !have.isEmpty())) {
        continue;
      }
      String what = describe(k);
      String undoWhy = differs ? what + " differs from the source; the target's are undone first"
          : what + " undone while this plan creates objects (they must start with the built-in default), applied again at the end";
      for (String sql : have) {
        plan.add(Stage.DEFAULT_PRIVILEGES_UNDO, inverse(k, sql), undoWhy);
      }
      String why = differs ? what + (have.isEmpty() ? " are new in the source" : " as the source has them") : what + " again";
      for (String sql : want) {
        plan.add(Stage.DEFAULT_PRIVILEGES, sql, why);
        plan.roles.add(k.names().get(0));
        String grantee = grantee(k, sql);
        if (grantee != null) {
          plan.roles.add(grantee);
        }
      }
    }
  }

  private static Map<ObjectKey, SchemaObject> byKey(Catalog c) {
    Map<ObjectKey, SchemaObject> out = new LinkedHashMap<>();
    c.objects().stream().filter(o -> isDefaultAcl(o.key())).forEach(o -> out.put(o.key(), o));
    return out;
  }

  private static String describe(ObjectKey k) {
    String on = switch (k.args().isEmpty() ? "" : k.args().get(0)) {
      case "r" -> "tables";
      case "S" -> "sequences";
      case "f" -> "functions";
      case "T" -> "types";
      case "n" -> "schemas";
      case "L" -> "large objects";
      default -> "objects of type " + k.args();
    };
    return "default privileges of role " + k.names().get(0) + (k.names().size() > 1 ? " in schema " + k.names().get(1) : "") + " on " + on;
  }

  /** GRANT ↔ REVOKE of one statement the extractor wrote (the head is the key's). */
  static String inverse(ObjectKey k, String sql) {
    String head = prefix(k);
    if (!sql.startsWith(head + " ")) {
      throw new IllegalStateException("unexpected default privilege statement for " + k + ": " + sql);
    }
    List<String> inv = ObjectSql.inverse(List.of(sql.substring(head.length() + 1)));
    return head + " " + inv.get(0);
  }

  /** The role a statement grants to or revokes from (null for PUBLIC), as a role name. */
  private static String grantee(ObjectKey k, String sql) {
    String body = sql.substring(prefix(k).length() + 1).replace(" WITH GRANT OPTION", "");
    int at = body.startsWith("GRANT ") ? body.lastIndexOf(" TO ") + 4 : body.lastIndexOf(" FROM ") + 6;
    String g = body.substring(at);
    if (g.equals("PUBLIC")) {
      return null;
    }
    return g.startsWith("\"") ? g.substring(1, g.length() - 1).replace("\"\"", "\"") : g;
  }

  /** Applies the key's head to a statement whose head names the unmapped schema (for {@link DiffScope#mapped}). */
  static String remapped(ObjectKey original, ObjectKey mapped, String sql) {
    String from = prefix(original);
    return sql.startsWith(from + " ") ? prefix(mapped) + sql.substring(from.length()) : sql;
  }

  static List<String> remapped(ObjectKey original, ObjectKey mapped, List<String> sql) {
    List<String> out = new ArrayList<>();
    sql.forEach(x -> out.add(remapped(original, mapped, x)));
    return out;
  }
}
