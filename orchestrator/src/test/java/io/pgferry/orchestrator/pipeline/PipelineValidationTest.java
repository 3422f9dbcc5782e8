package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid input fails before any connection with one sentence naming file:line:column. */
class PipelineValidationTest {
  private static final String HEAD = "source: postgresql://localhost/shop\ntarget: postgresql://localhost/copy\n";
  private static final Map<String, String> ENV = Map.of("SALT", "s3cret");

  static Stream<Arguments> invalidPipelines() {
    return Stream.of(
        // YAML itself
        Arguments.of("syntax", HEAD + "include: [a, b\n", "YAML syntax error: expected ',' or ']', but got <stream end> at demo.yaml:4:1"),
        Arguments.of("empty file", "", "pipeline file is empty at demo.yaml:1:1; it needs at least 'source' and 'target'"),
        Arguments.of("root is a list", "- a\n", "a pipeline must be a mapping of keys, not a list at demo.yaml:1:1"),
        Arguments.of("two documents", HEAD + "---\nx: 1\n", "a pipeline file holds one YAML document, found a second one at demo.yaml:4:1"),
        Arguments.of("duplicate key", HEAD + "jobs: 2\njobs: 3\n", "duplicate key 'jobs' at demo.yaml:4:1; first given at demo.yaml:3:1"),
        Arguments.of("alias", "base: &b postgresql://x\nsource: *b\ntarget: x\n", "YAML aliases (*b) are not supported at demo.yaml:2:9; repeat the value"),
        // keys
        Arguments.of("unknown key", HEAD + "job: 4\n", "unknown key 'job' at demo.yaml:3:1; did you mean 'jobs'?"),
        Arguments.of("unknown key far", HEAD + "frobnicate: 4\n", "unknown key 'frobnicate' at demo.yaml:3:1; known: engine, exclude, flink_address, include, jobs, phases, salt, schema_map, schema_sync, source, steps, strict, subset, sync, tables, target, transforms"),
        Arguments.of("source missing", "target: x\n", "missing required key 'source' at demo.yaml:1:1; say which database to copy from"),
        Arguments.of("target missing", "source: x\n", "missing required key 'target' at demo.yaml:1:1; say which database to copy into"),
        // connections
        Arguments.of("source list", "source: [a]\ntarget: x\n", "'source' must be a connection URL or a mapping of url, host, port, database, user, password, schema, not a list at demo.yaml:1:9"),
        Arguments.of("source empty", "source:\ntarget: x\n", "'source' must be a connection URL or a mapping of url, host, port, database, user, password, schema, not empty at demo.yaml:1:8"),
        Arguments.of("target unknown key", "source: x\ntarget:\n  hots: db\n", "unknown key 'hots' in 'target' at demo.yaml:3:3; did you mean 'host'?"),
        Arguments.of("port text", "source: x\ntarget:\n  port: five\n", "'target.port' must be an integer from 1 to 65535, not 'five' at demo.yaml:3:9"),
        Arguments.of("port range", "source: x\ntarget: { port: 70000 }\n", "'target.port' must be an integer from 1 to 65535, not '70000' at demo.yaml:2:17"),
        Arguments.of("target empty map", "source: x\ntarget: {}\n", "'target' names no database at demo.yaml:2:9; give a url, or host and database"),
        Arguments.of("password list", "source: x\ntarget: { password: [a] }\n", "'target.password' must be a string, not a list at demo.yaml:2:21"),
        // jobs
        Arguments.of("jobs text", HEAD + "jobs: four\n", "'jobs' must be an integer from 1 to 256, not 'four' at demo.yaml:3:7"),
        Arguments.of("jobs zero", HEAD + "jobs: 0\n", "'jobs' must be an integer from 1 to 256, not '0' at demo.yaml:3:7"),
        Arguments.of("jobs float", HEAD + "jobs: 2.5\n", "'jobs' must be an integer from 1 to 256, not '2.5' at demo.yaml:3:7"),
        Arguments.of("jobs list", HEAD + "jobs: [1]\n", "'jobs' must be an integer from 1 to 256, not a list at demo.yaml:3:7"),
        // phases
        Arguments.of("phase unknown", HEAD + "phases: [base, lode]\n", "unknown phase 'lode' at demo.yaml:3:16; did you mean 'load'?"),
        Arguments.of("phase order", HEAD + "phases: [seal, base]\n", "phase 'base' is listed after 'seal' at demo.yaml:3:16; phases run in the order base, load, seal"),
        Arguments.of("phase twice", HEAD + "phases: load, load\n", "phase 'load' is listed twice at demo.yaml:3:9; phases run in the order base, load, seal"),
        Arguments.of("phases empty", HEAD + "phases: []\n", "'phases' is empty at demo.yaml:3:9; list at least one of base, load, seal"),
        // include / exclude
        Arguments.of("include bracket", HEAD + "include: [\"public.[ab\"]\n", "table pattern 'public.[ab' has an unclosed '[' in 'include' at demo.yaml:3:11"),
        Arguments.of("exclude dots", HEAD + "exclude: a.b.c\n", "table pattern 'a.b.c' has more than one dot; write schema.table or table in 'exclude' at demo.yaml:3:10"),
        Arguments.of("include empty entry", HEAD + "include: \"a,,b\"\n", "'include' has an empty entry in 'a,,b' at demo.yaml:3:10"),
        Arguments.of("include mapping", HEAD + "include: {a: 1}\n", "'include' must be a list or a comma-separated string, not a mapping at demo.yaml:3:10"),
        // schema_map
        Arguments.of("schema_map list", HEAD + "schema_map: [a]\n", "'schema_map' must be a mapping, not a list at demo.yaml:3:13"),
        Arguments.of("schema_map null target", HEAD + "schema_map:\n  public:\n", "schema_map target of 'public' must be a string, not empty at demo.yaml:4:10"),
        Arguments.of("schema_map clash", HEAD + "schema_map: { a: x, b: x }\n", "schema_map maps both 'a' and 'b' to 'x' at demo.yaml:3:24; each target schema can receive one source schema"),
        Arguments.of("schema_map system", HEAD + "schema_map: { pg_catalog: x }\n", "schema_map cannot map the system schema 'pg_catalog' at demo.yaml:3:15"),
        Arguments.of("schema_map long", HEAD + "schema_map: { a: " + "x".repeat(64) + " }\n", "schema name '" + "x".repeat(64) + "' in schema_map is longer than 63 bytes at demo.yaml:3:18; PostgreSQL would truncate it"),
        // salt and interpolation
        Arguments.of("salt list", HEAD + "salt: [a]\n", "'salt' must be a non-empty string, not a list at demo.yaml:3:7"),
        Arguments.of("undefined variable", "source: x\ntarget:\n  password: ${NOPE}\n", "undefined environment variable 'NOPE' at demo.yaml:3:13; set it (in the environment or an env file, `envFile`), or give a default with ${NOPE:-default}"),
        Arguments.of("bad variable name", HEAD + "salt: ${1X}\n", "invalid variable name '1X' in '${1X}' at demo.yaml:3:7; names are letters, digits and underscores, not starting with a digit"),
        Arguments.of("unclosed variable", HEAD + "salt: ${SALT\n", "unclosed variable reference '${SALT' at demo.yaml:3:7; write ${NAME} or ${NAME:-default}, or $${ for a literal ${"),
        // tables
        Arguments.of("tables unknown key", HEAD + "tables:\n  orders:\n    wher: x > 1\n", "unknown key 'wher' in table 'orders' at demo.yaml:5:5; did you mean 'where'?"),
        Arguments.of("tables not mapping", HEAD + "tables:\n  orders: x > 1\n", "table 'orders' must be a mapping, not 'x > 1' at demo.yaml:4:11"),
        Arguments.of("tables bad key", HEAD + "tables:\n  a.b.c:\n    where: x\n", "table key 'a.b.c' is not table or schema.table at demo.yaml:4:3; quote names with dots or spaces, e.g. \"My Schema\".\"Order Items\""),
        Arguments.of("tables same table", HEAD + "tables:\n  Orders: {}\n  orders: {}\n", "table 'orders' is the same table as an earlier key at demo.yaml:5:3; first given at demo.yaml:4:3"),
        Arguments.of("where number", HEAD + "tables:\n  orders: { where: 42 }\n", "'where' of table 'orders' must be an SQL condition string, not '42' at demo.yaml:4:20"),
        // transforms
        Arguments.of("transform unknown", HEAD + "salt: x\ntransforms:\n  customers.email: hsh\n", "unknown transformer 'hsh' at demo.yaml:5:20; known: choice, constant, date_shift, default, fake, generalize, hash, json, keep, mask, noise, permute, random_date, random_int, regex_replace, set_null, shuffle, sql, template, truncate"),
        Arguments.of("transform unknown type", HEAD + "transforms:\n  customers.email: { type: nul }\n", "unknown transformer 'nul' at demo.yaml:4:28; known: choice, constant, date_shift, default, fake, generalize, hash, json, keep, mask, noise, permute, random_date, random_int, regex_replace, set_null, shuffle, sql, template, truncate"),
        Arguments.of("transform no type", HEAD + "transforms:\n  customers.email: { length: 3 }\n", "transform 'customers.email' has no 'type' at demo.yaml:4:20; name a transformer: choice, constant, date_shift, default, fake, generalize, hash, json, keep, mask, noise, permute, random_date, random_int, regex_replace, set_null, shuffle, sql, template, truncate"),
        Arguments.of("transform bad key", HEAD + "transforms:\n  email: set_null\n", "transform key 'email' is not table.column or schema.table.column at demo.yaml:4:3; quote names with dots or spaces, e.g. \"Order Items\".\"select\""),
        Arguments.of("transform key too long", HEAD + "transforms:\n  a.b.c.d: set_null\n", "transform key 'a.b.c.d' is not table.column or schema.table.column at demo.yaml:4:3; quote names with dots or spaces, e.g. \"Order Items\".\"select\""),
        Arguments.of("transform unclosed quote", HEAD + "transforms:\n  '\"a.b': set_null\n", "transform key '\"a.b' is not table.column or schema.table.column at demo.yaml:4:3; quote names with dots or spaces, e.g. \"Order Items\".\"select\""),
        Arguments.of("transform wildcard column", HEAD + "transforms:\n  a.e*: set_null\n", "transform key 'a.e*' has a wildcard in the column name at demo.yaml:4:3; wildcards are allowed in the schema and table parts only"),
        Arguments.of("transform same column", HEAD + "transforms:\n  A.b: set_null\n  a.B: set_null\n", "transform 'a.B' names the same column as an earlier one at demo.yaml:5:3; first given at demo.yaml:4:3"),
        Arguments.of("constant needs value", HEAD + "transforms:\n  a.b: constant\n", "transformer 'constant' needs option 'value' at demo.yaml:4:8; write { type: constant, value: ... }"),
        Arguments.of("hash needs salt", HEAD + "transforms:\n  a.b: hash\n", "transformer 'hash' needs the top-level 'salt' at demo.yaml:4:3; add salt: ${PGFERRY_SALT} and set that variable to a secret"),
        Arguments.of("hash unknown option", HEAD + "salt: x\ntransforms:\n  a.b: { type: hash, lenght: 3 }\n", "unknown option 'lenght' of transformer 'hash' at demo.yaml:5:22; did you mean 'length'?"),
        Arguments.of("hash length range", HEAD + "salt: x\ntransforms:\n  a.b: { type: hash, length: 129 }\n", "option 'length' of transformer 'hash' must be an integer from 1 to 128, not '129' at demo.yaml:5:30"),
        Arguments.of("hash length text", HEAD + "salt: x\ntransforms:\n  a.b: { type: hash, length: long }\n", "option 'length' of transformer 'hash' must be an integer from 1 to 128, not 'long' at demo.yaml:5:30"),
        Arguments.of("hash encoding", HEAD + "salt: x\ntransforms:\n  a.b: { type: hash, encoding: base32 }\n", "option 'encoding' of transformer 'hash' must be one of hex, base64, not 'base32' at demo.yaml:5:32"),
        Arguments.of("set_null option", HEAD + "transforms:\n  a.b: { type: set_null, value: x }\n", "transformer 'set_null' takes no options, got 'value' at demo.yaml:4:26"),
        Arguments.of("constant null value", HEAD + "transforms:\n  a.b: { type: constant, value: ~ }\n", "option 'value' of transformer 'constant' must be a string, not empty at demo.yaml:4:33"),
        Arguments.of("transform list", HEAD + "transforms:\n  a.b: [hash]\n", "transform 'a.b' must be a transformer name or a mapping with 'type', not a list at demo.yaml:4:8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void parse_invalidPipeline_failsWithLocatedSentence(String name, String yaml, String message) {
    assertThatThrownBy(() -> PipelineParser.parse(yaml, "demo.yaml", ENV))
        .isInstanceOfSatisfying(PgferryException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
        .hasMessage(message);
  }
}
