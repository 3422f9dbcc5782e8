package io.pgferry.orchestrator.clone;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.connect.Endpoint;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one clone needs, however it was given (flags, a pipeline file, Java code).
 *
 * @param schemaMap source schema to target schema; unmapped schemas keep their name
 * @param tables per-table options (row filters)
 * @param transforms column rules, first match wins
 * @param salt key for hashing transformers; never printed (see {@link #toString()})
 * @param keepOnFailure leave what a failed run created in the target, for inspection
 * @param privileges also copy grants and default privileges (roles must exist in the target)
 * @param owners also copy object owners (roles must exist in the target)
 * @param strict every copied column needs a transform rule or {@code keep}
 * @param recovery resume or abort an interrupted clone recorded in the target, or refuse to start (the default)
 * @param allowUncovered clone even when the source has objects pgferry cannot create; they are named as warnings
 *     (without it such objects stop the clone before anything is changed)
 * @param snapshot an exported snapshot to read the source as of (a replication slot's, for {@code follow}), or null
 *     for a snapshot of the clone's own
 * @param followPublication the publication {@code follow} created on the source for this copy, or null: it is not
 *     the source's own, so it is neither cloned nor refused as uncovered
 * @param engine what runs the load phase: {@code local} (this process's workers, the default) or {@code flink} (a
 *     Flink job, docs/scale-out.md; module {@code pgferry-flink} must be installed)
 * @param engineAddress where the engine runs ({@code host:port} of a Flink session cluster's REST endpoint), or null
 *     for an engine inside this process
 */
public record CloneOptions(
    Endpoint source,
    Endpoint target,
    List<String> include,
    List<String> exclude,
    Map<String, String> schemaMap,
    int jobs,
    Set<Phase> phases,
    List<TableRule> tables,
    List<ColumnRule> transforms,
    String salt,
    boolean dryRun,
    boolean keepOnFailure,
    boolean privileges,
    boolean owners,
    boolean strict,
    boolean allowUncovered,
    Recovery recovery,
    io.pgferry.orchestrator.subset.SubsetSpec subset,
    String snapshot,
    String followPublication,
    String engine,
    String engineAddress) implements java.io.Serializable {

  /** What to do about an interrupted clone recorded in the target (its {@code pgferry.clone_run}). */
  public enum Recovery {
    /** Refuse to start while one is recorded (the default): the user chooses. */
    NONE,
    /** Continue it: what it committed stays, the rest is done; a fresh clone when none is recorded. */
    RESUME,
    /** Remove everything it created and its record, leaving the target as it was found. */
    ABORT
  }

  /**
   * A row filter on one table.
   *
   * @param table {@code schema.table} or bare {@code table}, in the include/exclude wildcard language
   * @param origin where the rule came from, for messages ({@code demo.yaml:12:5})
   */
  public record TableRule(String table, String where, String origin) implements java.io.Serializable {}

  /**
   * A transformer applied to one column.
   *
   * @param table {@code schema.table} or bare {@code table} pattern (wildcards allowed)
   */
  public record ColumnRule(String table, String column, String transformer, Map<String, Object> options, String origin,
      String typeName) implements java.io.Serializable {
    public ColumnRule {
      options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public ColumnRule(String table, String column, String transformer, Map<String, Object> options, String origin) {
      this(table, column, transformer, options, origin, null);
    }
  }

  public CloneOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    schemaMap = Map.copyOf(schemaMap);
    phases = Set.copyOf(phases);
    tables = List.copyOf(tables);
    transforms = List.copyOf(transforms);
    if (jobs < 1) {
      throw new PgferryException(PgferryException.Code.CONFIG, "jobs must be at least 1, got " + jobs);
    }
    Objects.requireNonNull(recovery, "recovery");
    engine = engine == null ? LOCAL_ENGINE : engine;
    if (!engine.matches("[a-z][a-z0-9_-]*")) {
      throw new PgferryException(PgferryException.Code.CONFIG, "engine must be a name such as local or flink, got '" + engine + "'");
    }
    if (engineAddress != null && engine.equals(LOCAL_ENGINE)) {
      throw new PgferryException(PgferryException.Code.CONFIG, "an engine address (" + engineAddress + ") is for another engine than"
          + " local: add engine flink");
    }
    if (subset != null && recovery == Recovery.RESUME) {
      // rows are named by their place in the first run's snapshot, which died with it
      throw new PgferryException(PgferryException.Code.CONFIG, "a subset clone cannot be resumed: its rows were chosen in the"
          + " first run's snapshot, which ended with it; remove it with " + io.pgferry.extractor.Option.RECOVERY.mention("ABORT")
          + " and run it again");
    }
  }

  /** The engine of the load phase unless another is chosen: this process's own workers. */
  public static final String LOCAL_ENGINE = "local";

  /** A plain clone of everything with default settings. */
  public static CloneOptions of(Endpoint source, Endpoint target) {
    return builder(source, target).build();
  }

  /** Options built step by step; everything but the two endpoints has a default (see {@link Builder}). */
  public static Builder builder(Endpoint source, Endpoint target) {
    return new Builder(source, target);
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder(source, target).include(include).exclude(exclude).schemaMap(schemaMap).jobs(jobs).phases(phases)
        .tables(tables).transforms(transforms).salt(salt).dryRun(dryRun).keepOnFailure(keepOnFailure).privileges(privileges)
        .owners(owners).strict(strict).allowUncovered(allowUncovered).recovery(recovery).subset(subset).snapshot(snapshot)
        .followPublication(followPublication).engine(engine, engineAddress);
  }

  /** The same options, cloning even when the source has objects pgferry cannot create (named as warnings). */
  public CloneOptions withAllowUncovered(boolean allow) {
    return toBuilder().allowUncovered(allow).build();
  }

  /**
   * Builds {@link CloneOptions}. Defaults: every table of every user schema (no include or exclude patterns),
   * schemas keep their names, {@link #defaultJobs()} jobs, all three phases, no row filters, no transforms, no
   * salt, not a dry run, a failed run's objects removed, no privileges, no owners, not strict, uncovered objects
   * stop the clone. Not thread-safe; {@link #build()} copies, so a builder may be reused.
   */
  public static final class Builder {
    private Endpoint source;
    private Endpoint target;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private Map<String, String> schemaMap = Map.of();
    private int jobs = defaultJobs();
    private Set<Phase> phases = Set.of(Phase.values());
    private List<TableRule> tables = List.of();
    private List<ColumnRule> transforms = List.of();
    private String salt;
    private boolean dryRun;
    private boolean keepOnFailure;
    private Recovery recovery = Recovery.NONE;
    private io.pgferry.orchestrator.subset.SubsetSpec subset;
    private String snapshot;
    private String followPublication;
    private String engine = LOCAL_ENGINE;
    private String engineAddress;
    private boolean privileges;
    private boolean owners;
    private boolean strict;
    private boolean allowUncovered;

    private Builder(Endpoint source, Endpoint target) {
      this.source = source;
      this.target = target;
    }

    public Builder source(Endpoint source) {
      this.source = source;
      return this;
    }

    public Builder target(Endpoint target) {
      this.target = target;
      return this;
    }

    /** Table patterns to copy ({@code schema.table}, wildcards); empty: all. */
    public Builder include(List<String> include) {
      this.include = include;
      return this;
    }

    /** Table patterns to leave out. */
    public Builder exclude(List<String> exclude) {
      this.exclude = exclude;
      return this;
    }

    /** Source schema to target schema; unmapped schemas keep their name. */
    public Builder schemaMap(Map<String, String> schemaMap) {
      this.schemaMap = schemaMap;
      return this;
    }

    /** Tables copied at once, seal connections, and a large base phase's connections; at least 1. */
    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder phases(Set<Phase> phases) {
      this.phases = phases;
      return this;
    }

    /** Row filters, per table. */
    public Builder tables(List<TableRule> tables) {
      this.tables = tables;
      return this;
    }

    /** Column rules, first match wins. */
    public Builder transforms(List<ColumnRule> transforms) {
      this.transforms = transforms;
      return this;
    }

    /** Key for hashing transformers; never printed. */
    public Builder salt(String salt) {
      this.salt = salt;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder keepOnFailure(boolean keepOnFailure) {
      this.keepOnFailure = keepOnFailure;
      return this;
    }

    public Builder privileges(boolean privileges) {
      this.privileges = privileges;
      return this;
    }

    public Builder owners(boolean owners) {
      this.owners = owners;
      return this;
    }

    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    public Builder allowUncovered(boolean allowUncovered) {
      this.allowUncovered = allowUncovered;
      return this;
    }

    /** What to do about an interrupted clone in the target (default {@link Recovery#NONE}: refuse). */
    /**
     * Copy a subset: start rows, what belongs to them and every row they reference (docs/subset.md); null copies
     * every row (the default). Table rules' {@code where}s then start the subset instead of filtering.
     */
    public Builder subset(io.pgferry.orchestrator.subset.SubsetSpec subset) {
      this.subset = subset;
      return this;
    }

    /** Read the source as of this exported snapshot (kept open by its exporter for the clone's extract and load). */
    public Builder snapshot(String snapshot) {
      this.snapshot = snapshot;
      return this;
    }

    /** The publication follow created for this copy: not cloned, not refused. */
    public Builder followPublication(String followPublication) {
      this.followPublication = followPublication;
      return this;
    }

    /**
     * What runs the load phase (default {@code local}): {@code flink} runs it as a Flink job, on a mini cluster in this
     * process when {@code address} is null, else on the session cluster whose REST endpoint is {@code host:port}.
     */
    public Builder engine(String engine, String address) {
      this.engine = engine;
      this.engineAddress = address;
      return this;
    }

    public Builder recovery(Recovery recovery) {
      this.recovery = Objects.requireNonNull(recovery, "recovery");
      return this;
    }

    public CloneOptions build() {
      return new CloneOptions(source, target, include, exclude, schemaMap, jobs, phases, tables, transforms, salt, dryRun,
          keepOnFailure, privileges, owners, strict, allowUncovered, recovery, subset, snapshot, followPublication, engine,
          engineAddress);
    }
  }

  public static int defaultJobs() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String toString() {
    return "CloneOptions[source=" + source.display() + ", target=" + target.display() + ", include=" + include + ", exclude="
        + exclude + ", schemaMap=" + schemaMap + ", jobs=" + jobs + ", phases=" + phases + ", tables=" + tables.size()
        + ", transforms=" + transforms.size() + ", salt=" + (salt == null ? "none" : "****") + ", dryRun=" + dryRun + ", privileges=" + privileges
        + ", owners=" + owners + ", strict=" + strict + "]";
  }
}
