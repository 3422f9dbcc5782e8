package io.pgferry.orchestrator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a validated {@link Pipeline} into the {@link CloneOptions} of a run. */
public final class Pipelines {
  private Pipelines() {}

  /**
   * Resolves the pipeline's connections (URL, fields, SOURCE_DB_ and TARGET_DB_ variables, PG variables,
   * .pgpass) and its rules.
   *
   * @param jobsOverride replaces the file's {@code jobs} when not null (the CLI's --jobs)
   */
  public static CloneOptions toCloneOptions(Pipeline p, Map<String, String> env, Path home, Integer jobsOverride, boolean dryRun,
      boolean keepOnFailure) {
    ConnectionSpec source = ConnectionSpec.resolve(p.source(), "SOURCE", env, home);
    ConnectionSpec target = ConnectionSpec.resolve(p.target(), "TARGET", env, home);
    List<CloneOptions.TableRule> tables = new ArrayList<>();
    p.tables().forEach((key, opts) -> tables.add(new CloneOptions.TableRule(key, opts.where(), String.valueOf(opts.whereLocation()))));
    List<CloneOptions.ColumnRule> transforms = new ArrayList<>();
    for (TransformRule r : p.transforms()) {
      transforms.add(new CloneOptions.ColumnRule(r.tableOrPattern(), r.column(), r.transformer(), r.options(), String.valueOf(r.where())));
    }
    return new CloneOptions(source, target, p.include(), p.exclude(), p.schemaMap(), jobsOverride != null ? jobsOverride : p.jobs(),
        p.phases(), tables, transforms, p.salt(), dryRun, keepOnFailure, false, false);
  }

  /**
   * The settings of a pipeline's sync step: connections, include, exclude and jobs from the pipeline, the rest
   * from its {@code sync:} section or the sync defaults. The clone's table filters ({@code tables.*.where}) and
   * transforms do not apply to a sync.
   *
   * @param jobsOverride replaces the file's {@code jobs} when not null (the CLI's --jobs)
   */
  public static SyncOptions toSyncOptions(Pipeline p, Map<String, String> env, Path home, Integer jobsOverride) {
    ConnectionSpec source = ConnectionSpec.resolve(p.source(), "SOURCE", env, home);
    ConnectionSpec target = ConnectionSpec.resolve(p.target(), "TARGET", env, home);
    SyncConfig s = p.sync();
    return new SyncOptions(source, target, p.include(), p.exclude(),
        s == null ? null : s.mode(),
        jobsOverride != null ? jobsOverride : p.jobs(),
        s == null || s.batchSize() == null ? SyncOptions.DEFAULT_BATCH_SIZE : s.batchSize(),
        s == null ? null : s.timestampColumn(),
        s != null && Boolean.TRUE.equals(s.delete()),
        s == null ? null : s.targetSchema(),
        s != null && Boolean.TRUE.equals(s.excludeGenerated()),
        s == null ? null : s.keyless(),
        s == null ? null : s.markFrom(),
        s == null ? List.of() : s.tables());
  }
}
