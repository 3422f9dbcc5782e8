package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaMapTest {
  private final SchemaMap map = SchemaMap.of(Map.of("public", "migrated", "My Schema", "Other"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nextval('public.orders_id_seq'::regclass)|nextval('\"migrated\".orders_id_seq'::regclass)",
      "nextval('\"My Schema\".\"odd seq\"'::regclass)|nextval('\"Other\".\"odd seq\"'::regclass)",
      "public.mood[]|\"migrated\".mood[]",
      "\"My Schema\".\"Mood\"|\"Other\".\"Mood\"",
      "'public.not_a_name'::text|'public.not_a_name'::text",
      "(status = 'public.x'::text)|(status = 'public.x'::text)",
      "FOREIGN KEY (a) REFERENCES public.t(id)|FOREIGN KEY (a) REFERENCES \"migrated\".t(id)",
      "CREATE INDEX i ON public.t USING btree (lower(name))|CREATE INDEX i ON \"migrated\".t USING btree (lower(name))",
      "SELECT t.public FROM other.t|SELECT t.public FROM other.t",
      "x.public.y|x.public.y",
      "PUBLIC.t|\"migrated\".t",
      "\"PUBLIC\".t|\"PUBLIC\".t",
      "$$public.t$$ + public.f()|$$public.t$$ + \"migrated\".f()",
      "/* public.t */ public . t -- public.t|/* public.t */ \"migrated\" . t -- public.t",
      "E'public.t\\''::regclass|E'public.t\\''::regclass",
      "REVOKE ALL ON SCHEMA public FROM PUBLIC|REVOKE ALL ON SCHEMA \"migrated\" FROM PUBLIC",
      "COMMENT ON SCHEMA public IS 'standard public schema'|COMMENT ON SCHEMA \"migrated\" IS 'standard public schema'",
      "ALTER DEFAULT PRIVILEGES IN SCHEMA \"My Schema\" GRANT SELECT ON TABLES TO r|ALTER DEFAULT PRIVILEGES IN SCHEMA \"Other\" GRANT SELECT ON TABLES TO r",
      "ALTER SCHEMA public OWNER TO app|ALTER SCHEMA \"migrated\" OWNER TO app",
      "GRANT USAGE ON SCHEMA sales TO PUBLIC|GRANT USAGE ON SCHEMA sales TO PUBLIC",
      "CREATE TABLE t (schema text, public int)|CREATE TABLE t (schema text, public int)",
  })
  void rewrite_serverPrintedFragment_mapsOnlyQualifiers(String in, String expected) {
    assertThat(map.rewrite(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"public|migrated", "My Schema|Other", "sales|sales"})
  void schema_mappedOrNot_returnsTargetSchema(String source, String target) {
    assertThat(map.schema(source)).isEqualTo(target);
  }
}
