package io.pgferry.orchestrator.sync;

import io.pgferry.orchestrator.GeneratedDocs;
import io.pgferry.orchestrator.pipeline.SyncConfig;
import io.pgferry.orchestrator.pipeline.SyncConfigKey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/sync.md's config-key tables come from {@link SyncConfigKey}, and its example file parses. */
class SyncDocTest {
  private static final Path DOC = Path.of("..", "docs", "sync.md");

  @Test
  void docs_syncKeyTables_matchTheEnum() throws IOException {
    Map<String, String> blocks = new LinkedHashMap<>();
    blocks.put("sync-keys", GeneratedDocs.keyTable(SyncConfigKey.values()));
    blocks.put("sync-table-keys", GeneratedDocs.keyTable(SyncConfigKey.Table.values()));
    GeneratedDocs.assertBlocks(DOC, blocks);
  }

  @Test
  void docs_exampleConfig_parses() throws IOException {
    SyncConfig c = SyncConfig.parse(GeneratedDocs.firstYaml(DOC), "sync.md", Map.of());
    assertThat(c).isNotNull();
  }
}
