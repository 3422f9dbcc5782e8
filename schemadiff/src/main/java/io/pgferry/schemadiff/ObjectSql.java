package io.pgferry.schemadiff;

import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.Sql;
import io.pgferry.extractor.SqlLexer;
import io.pgferry.schemadiff.PlanBuilder.Stage;
import java.util.ArrayList;
import java.util.List;

/** The SQL {@link ObjectDiff} writes from keys and server-printed statements: drops, undos, in-place replacements. */
final class ObjectSql {
  private ObjectSql() {}

  static String orReplace(String sql) {
    for (String kind : List.of("FUNCTION", "PROCEDURE")) {
      if (sql.startsWith("CREATE " + kind)) {
        return "CREATE OR REPLACE " + kind + sql.substring(("CREATE " + kind).length());
      }
    }
    return sql;
  }

  /** GRANT ↔ REVOKE, ENABLE ↔ DISABLE: what undoes a grant list or a row-security switch. */
  static List<String> inverse(List<String> statements) {
    List<String> out = new ArrayList<>();
    for (String s : statements) {
      if (s.startsWith("GRANT ")) {
        String body = s.substring(6).replace(" WITH GRANT OPTION", "");
        int to = body.lastIndexOf(" TO ");
        out.add("REVOKE " + body.substring(0, to) + " FROM " + body.substring(to + 4));
      } else if (s.startsWith("REVOKE ")) {
        String body = s.substring(7);
        int from = body.lastIndexOf(" FROM ");
        out.add("GRANT " + body.substring(0, from) + " TO " + body.substring(from + 6));
      } else if (s.endsWith(" ENABLE ROW LEVEL SECURITY")) {
        out.add(s.replace(" ENABLE ROW LEVEL SECURITY", " DISABLE ROW LEVEL SECURITY"));
      } else if (s.endsWith(" FORCE ROW LEVEL SECURITY")) {
        out.add(s.replace(" FORCE ROW LEVEL SECURITY", " NO FORCE ROW LEVEL SECURITY"));
      }
    }
    return out;
  }

  /** {@code COMMENT ON … IS 'x'} → {@code COMMENT ON … IS NULL}: the literal is the statement's last token. */
  static String nullComment(String sql) {
    return SqlLexer.withoutLastToken(sql) + "NULL";
  }

  /** {@code ALTER TABLE t SET (a=1, b=2)} → {@code ALTER TABLE t RESET (a, b)}. */
  static String resetOptions(String sql) {
    int set = sql.lastIndexOf(" SET (");
    if (set < 0 || !sql.endsWith(")")) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (String part : sql.substring(set + 6, sql.length() - 1).split(",")) {
      int eq = part.indexOf('=');
      keys.add((eq < 0 ? part : part.substring(0, eq)).strip());
    }
    return sql.substring(0, set) + " RESET (" + String.join(", ", keys) + ")";
  }

