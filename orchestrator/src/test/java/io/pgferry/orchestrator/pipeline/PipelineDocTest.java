package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.GeneratedDocs;
import io.pgferry.orchestrator.sync.SyncOptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.anonymizer.TransformerCatalog;
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

  static Map<String, String> generated() {
    Map<String, String> blocks = new LinkedHashMap<>();
    blocks.put("pipeline-keys", GeneratedDocs.keyTable(PipelineKey.values()));
    blocks.put("connection-keys", GeneratedDocs.keyTable(ConnectionKey.values()));
    blocks.put("table-keys", GeneratedDocs.keyTable(TableKey.values()));
    blocks.put("schema-sync-keys", GeneratedDocs.keyTable(SchemaSyncKey.values()));
    blocks.put("subset-keys", GeneratedDocs.keyTable(SubsetKey.values()));
    blocks.put("subset-start-keys", GeneratedDocs.keyTable(SubsetStartKey.values()));
    blocks.put("transformers", transformers());
    return blocks;
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
    GeneratedDocs.assertBlocks(DOC, generated());
  }

  @Test
  void docs_everyKey_isDocumentedWithDefault() throws IOException {
    String doc = Files.readString(DOC);
    for (ConfigKey[] section : new ConfigKey[][] {PipelineKey.values(), ConnectionKey.values(), TableKey.values(), SchemaSyncKey.values(),
        SubsetKey.values(), SubsetStartKey.values()}) {
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
    Pipeline p = PipelineParser.parse(GeneratedDocs.firstYaml(DOC), "pipeline.md", Map.of("TARGET_PASSWORD", "x", "PGFERRY_SALT", "y"));
    assertThat(p.transforms()).isNotEmpty();
  }

  @Test
  void docs_stepsExample_parsesAsASyncPipeline() throws IOException {
    String doc = Files.readString(DOC);
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc.substring(doc.indexOf("## Steps")));
    assertThat(m.find()).as("a yaml example under ## Steps").isTrue();

    Pipeline p = PipelineParser.parse(m.group(1), "pipeline.md", Map.of("SOURCE_URL", "postgresql:///a", "TARGET_URL", "postgresql:///b"));

    assertThat(p.steps()).containsExactly(Step.SYNC);
    assertThat(p.sync().delete()).isTrue();
    assertThat(p.sync().tables()).extracting(SyncOptions.TableOverride::table).containsExactly("events");
  }
}
