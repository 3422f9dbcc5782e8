package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.anonymize.TransformRule;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;
import io.pgferry.orchestrator.sync.SyncOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Pipeline} into the options of its steps. Each method returns what the file says;
 * a caller that overrides some of it (the CLI's {@code --jobs} or {@code --dry-run}) changes the result's
 * {@code toBuilder()}.
 */
public final class Pipelines {
  private Pipelines() {}

  /**
   * Resolves the pipeline's connections (URL, fields, SOURCE_DB_ and TARGET_DB_ variables, PG variables,
   * .pgpass) and its rules; not a dry run, and a failed run's objects are removed.
   */
  public static CloneOptions toCloneOptions(Pipeline p, Map<String, String> env, Path home) {
    ConnectionSpec source = ConnectionSpec.resolve(p.source(), "SOURCE", env, home);
    ConnectionSpec target = ConnectionSpec.resolve(p.target(), "TARGET", env, home);
    List<CloneOptions.TableRule> tables = new ArrayList<>();
    p.tables().forEach((key, opts) -> tables.add(new CloneOptions.TableRule(key, opts.where(), String.valueOf(opts.whereLocation()))));
    List<CloneOptions.ColumnRule> transforms = new ArrayList<>();
    for (TransformRule r : p.transforms()) {
      transforms.add(new CloneOptions.ColumnRule(r.tableOrPattern(), r.column(), r.transformer(), r.options(), String.valueOf(r.where()),
          r.typeName()));
    }
    return CloneOptions.builder(source, target).include(p.include()).exclude(p.exclude()).schemaMap(p.schemaMap())
        .jobs(p.jobs()).phases(p.phases()).tables(tables).transforms(transforms).salt(p.salt()).strict(p.strict()).engine(p.engine(), p.engineAddress())
        .subset(p.subset()).build();
  }

  /**
   * The settings of a pipeline's sync step: connections, include, exclude and jobs from the pipeline, the rest
   * from its {@code sync:} section or the sync defaults. The clone's table filters ({@code tables.*.where}) and
   * transforms do not apply to a sync.
   */
  public static SyncOptions toSyncOptions(Pipeline p, Map<String, String> env, Path home) {
    ConnectionSpec source = ConnectionSpec.resolve(p.source(), "SOURCE", env, home);
    ConnectionSpec target = ConnectionSpec.resolve(p.target(), "TARGET", env, home);
    SyncConfig s = p.sync();
    return SyncOptions.builder(source, target).include(p.include()).exclude(p.exclude())
        .mode(s == null ? null : s.mode()).jobs(p.jobs())
        .batchSize(s == null || s.batchSize() == null ? SyncOptions.DEFAULT_BATCH_SIZE : s.batchSize())
        .timestampColumn(s == null ? null : s.timestampColumn()).delete(s != null && Boolean.TRUE.equals(s.delete()))
        .targetSchema(s == null ? null : s.targetSchema())
        .excludeGenerated(s != null && Boolean.TRUE.equals(s.excludeGenerated()))
        .keyless(s == null ? null : s.keyless()).markFrom(s == null ? null : s.markFrom())
        .tables(s == null ? List.of() : s.tables()).build();
  }

  /**
   * The settings of a pipeline's schema-sync step: its {@code schema_sync:} section, or, without schemas named
   * there, the pipeline's one {@code schema_map} entry (every user schema when there is none); applied, not a dry run.
   */
  public static SchemaSyncOptions toSchemaSyncOptions(Pipeline p, Map<String, String> env, Path home) {
    ConnectionSpec source = ConnectionSpec.resolve(p.source(), "SOURCE", env, home);
    ConnectionSpec target = ConnectionSpec.resolve(p.target(), "TARGET", env, home);
    SchemaSyncSection s = p.schemaSync();
    String from = s.sourceSchema();
    String to = s.targetSchema();
    if (from == null && p.schemaMap().size() == 1) {
      Map.Entry<String, String> only = p.schemaMap().entrySet().iterator().next();
      from = only.getKey();
      to = only.getValue();
    }
    return SchemaSyncOptions.builder(source, target).sourceSchema(from).targetSchema(to).preserve(s.preserve())
        .allowHazards(java.util.Set.copyOf(s.allowHazards())).lockTimeout(s.lockTimeout()).online(s.online()).build();
  }
}
