package io.pgferry.extractor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads user text search parsers, templates, dictionaries and configurations (with their token mappings)
 * as {@link SchemaObject.Phase#BASE} objects: full-text indexes and generated tsvector columns name them,
 * and pg_depend orders a configuration after its dictionaries and a dictionary after its template. One
 * query per kind; {@code regproc} prints user functions qualified under the empty search_path.
 */
final class TextSearchObjectsReader {
  private static final String ADDRESS = "CROSS JOIN LATERAL pg_identify_object_as_address('%s'::regclass, %s, 0) a";

  private TextSearchObjectsReader() {}

  static List<SchemaObject> read(Connection c) throws SQLException {
    List<SchemaObject> out = new ArrayList<>();
    parsers(c, out);
    templates(c, out);
    dictionaries(c, out);
    configurations(c, out);
    return out;
  }

  private static void parsers(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, p.prsname, p.prsstart::text, p.prstoken::text,
               p.prsend::text, p.prslextype::text, CASE WHEN p.prsheadline <> 0 THEN p.prsheadline::text END
        FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_ts_parser", "p.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_ts_parser", "p.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String headline = rs.getString(10) == null ? "" : ", HEADLINE = " + rs.getString(10);
        out.add(OperatorObjectsReader.object(rs, "CREATE TEXT SEARCH PARSER " + Sql.qualified(rs.getString(4), rs.getString(5))
            + " (START = " + rs.getString(6) + ", GETTOKEN = " + rs.getString(7) + ", END = " + rs.getString(8)
            + ", LEXTYPES = " + rs.getString(9) + headline + ")"));
      }
    }
  }

  private static void templates(Connection c, List<SchemaObject> out) throws SQLException {
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, t.tmplname,
               CASE WHEN t.tmplinit <> 0 THEN t.tmplinit::text END, t.tmpllexize::text
        FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_ts_template", "t.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_ts_template", "t.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String init = rs.getString(6) == null ? "" : "INIT = " + rs.getString(6) + ", ";
        out.add(OperatorObjectsReader.object(rs, "CREATE TEXT SEARCH TEMPLATE " + Sql.qualified(rs.getString(4), rs.getString(5))
            + " (" + init + "LEXIZE = " + rs.getString(7) + ")"));
      }
    }
  }

  private static void dictionaries(Connection c, List<SchemaObject> out) throws SQLException {
    // dictinitoption is already an option list as CREATE TEXT SEARCH DICTIONARY takes it (stopwords = 'english').
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, d.dictname, tn.nspname, t.tmplname, d.dictinitoption
        FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
        JOIN pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_ts_dict", "d.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_ts_dict", "d.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String options = rs.getString(8) == null || rs.getString(8).isBlank() ? "" : ", " + rs.getString(8);
        out.add(OperatorObjectsReader.object(rs, "CREATE TEXT SEARCH DICTIONARY " + Sql.qualified(rs.getString(4), rs.getString(5))
            + " (TEMPLATE = " + Sql.qualified(rs.getString(6), rs.getString(7)) + options + ")"));
      }
    }
  }

  private static void configurations(Connection c, List<SchemaObject> out) throws SQLException {
    // Token names come from the parser, asked once per parser that a user configuration uses.
    String mapSql = """
        WITH cfg AS (
          SELECT c.oid, c.cfgparser FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE %s AND %s
        ), tokens AS (
          SELECT p.prs, t.tokid, t.alias FROM (SELECT DISTINCT cfgparser AS prs FROM cfg) p CROSS JOIN LATERAL ts_token_type(p.prs) t
        )
        SELECT m.mapcfg::int8, tk.alias, string_agg(format('%%I.%%I', dn.nspname, d.dictname), ', ' ORDER BY m.mapseqno)
        FROM pg_ts_config_map m JOIN cfg ON cfg.oid = m.mapcfg JOIN tokens tk ON tk.prs = cfg.cfgparser AND tk.tokid = m.maptokentype
        JOIN pg_ts_dict d ON d.oid = m.mapdict JOIN pg_namespace dn ON dn.oid = d.dictnamespace
        GROUP BY m.mapcfg, m.maptokentype, tk.alias ORDER BY m.mapcfg, m.maptokentype""".formatted(CatalogReader.USER_SCHEMA,
        CatalogReader.notExtensionMember("pg_ts_config", "c.oid"));
    Map<Long, List<String>> mappings = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(mapSql)) {
      while (rs.next()) {
        mappings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(" ADD MAPPING FOR " + Sql.ident(rs.getString(2)) + " WITH " + rs.getString(3));
      }
    }
    String sql = """
        SELECT a.type, a.object_names, a.object_args, n.nspname, c.cfgname, pn.nspname, p.prsname, c.oid::int8
        FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
        JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace %s
        WHERE %s AND %s ORDER BY 4, 5""".formatted(ADDRESS.formatted("pg_ts_config", "c.oid"),
        CatalogReader.USER_SCHEMA, CatalogReader.notExtensionMember("pg_ts_config", "c.oid"));
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String name = Sql.qualified(rs.getString(4), rs.getString(5));
        List<String> stmts = new ArrayList<>();
        stmts.add("CREATE TEXT SEARCH CONFIGURATION " + name + " (PARSER = " + Sql.qualified(rs.getString(6), rs.getString(7)) + ")");
        for (String m : mappings.getOrDefault(rs.getLong(8), List.of())) {
          stmts.add("ALTER TEXT SEARCH CONFIGURATION " + name + m);
        }
        out.add(OperatorObjectsReader.object(rs, stmts));
      }
    }
  }
}
