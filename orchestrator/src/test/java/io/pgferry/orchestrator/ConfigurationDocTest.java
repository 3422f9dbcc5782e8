package io.pgferry.orchestrator;

import io.pgferry.orchestrator.anonymize.ScanOptions;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneTuning;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineKey;
import io.pgferry.orchestrator.pipeline.SchemaSyncKey;
import io.pgferry.orchestrator.pipeline.SyncConfig;
import io.pgferry.orchestrator.pipeline.SyncConfigKey;
import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;
import io.pgferry.orchestrator.sync.SyncOptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the one page listing every tunable: each options builder has a section, each of its
 * setters a row, and the defaults written there are the code's.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Path SOURCES = Path.of("src", "main", "java");

  private static final List<Class<?>> OPTIONS = List.of(CloneOptions.class, CloneTuning.class, SyncOptions.class, SyncConfig.class,
      SchemaSyncOptions.class, ScanOptions.class, Pipeline.class);

  @Test
  void docs_everyBuilderSetter_hasARowInItsTypesSection() throws IOException {
    String doc = Files.readString(DOC);
    for (Class<?> type : OPTIONS) {
      String section = section(doc, type.getSimpleName());
      Class<?> builder = Arrays.stream(type.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("Builder")).findFirst()
          .orElseThrow(() -> new AssertionError(type.getSimpleName() + " has no Builder"));
      Set<String> setters = Arrays.stream(builder.getDeclaredMethods())
          .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == builder).map(Method::getName)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(setters).as(type.getSimpleName() + ".Builder setters").isNotEmpty();
      for (String setter : setters) {
        assertThat(section).as("docs/configuration.md, section " + type.getSimpleName()).contains("\n| `" + setter + "` |");
      }
    }
  }

  @Test
  void docs_everyOptionsBuilderInTheOrchestrator_isOnThePage() throws IOException {
    Set<String> withBuilder;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      withBuilder = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return Files.readString(f).contains("public static final class Builder");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(f -> f.getFileName().toString().replace(".java", "")).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed = OPTIONS.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed)
        .as("options types with a builder (add a section to docs/configuration.md and a line here)").isEqualTo(withBuilder);
  }

  @Test
  void docs_defaults_matchTheCode() throws IOException {
    String doc = Files.readString(DOC);
    CloneTuning tuning = CloneTuning.defaults();
    assertRow(doc, "CloneTuning", "seal", "`" + tuning.seal().key() + "`");
    assertRow(doc, "CloneTuning", "maintenanceWorkMem", "`" + CloneTuning.DEFAULT_MAINTENANCE_WORK_MEM + "`");
    assertRow(doc, "CloneTuning", "ginMaintenanceWorkMem", "`" + CloneTuning.DEFAULT_GIN_MAINTENANCE_WORK_MEM + "`");
    assertRow(doc, "CloneTuning", "chunkBytes", "(" + CloneTuning.DEFAULT_CHUNK_BYTES + ";");
    assertRow(doc, "CloneTuning", "binary", "`" + tuning.binary() + "`");
    assertRow(doc, "CloneTuning", "freeze", "`" + tuning.freeze() + "`");
    assertRow(doc, "SyncOptions", "batchSize", "`" + SyncOptions.DEFAULT_BATCH_SIZE + "`");
    assertRow(doc, "SyncOptions", "timestampColumn", "`" + SyncOptions.DEFAULT_TIMESTAMP_COLUMN + "`");
    assertRow(doc, "SchemaSyncOptions", "lockTimeout", "`" + SchemaSyncOptions.DEFAULT_LOCK_TIMEOUT.toSeconds() + "s`");
    ScanOptions scan = ScanOptions.builder().build();
    assertRow(doc, "ScanOptions", "sample", "`" + scan.sample() + "`");
    assertRow(doc, "ScanOptions", "minConfidence", "`" + scan.minConfidence() + "`");
  }

  @Test
  void docs_everyFileKey_isNamedInItsSection() throws IOException {
    String doc = Files.readString(DOC);
    for (PipelineKey k : PipelineKey.values()) {
      assertThat(section(doc, "Pipeline")).as("pipeline key " + k.key()).contains("| `" + k.key() + "` |");
    }
    for (SyncConfigKey k : SyncConfigKey.values()) {
      assertThat(section(doc, "SyncOptions")).as("sync config key " + k.key()).contains("`" + k.key() + "`");
      assertThat(section(doc, "SyncConfig")).as("sync config key " + k.key()).contains("| `" + k.key() + "` |");
    }
    for (SchemaSyncKey k : SchemaSyncKey.values()) {
      assertThat(section(doc, "SchemaSyncOptions")).as("schema_sync key " + k.key()).contains("`schema_sync." + k.key() + "`");
    }
  }

  private static void assertRow(String doc, String type, String setter, String expected) {
    String row = section(doc, type).lines().filter(l -> l.startsWith("| `" + setter + "` |")).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + type + "." + setter));
    assertThat(row.split("\\|")[2]).as(type + "." + setter + " default").contains(expected);
  }

  /** The text under {@code ## name} up to the next heading of that level. */
  private static String section(String doc, String name) {
    int start = doc.indexOf("\n## " + name + "\n");
    assertThat(start).as("docs/configuration.md has a section '## " + name + "'").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }
}
