package io.pgferry.extractor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renames schemas between source and target ({@code public=migrated}). Besides object names it rewrites
 * schema qualifiers inside SQL text the server printed (defaults, checks, index and view definitions):
 * with an empty search_path every user object there is qualified, so mapping the qualifiers is enough. A schema
 * named by itself after the keyword {@code SCHEMA} (its grants, comment, owner, default privileges) is mapped
 * too, so that a renamed schema's settings land on the target schema, not on the source's namesake there.
 *
 * <p>The rewrite works on tokens, never on raw text, so string literals, comments and dollar-quoted
 * bodies are left alone — except a literal cast to a reg* type ({@code 'public.seq'::regclass}), which
 * is an object reference in disguise.
 */
public final class SchemaMap {
  private static final SchemaMap IDENTITY = new SchemaMap(Map.of());
  private final Map<String, String> mapping;

  private SchemaMap(Map<String, String> mapping) {
    this.mapping = Map.copyOf(mapping);
  }

  public static SchemaMap identity() {
    return IDENTITY;
  }

  public static SchemaMap of(Map<String, String> sourceToTarget) {
    return sourceToTarget.isEmpty() ? IDENTITY : new SchemaMap(new LinkedHashMap<>(sourceToTarget));
  }

  public boolean isIdentity() {
    return mapping.isEmpty();
  }

  public Map<String, String> mapping() {
    return mapping;
  }

  public String schema(String sourceSchema) {
    return mapping.getOrDefault(sourceSchema, sourceSchema);
  }

  public QualifiedName name(QualifiedName source) {
    String s = schema(source.schema());
    return s.equals(source.schema()) ? source : source.inSchema(s);
  }

  /** Rewrites schema qualifiers in a server-printed SQL fragment. */
  public String rewrite(String sql) {
    if (mapping.isEmpty() || sql == null) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 16);
    SqlLexer lx = new SqlLexer(sql);
    SqlLexer.Token prev = null;
    SqlLexer.Token tok;
    while ((tok = lx.next()) != null) {
      String text = tok.text();
      if (tok.kind() == SqlLexer.Kind.IDENT || tok.kind() == SqlLexer.Kind.QUOTED_IDENT) {
        boolean qualifies = lx.peekNonSpace() == '.' && (prev == null || !prev.text().equals("."));
        // a schema named by itself: ON SCHEMA s, COMMENT ON SCHEMA s, IN SCHEMA s, ALTER SCHEMA s, SET SCHEMA s
        boolean schemaItself = !qualifies && prev != null && prev.kind() == SqlLexer.Kind.IDENT && prev.text().equalsIgnoreCase("schema");
        String mapped = qualifies || schemaItself ? mapping.get(tok.name()) : null;
        if (mapped != null) {
          text = Sql.ident(mapped);
        }
      } else if (tok.kind() == SqlLexer.Kind.STRING && lx.followedByRegCast()) {
        text = rewriteRegLiteral(tok);
      }
      out.append(text);
      if (tok.kind() != SqlLexer.Kind.SPACE) {
        prev = tok;
      }
    }
    return out.toString();
  }

  /** {@code '"My Schema".seq'::regclass}: the literal holds a qualified name in SQL syntax. */
  private String rewriteRegLiteral(SqlLexer.Token tok) {
    String inner = tok.stringValue();
    if (inner == null) {
      return tok.text();
    }
    String rewritten = rewrite(inner);
    return Objects.equals(rewritten, inner) ? tok.text() : Sql.literal(rewritten);
  }
}
