package io.pgferry.orchestrator;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A validated pipeline file: what to copy from where to where, and how. Built by {@link PipelineParser};
 * every value has been checked, so running it fails only on what needs a server to know.
 *
 * @param file the file it was read from, or null when parsed from text
 * @param include table patterns to copy (default {@code *})
 * @param exclude table patterns to leave out; exclusion wins
 * @param schemaMap source schema to target schema, in file order
 * @param jobs tables loaded in parallel, at least 1
 * @param phases the phases to run, iterated in run order
 * @param salt the secret for {@code hash} transforms, or null; never shown by {@link #toString()}
 * @param tables per-table options keyed by {@code schema.table} or bare {@code table}, in file order
 * @param transforms column transforms in file order
 * @param steps what the pipeline does, in run order (default: clone)
 * @param sync the {@code sync:} section's settings, or null for the sync defaults
 */
public record Pipeline(
    Path file,
    ConnectionInput source,
    ConnectionInput target,
    List<String> include,
    List<String> exclude,
    Map<String, String> schemaMap,
    int jobs,
    Set<Phase> phases,
    String salt,
    Map<String, TableOptions> tables,
    List<TransformRule> transforms,
    List<Step> steps,
    SyncConfig sync) {

  /** A clone-only pipeline, as files without {@code steps} are. */
  public Pipeline(Path file, ConnectionInput source, ConnectionInput target, List<String> include, List<String> exclude,
      Map<String, String> schemaMap, int jobs, Set<Phase> phases, String salt, Map<String, TableOptions> tables,
      List<TransformRule> transforms) {
    this(file, source, target, include, exclude, schemaMap, jobs, phases, salt, tables, transforms, List.of(Step.CLONE), null);
  }

  public Pipeline {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    // Unmodifiable views of copies keep file order, which Map.copyOf would not.
    schemaMap = Collections.unmodifiableMap(new LinkedHashMap<>(schemaMap));
    phases = Collections.unmodifiableSet(phases.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(phases));
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    transforms = List.copyOf(transforms);
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one step");
    }
  }

  /** Whether a table is selected: some include pattern matches and no exclude pattern does. */
  public boolean selects(String schema, String table) {
    return include.stream().anyMatch(p -> TableGlob.compile(p).matches(schema, table))
        && exclude.stream().noneMatch(p -> TableGlob.compile(p).matches(schema, table));
  }

  /** The target schema for a source schema. */
  public String targetSchema(String sourceSchema) {
    return schemaMap.getOrDefault(sourceSchema, sourceSchema);
  }

  /** Like the generated one, but the salt is masked: pipelines get logged, secrets must not. */
  @Override
  public String toString() {
    return "Pipeline[file=" + file + ", source=" + source + ", target=" + target + ", include=" + include
        + ", exclude=" + exclude + ", schemaMap=" + schemaMap + ", jobs=" + jobs + ", phases=" + phases
        + ", salt=" + (salt == null ? "null" : "***") + ", tables=" + tables + ", transforms=" + transforms
        + ", steps=" + steps + ", sync=" + sync + "]";
  }
}
