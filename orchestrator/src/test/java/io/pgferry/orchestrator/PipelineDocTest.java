package io.pgferry.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/pipeline.md's key tables are generated from the key enums and the transformer catalog, so the doc
 * cannot drift from the parser. When this fails, run with -Dpgferry.updateDocs=true and commit the doc.
 */
class PipelineDocTest {
  private static final Path DOC = Path.of("..", "docs", "pipeline.md");
  private static final Pattern BLOCK = Pattern.compile(
      "(<!-- BEGIN GENERATED: ([a-z-]+) -->\n)(.*?)(<!-- END GENERATED: \\2 -->)", Pattern.DOTALL);

  static Map<String, String> generated() {
    Map<String, String> blocks = new LinkedHashMap<>();
    blocks.put("pipeline-keys", table(PipelineKey.values()));
    blocks.put("connection-keys", table(ConnectionKey.values()));
    blocks.put("table-keys", table(TableKey.values()));
    blocks.put("transformers", transformers());
    return blocks;
  }

  private static String table(ConfigKey[] keys) {
    StringBuilder out = new StringBuilder("| key | type | default | description |\n| --- | --- | --- | --- |\n");
    for (ConfigKey k : keys) {
      out.append("| `").append(k.key()).append("` | ").append(k.type()).append(" | ").append(k.defaultValue())
          .append(" | ").append(k.description()).append(" |\n");
    }
    return out.toString();
  }

  private static String transformers() {
    StringBuilder out = new StringBuilder(
        "| transformer | option | type | required | default | description |\n| --- | --- | --- | --- | --- | --- |\n");
    for (TransformerCatalog t : TransformerCatalog.values()) {
      out.append("| `").append(t.key()).append("` | | | | | ").append(t.description()).append(" |\n");
      for (TransformerCatalog.Option o : t.options()) {
        out.append("| | `").append(o.name()).append("` | ").append(o.describe()).append(" | ")
            .append(o.required() ? "yes" : "no").append(" | ")
            .append(o.defaultValue() == null ? "none" : "`" + o.defaultValue() + "`").append(" | ")
            .append(o.description()).append(" |\n");
      }
    }
    return out.toString();
  }

  @Test
  void docs_keyTables_matchTheEnums() throws IOException {
    String doc = Files.readString(DOC);
    Map<String, String> blocks = generated();
    StringBuilder updated = new StringBuilder();
    Matcher m = BLOCK.matcher(doc);
    Map<String, String> found = new LinkedHashMap<>();
    while (m.find()) {
      found.put(m.group(2), m.group(3));
      String body = blocks.getOrDefault(m.group(2), m.group(3));
      m.appendReplacement(updated, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
    }
    m.appendTail(updated);
    if (Boolean.getBoolean("pgferry.updateDocs")) {
      Files.writeString(DOC, updated.toString());
      found.putAll(blocks);
    }
    assertThat(found).as("generated blocks in %s; run with -Dpgferry.updateDocs=true to refresh", DOC)
        .isEqualTo(blocks);
  }

  @Test
  void docs_everyKey_isDocumentedWithDefault() throws IOException {
    String doc = Files.readString(DOC);
    for (ConfigKey[] section : new ConfigKey[][] {PipelineKey.values(), ConnectionKey.values(), TableKey.values()}) {
      for (ConfigKey k : section) {
        assertThat(doc).contains("| `" + k.key() + "` | " + k.type() + " | " + k.defaultValue() + " | ");
        assertThat(k.description()).isNotBlank();
      }
    }
    for (TransformerCatalog t : TransformerCatalog.values()) {
      assertThat(doc).contains("| `" + t.key() + "` |");
      t.options().forEach(o -> assertThat(doc).contains("| `" + o.name() + "` | " + o.describe()));
    }
  }

  @Test
  void docs_examplePipeline_parses() throws IOException {
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    assertThat(m.find()).as("a yaml example in the doc").isTrue();
    Pipeline p = PipelineParser.parse(m.group(1), "pipeline.md", Map.of("TARGET_PASSWORD", "x", "PGFERRY_SALT", "y"));
    assertThat(p.transforms()).isNotEmpty();
  }
}
