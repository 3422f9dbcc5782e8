package io.pgferry.orchestrator.anonymize;

import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.anonymizer.TransformerCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/anonymization.md documents every transformer, and its YAML examples are valid pipelines. */
class AnonymizationDocTest {
  private static final Path DOC = Path.of("..", "docs", "anonymization.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern INLINE_RULE = Pattern.compile("`([\\w.\"*]+\\.[\\w\"]+: \\{ type: [^`]+})`");

  @Test
  void doc_everyTransformer_hasASectionWithAnExample() throws IOException {
    String doc = Files.readString(DOC);
    for (TransformerCatalog t : TransformerCatalog.values()) {
      int at = doc.indexOf("#### `" + t.key() + "`");
      if (at < 0) {
        at = doc.indexOf("### `" + t.key() + "`");
      }
      assertThat(at).as("section for " + t.key()).isPositive();
      String section = doc.substring(at, Math.min(doc.length(), at + 1500));
      assertThat(section).as("example for " + t.key()).containsAnyOf(": " + t.key(), "type: " + t.key());
    }
  }

  @Test
  void doc_yamlBlocksAndInlineRules_parseAsPipelines() throws IOException {
    String doc = Files.readString(DOC);
    List<String> bodies = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(doc);
    while (m.find()) {
      String block = m.group(1);
      bodies.add(block.startsWith("source:") ? block : "source: postgresql://h/a\ntarget: postgresql://h/b\nsalt: s\n" + block);
    }
    Matcher inline = INLINE_RULE.matcher(doc);
    while (inline.find()) {
      bodies.add("source: postgresql://h/a\ntarget: postgresql://h/b\nsalt: s\ntransforms:\n  " + inline.group(1) + "\n");
    }
    assertThat(bodies).hasSizeGreaterThan(15);
    Map<String, String> env = Map.of("SOURCE_URL", "postgresql://h/a", "TARGET_URL", "postgresql://h/b", "PGFERRY_SALT", "s");
    for (String body : bodies) {
      Pipeline p = PipelineParser.parse(body, "anonymization.md", env);
      assertThat(p.transforms()).as(body).isNotEmpty();
    }
  }
}
