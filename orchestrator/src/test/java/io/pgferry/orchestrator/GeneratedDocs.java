package io.pgferry.orchestrator;

import io.pgferry.orchestrator.pipeline.ConfigKey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doc sections generated from the config key enums, between {@code <!-- BEGIN GENERATED: name -->} and
 * {@code <!-- END GENERATED: name -->}. A test fails when a doc drifts from its enum; run the tests with
 * -Dpgferry.updateDocs=true to rewrite the blocks, then commit the doc.
 */
public final class GeneratedDocs {
  private static final Pattern BLOCK = Pattern.compile(
      "(<!-- BEGIN GENERATED: ([a-z-]+) -->\n)(.*?)(<!-- END GENERATED: \\2 -->)", Pattern.DOTALL);

  private GeneratedDocs() {}

  public static String keyTable(ConfigKey[] keys) {
    StringBuilder out = new StringBuilder("| key | type | default | description |\n| --- | --- | --- | --- |\n");
    for (ConfigKey k : keys) {
      out.append("| `").append(k.key()).append("` | ").append(k.type()).append(" | ").append(k.defaultValue())
          .append(" | ").append(k.description()).append(" |\n");
    }
    return out.toString();
  }

  /** Asserts that the doc holds exactly these generated blocks (or rewrites them when asked to). */
  public static void assertBlocks(Path doc, Map<String, String> blocks) throws IOException {
    String text = Files.readString(doc);
    StringBuilder updated = new StringBuilder();
    Matcher m = BLOCK.matcher(text);
    Map<String, String> found = new LinkedHashMap<>();
    while (m.find()) {
      found.put(m.group(2), m.group(3));
      String body = blocks.getOrDefault(m.group(2), m.group(3));
      m.appendReplacement(updated, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
    }
    m.appendTail(updated);
    if (Boolean.getBoolean("pgferry.updateDocs")) {
      Files.writeString(doc, updated.toString());
      found.putAll(blocks);
    }
    assertThat(found).as("generated blocks in %s; run with -Dpgferry.updateDocs=true to refresh", doc).isEqualTo(blocks);
  }

  /** The first {@code ```yaml} block of a doc. */
  public static String firstYaml(Path doc) throws IOException {
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
    assertThat(m.find()).as("a yaml example in %s", doc).isTrue();
    return m.group(1);
  }
}
