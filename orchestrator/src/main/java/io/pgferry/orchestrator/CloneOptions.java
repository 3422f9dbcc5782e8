package io.pgferry.orchestrator;

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
 * @param allowUncovered clone even when the source has objects pgferry cannot create; they are named as warnings
 *     (without it such objects stop the clone before anything is changed)
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
    boolean allowUncovered) {

  /** Options without {@code allowUncovered}. */
  public CloneOptions(Endpoint source, Endpoint target, List<String> include, List<String> exclude, Map<String, String> schemaMap,
      int jobs, Set<Phase> phases, List<TableRule> tables, List<ColumnRule> transforms, String salt, boolean dryRun,
      boolean keepOnFailure, boolean privileges, boolean owners, boolean strict) {
    this(source, target, include, exclude, schemaMap, jobs, phases, tables, transforms, salt, dryRun, keepOnFailure, privileges,
        owners, strict, false);
  }

  /** Options without {@code strict}. */
  public CloneOptions(Endpoint source, Endpoint target, List<String> include, List<String> exclude, Map<String, String> schemaMap,
      int jobs, Set<Phase> phases, List<TableRule> tables, List<ColumnRule> transforms, String salt, boolean dryRun,
      boolean keepOnFailure, boolean privileges, boolean owners) {
    this(source, target, include, exclude, schemaMap, jobs, phases, tables, transforms, salt, dryRun, keepOnFailure, privileges,
        owners, false);
  }

  /**
   * A row filter on one table.
   *
   * @param table {@code schema.table} or bare {@code table}, in the include/exclude wildcard language
   * @param origin where the rule came from, for messages ({@code demo.yaml:12:5})
   */
  public record TableRule(String table, String where, String origin) {}

  /**
   * A transformer applied to one column.
   *
   * @param table {@code schema.table} or bare {@code table} pattern (wildcards allowed)
   */
  public record ColumnRule(String table, String column, String transformer, Map<String, Object> options, String origin,
      String typeName) {
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
  }

  /** A plain clone of everything with default settings. */
  public static CloneOptions of(Endpoint source, Endpoint target) {
    return new CloneOptions(source, target, List.of(), List.of(), Map.of(), defaultJobs(), Set.of(Phase.values()), List.of(),
        List.of(), null, false, false, false, false);
  }

  /** The same options with grants and/or owners copied too. */
  public CloneOptions withSecurity(boolean copyPrivileges, boolean copyOwners) {
    return new CloneOptions(source, target, include, exclude, schemaMap, jobs, phases, tables, transforms, salt, dryRun,
        keepOnFailure, copyPrivileges, copyOwners, strict, allowUncovered);
  }

  /** The same options, cloning even when the source has objects pgferry cannot create (named as warnings). */
  public CloneOptions withAllowUncovered(boolean allow) {
    return new CloneOptions(source, target, include, exclude, schemaMap, jobs, phases, tables, transforms, salt, dryRun,
        keepOnFailure, privileges, owners, strict, allow);
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
