package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.anonymize.TransformRule;
import io.pgferry.orchestrator.connect.ConnectionInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineParserTest {
  static final Map<String, String> ENV = Map.of("TARGET_PASSWORD", "tiger", "PGFERRY_SALT", "pepper-123");

  static String resource(String name) {
    try (InputStream in = PipelineParserTest.class.getResourceAsStream("/pipelines/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing test resource " + name, e);
    }
  }

  static Pipeline parseResource(String name, Map<String, String> env) {
    return PipelineParser.parse(resource(name), name, env);
  }

  @Test
  void parse_fullExample_readsEveryKey() {
    Pipeline p = parseResource("full.yaml", ENV);

    assertThat(p.file()).isNull();
    assertThat(p.source()).isEqualTo(
        new ConnectionInput("postgresql://app@prod-db:5432/shop", null, null, null, null, null, null));
    assertThat(p.target()).isEqualTo(
        new ConnectionInput(null, "localhost", 5433, "shop_dev", "postgres", "tiger", null));
    assertThat(p.include()).containsExactly("public.*", "orders_archive");
    assertThat(p.exclude()).containsExactly("public.audit_*", "public.tmp_?");
    assertThat(p.schemaMap()).containsExactly(Map.entry("public", "migrated"), Map.entry("legacy", "old"));
    assertThat(p.jobs()).isEqualTo(4);
    assertThat(p.phases()).containsExactly(Phase.BASE, Phase.LOAD);
    assertThat(p.salt()).isEqualTo("pepper-123");
    assertThat(p.tables()).containsOnlyKeys("public.orders", "events");
    assertThat(p.tables().get("public.orders")).isEqualTo(new TableOptions(
        "created_at > now() - interval '30 days' AND status <> 'void'", new Location("full.yaml", 17, 12)));
    assertThat(p.tables().get("events").where()).startsWith("payload->>'kind' = 'signup'\n");
    assertThat(p.transforms()).containsExactly(
        new TransformRule("public.customers", "email", "hash", Map.of("length", 16, "encoding", "hex"),
            new Location("full.yaml", 23, 3)),
        new TransformRule("customers", "phone", "set_null", Map.of(), new Location("full.yaml", 24, 3)),
        new TransformRule("public.customers", "note", "constant", Map.of("value", "redacted"),
            new Location("full.yaml", 25, 3)),
        new TransformRule("My Schema.Order Items", "select", "hash", Map.of("encoding", "base64"),
            new Location("full.yaml", 27, 3)));
  }

  @Test
  void parse_minimalExample_appliesDefaults() {
    Pipeline p = parseResource("minimal.yaml", Map.of());

    assertThat(p.include()).containsExactly("*");
    assertThat(p.exclude()).isEmpty();
    assertThat(p.schemaMap()).isEmpty();
    assertThat(p.jobs()).isEqualTo(Math.min(PipelineKey.MAX_JOBS, Runtime.getRuntime().availableProcessors()));
    assertThat(p.phases()).isEqualTo(EnumSet.allOf(Phase.class));
    assertThat(p.salt()).isNull();
    assertThat(p.tables()).isEmpty();
    assertThat(p.transforms()).isEmpty();
  }

  @Test
  void toString_withSaltAndPasswords_showsNeither() {
    Pipeline p = PipelineParser.parse("""
        source: postgresql://app:hunter2@db/shop?password=hunter3
        target: "host=localhost dbname=copy password='hunter4'"
        salt: pepper-123
        """, "secret.yaml", Map.of());

    assertThat(p.toString()).doesNotContain("pepper-123", "hunter2", "hunter3", "hunter4").contains("salt=***");
    assertThat(parseResource("full.yaml", ENV).toString()).doesNotContain("pepper-123", "tiger");
  }

  @Test
  void parse_pathOfFile_namesFileInRecordAndMessages(@TempDir Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("good.yaml"), resource("minimal.yaml"));
    Path bad = Files.writeString(dir.resolve("bad.yaml"), resource("unknown-key.yaml"));

    assertThat(PipelineParser.parse(good, Map.of()).file()).isEqualTo(good);
    assertThatThrownBy(() -> PipelineParser.parse(bad, Map.of()))
        .isInstanceOf(PgferryException.class)
        .hasMessage("unknown key 'job' at " + bad + ":3:1; did you mean 'jobs'?");
  }

  @Test
  void parse_missingFile_failsWithConfigCode(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> PipelineParser.parse(missing, Map.of()))
        .isInstanceOfSatisfying(PgferryException.class,
            e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
        .hasMessage("pipeline file " + missing + " does not exist");
  }

  @Test
  void parse_notUtf8_failsWithConfigCode(@TempDir Path dir) throws IOException {
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> PipelineParser.parse(latin1, Map.of()))
        .hasMessage("pipeline file " + latin1 + " is not UTF-8 text");
  }

  @Test
  void selects_includeAndExclude_excludeWins() {
    Pipeline p = parseResource("full.yaml", ENV);

    assertThat(p.selects("public", "orders")).isTrue();
    assertThat(p.selects("sales", "orders_archive")).isTrue();
    assertThat(p.selects("public", "audit_log")).isFalse();
    assertThat(p.selects("public", "tmp_1")).isFalse();
    assertThat(p.selects("public", "tmp_12")).isTrue();
    assertThat(p.selects("sales", "orders")).isFalse();
    assertThat(p.targetSchema("public")).isEqualTo("migrated");
    assertThat(p.targetSchema("sales")).isEqualTo("sales");
  }

  @Test
  void parse_quotedAndFoldedTransformKeys_normalizeLikePostgres() {
    Pipeline p = PipelineParser.parse("""
        source: a
        target: b
        transforms:
          Public.Customers.EMAIL: set_null
          '"a.b"."x*y".Col': set_null
          '"say \"\"hi\"\"".t.c': set_null
        """, "t.yaml", Map.of());

    assertThat(p.transforms()).extracting(TransformRule::tableOrPattern, TransformRule::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("public.customers", "email"),
            org.assertj.core.groups.Tuple.tuple("a[.]b.x[*]y", "col"),
            org.assertj.core.groups.Tuple.tuple("say \"hi\".t", "c"));
    assertThat(TableGlob.compile(p.transforms().get(1).tableOrPattern()).matches("a.b", "x*y")).isTrue();
    assertThat(TableGlob.compile(p.transforms().get(1).tableOrPattern()).matches("a.b", "xzy")).isFalse();
  }

  @Test
  void parse_connectionMappingWithUrl_keepsBoth() {
    Pipeline p = PipelineParser.parse("""
        source: { url: "postgresql://db/shop", schema: app, password: "" }
        target: { database: copy }
        """, "t.yaml", Map.of());

    assertThat(p.source()).isEqualTo(new ConnectionInput("postgresql://db/shop", null, null, null, null, "", "app"));
    assertThat(p.target().database()).isEqualTo("copy");
  }

  @Test
  void parse_commaStringsAndQuotedNumbers_areAccepted() {
    Pipeline p = PipelineParser.parse("""
        source: a
        target: b
        include: "public.*, sales.*"
        phases: load,seal
        jobs: "${JOBS:-2}"
        """, "t.yaml", Map.of());

    assertThat(p.include()).isEqualTo(List.of("public.*", "sales.*"));
    assertThat(p.phases()).containsExactly(Phase.LOAD, Phase.SEAL);
    assertThat(p.jobs()).isEqualTo(2);
  }
}