  static String dropSql(ObjectKey k) {
    List<String> n = k.names();
    String args = "(" + String.join(", ", k.args()) + ")";
    return switch (k.type()) {
      case "function", "window function" -> "DROP FUNCTION " + Sql.qualified(n.get(0), n.get(1)) + args;
      case "procedure" -> "DROP PROCEDURE " + Sql.qualified(n.get(0), n.get(1)) + args;
      case "aggregate" -> "DROP AGGREGATE " + Sql.qualified(n.get(0), n.get(1)) + args;
      case "trigger" -> "DROP TRIGGER " + Sql.ident(n.get(2)) + " ON " + Sql.qualified(n.get(0), n.get(1));
      case "policy" -> "DROP POLICY " + Sql.ident(n.get(2)) + " ON " + Sql.qualified(n.get(0), n.get(1));
      case "type" -> "DROP TYPE " + Sql.qualified(n.get(0), n.get(1));
      case "domain" -> "DROP DOMAIN " + Sql.qualified(n.get(0), n.get(1));
      case "collation" -> "DROP COLLATION " + Sql.qualified(n.get(0), n.get(1));
      case "index" -> "DROP INDEX " + Sql.qualified(n.get(0), n.get(1));
      case "extension" -> "DROP EXTENSION " + Sql.ident(n.get(0));
      case "event trigger" -> "DROP EVENT TRIGGER " + Sql.ident(n.get(0));
      // A prefix operator's address has its right type only.
      case "operator" -> "DROP OPERATOR " + Sql.ident(n.get(0)) + "." + n.get(1) + " ("
          + (k.args().size() == 1 ? "NONE" : k.args().get(0)) + ", " + k.args().getLast() + ")";
      case "operator class", "operator family" -> "DROP " + k.type().toUpperCase(java.util.Locale.ROOT) + " "
          + Sql.qualified(n.get(1), n.get(2)) + " USING " + Sql.ident(n.get(0));
      case "cast" -> "DROP CAST (" + n.get(0) + " AS " + k.args().get(0) + ")";
      case "conversion", "text search parser", "text search template", "text search dictionary", "text search configuration" ->
          "DROP " + k.type().toUpperCase(java.util.Locale.ROOT) + " " + Sql.qualified(n.get(0), n.get(1));
      case "statistics object" -> "DROP STATISTICS " + Sql.qualified(n.get(0), n.get(1));
      case "foreign table" -> "DROP FOREIGN TABLE " + Sql.qualified(n.get(0), n.get(1));
      case "rule" -> "DROP RULE " + Sql.ident(n.get(2)) + " ON " + Sql.qualified(n.get(0), n.get(1));
      // with its user mappings, which are not read (their options hold credentials) and would block the drop
      case "server" -> "DROP SERVER " + Sql.ident(n.get(0)) + " CASCADE";
      case "foreign-data wrapper" -> "DROP FOREIGN DATA WRAPPER " + Sql.ident(n.get(0));
      // the mapping of PUBLIC is addressed as the role "public"
      case "user mapping" -> "DROP USER MAPPING FOR " + (n.get(0).equals("public") ? "PUBLIC" : Sql.ident(n.get(0))) + " SERVER " + Sql.ident(n.get(1));
      case "language" -> "DROP LANGUAGE " + Sql.ident(n.get(0));
      case "access method" -> "DROP ACCESS METHOD " + Sql.ident(n.get(0));
      case "transform" -> "DROP TRANSFORM FOR " + n.get(0) + " LANGUAGE " + Sql.ident(k.args().get(0));
      case "publication" -> "DROP PUBLICATION " + Sql.ident(n.get(0));
      default -> null;
    };
  }

  /**
   * Kinds whose statements set a property of another object: re-applying the source's sets it, so they need no drop
   * of their own. Any other kind without {@link #dropSql} stops the plan.
   */
  static final java.util.Set<String> REAPPLIED = java.util.Set.of("table options", "column settings", "replica identity",
      "cluster mark", "index column statistics");

  static Stage stageOf(ObjectKey k) {
    return switch (k.type()) {
      case "function", "procedure", "aggregate", "window function" -> Stage.FUNCTIONS;
      // rules name tables and views on both sides of DO
      case "trigger", "event trigger", "rule" -> Stage.TRIGGERS;
      case "foreign table" -> Stage.TABLES;
      case "policy", "row security" -> Stage.POLICIES;
      case "acl", "owner" -> Stage.GRANTS;
      case "comment" -> Stage.COMMENTS;
      case "table options" -> Stage.TABLES;
      case "column settings" -> Stage.COLUMNS;
      case "index" -> Stage.VIEWS;
      // after every index they may name, materialized views' too
      case "replica identity", "cluster mark" -> Stage.VIEWS;
      case "operator", "operator class", "operator family", "cast", "conversion", "text search parser", "text search template",
          "text search dictionary", "text search configuration" -> Stage.OPERATORS;
      case "statistics object" -> Stage.INDEXES;
      default -> Stage.TYPES;
    };
  }
}
