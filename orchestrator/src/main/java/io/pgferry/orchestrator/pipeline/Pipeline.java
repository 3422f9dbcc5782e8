package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.anonymize.TransformRule;
import io.pgferry.orchestrator.connect.ConnectionInput;

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
 * @param transforms column transforms in file order (type rules, {@code "type:inet"}, among them)
 * @param strict every column of every copied table needs a rule (or {@code keep})
 * @param steps what the pipeline does, in run order (default: clone)
 * @param sync the {@code sync:} section's settings, or null for the sync defaults
 * @param schemaSync the {@code schema_sync:} section's settings (never null)
 * @param subset the {@code subset:} section, or null to copy every row
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
    boolean strict,
    List<Step> steps,
    SyncConfig sync,
    SchemaSyncSection schemaSync,
    io.pgferry.orchestrator.subset.SubsetSpec subset,
    String engine,
    String engineAddress) {

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
    schemaSync = schemaSync == null ? SchemaSyncSection.DEFAULTS : schemaSync;
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one step");
    }
  }

  /** A pipeline built step by step; everything but the two connections has a default (see {@link Builder}). */
  public static Builder builder(ConnectionInput source, ConnectionInput target) {
    return new Builder(source, target);
  }

  /** A builder holding this pipeline, to change some of it. */
  public Builder toBuilder() {
    return new Builder(source, target).file(file).include(include).exclude(exclude).schemaMap(schemaMap).jobs(jobs).phases(phases)
        .salt(salt).tables(tables).transforms(transforms).strict(strict).steps(steps).sync(sync).schemaSync(schemaSync).subset(subset)
        .engine(engine, engineAddress);
  }

  /**
   * Builds a {@link Pipeline}; the defaults are those of a file without the key: no file, every table
   * ({@code *}), nothing excluded, schemas keep their names, as many jobs as processors (at most
   * 256), all phases, no salt, no per-table options, no transforms, not strict, one
   * clone step, the sync and schema-sync defaults. {@link #build()} copies, so a builder may be reused.
   */
  public static final class Builder {
    private Path file;
    private ConnectionInput source;
    private ConnectionInput target;
    private List<String> include = List.of("*");
    private List<String> exclude = List.of();
    private Map<String, String> schemaMap = Map.of();
    private int jobs = Math.min(PipelineKey.MAX_JOBS, Runtime.getRuntime().availableProcessors());
    private Set<Phase> phases = EnumSet.allOf(Phase.class);
    private String salt;
    private Map<String, TableOptions> tables = Map.of();
    private List<TransformRule> transforms = List.of();
    private boolean strict;
    private String engine = io.pgferry.orchestrator.clone.CloneOptions.LOCAL_ENGINE;
    private String engineAddress;
    private List<Step> steps = List.of(Step.CLONE);
    private SyncConfig sync;
    private SchemaSyncSection schemaSync = SchemaSyncSection.DEFAULTS;
    private io.pgferry.orchestrator.subset.SubsetSpec subset;

    private Builder(ConnectionInput source, ConnectionInput target) {
      this.source = source;
      this.target = target;
    }

    /** The file it was read from, for messages; null when parsed from text. */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    public Builder source(ConnectionInput source) {
      this.source = source;
      return this;
    }

    public Builder target(ConnectionInput target) {
      this.target = target;
      return this;
    }

    /** Table patterns to copy. */
    public Builder include(List<String> include) {
      this.include = include;
      return this;
    }

    /** Table patterns to leave out; exclusion wins. */
    public Builder exclude(List<String> exclude) {
      this.exclude = exclude;
      return this;
    }

    /** Source schema to target schema; iterated in the given order. */
    public Builder schemaMap(Map<String, String> schemaMap) {
      this.schemaMap = schemaMap;
      return this;
    }

    /** Tables loaded in parallel. */
    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    /** The phases to run. */
    public Builder phases(Set<Phase> phases) {
      this.phases = phases;
      return this;
    }

    /** The secret for {@code hash} transforms; null: none. */
    public Builder salt(String salt) {
      this.salt = salt;
      return this;
    }

    /** Per-table options keyed by table pattern, in the given order. */
    public Builder tables(Map<String, TableOptions> tables) {
      this.tables = tables;
      return this;
    }

    /** Column transforms, first match wins. */
    public Builder transforms(List<TransformRule> transforms) {
      this.transforms = transforms;
      return this;
    }

    /** Every column of every copied table needs a rule (or {@code keep}). */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** What the pipeline does, in run order; at least one step. */
    public Builder steps(List<Step> steps) {
      this.steps = steps;
      return this;
    }

    /** The {@code sync:} section's settings; null: the sync defaults. */
    public Builder sync(SyncConfig sync) {
      this.sync = sync;
      return this;
    }

    /** The {@code schema_sync:} section's settings; null: the defaults. */
    public Builder schemaSync(SchemaSyncSection schemaSync) {
      this.schemaSync = schemaSync;
      return this;
    }

    /** {@code engine} and {@code flink_address}: what runs the load phase, and where (null: in this process). */
    public Builder engine(String engine, String address) {
      this.engine = engine;
      this.engineAddress = address;
      return this;
    }

    /** The {@code subset:} section; null copies every row. */
    public Builder subset(io.pgferry.orchestrator.subset.SubsetSpec subset) {
      this.subset = subset;
      return this;
    }

    public Pipeline build() {
      return new Pipeline(file, source, target, include, exclude, schemaMap, jobs, phases, salt, tables, transforms, strict, steps, sync,
          schemaSync, subset, engine, engineAddress);
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
        + ", salt=" + (salt == null ? "null" : "***") + ", tables=" + tables + ", transforms=" + transforms + ", strict=" + strict
        + ", steps=" + steps + ", sync=" + sync + ", schemaSync=" + schemaSync + ", subset=" + subset + "]";
  }
}
