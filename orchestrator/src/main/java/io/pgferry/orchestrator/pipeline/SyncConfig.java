package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.sync.SyncOptions;

import io.pgferry.loader.SyncMode;
import io.pgferry.loader.Syncer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sync config file: the command's settings plus per-table overrides, checked whole before anything
 * connects; errors name {@code file:line:column}. Null fields were not given (the command line's or the
 * defaults apply).
 */
public record SyncConfig(
    ConnectionInput source, ConnectionInput target, List<String> include, List<String> exclude, SyncMode mode, Integer jobs,
    Integer batchSize, String timestampColumn, Boolean delete, String targetSchema, Boolean excludeGenerated,
    SyncOptions.Keyless keyless, Syncer.MarkSource markFrom, List<SyncOptions.TableOverride> tables) {

  public static SyncConfig parse(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "cannot read sync config " + file + " (" + e.getMessage() + ")", e);
    }
    return parse(text, file.toString(), env);
  }

  public static SyncConfig parse(String text, String fileName, Map<String, String> env) {
    YamlNode.Mapping root = YamlReader.read(fileName, SourceText.of(text), env);
    Fields.checkKeys(root, SyncConfigKey.values(), "");
    return read(root);
  }

  /**
   * The {@code sync:} section of a pipeline: the file's keys except those the pipeline itself sets, which are
   * refused with a pointer to the top-level key rather than silently overriding it.
   */
  static SyncConfig readPipelineSection(YamlNode node) {
    YamlNode.Mapping section = Fields.mapping("'sync'", node);
    Fields.checkKeys(section, SyncConfigKey.values(), "'sync'");
    for (YamlNode.Entry e : section.entries()) {
      if (PIPELINE_OWNED.contains(SyncConfigKey.valueOf(e.key().toUpperCase(Locale.ROOT)))) {
        throw ConfigErrors.at(e.keyWhere(), "'" + e.key() + "' is not a key of 'sync' in a pipeline",
            "set it at the top of the pipeline file; every step uses it");
      }
    }
    return read(section);
  }

  private static final java.util.Set<SyncConfigKey> PIPELINE_OWNED = java.util.EnumSet.of(
      SyncConfigKey.SOURCE, SyncConfigKey.TARGET, SyncConfigKey.INCLUDE, SyncConfigKey.EXCLUDE, SyncConfigKey.JOBS);

  private static SyncConfig read(YamlNode.Mapping root) {
    ConnectionInput source = null;
    ConnectionInput target = null;
    List<String> include = null;
    List<String> exclude = null;
    SyncMode mode = null;
    Integer jobs = null;
    Integer batch = null;
    String ts = null;
    Boolean delete = null;
    String schema = null;
    Boolean excludeGenerated = null;
    SyncOptions.Keyless keyless = null;
    Syncer.MarkSource markFrom = null;
    List<SyncOptions.TableOverride> tables = new ArrayList<>();
    for (YamlNode.Entry e : root.entries()) {
      YamlNode v = e.value();
      switch (SyncConfigKey.valueOf(e.key().toUpperCase(Locale.ROOT))) {
        case SOURCE -> source = ConnectionSection.read("source", v);
        case TARGET -> target = ConnectionSection.read("target", v);
        case INCLUDE -> include = Fields.stringList("include", v).stream().map(Fields.Item::text).toList();
        case EXCLUDE -> exclude = Fields.stringList("exclude", v).stream().map(Fields.Item::text).toList();
        case MODE -> mode = choice("mode", v, SyncMode.class);
        case JOBS -> jobs = Fields.integer("jobs", v, 1, 256);
        case BATCH_SIZE -> batch = Fields.integer("batch_size", v, 16, 10_000_000);
        case TIMESTAMP_COLUMN -> ts = Fields.string("timestamp_column", v);
        case DELETE -> delete = bool("delete", v);
        case TARGET_SCHEMA -> schema = Fields.string("target_schema", v);
        case EXCLUDE_GENERATED -> excludeGenerated = bool("exclude_generated", v);
        case KEYLESS -> keyless = choice("keyless", v, SyncOptions.Keyless.class);
        case MARK_FROM -> markFrom = choice("mark_from", v, Syncer.MarkSource.class);
        case TABLES -> tables = tables(Fields.mapping("tables", v));
      }
    }
    return builder().source(source).target(target).include(include).exclude(exclude).mode(mode).jobs(jobs).batchSize(batch)
        .timestampColumn(ts).delete(delete).targetSchema(schema).excludeGenerated(excludeGenerated).keyless(keyless)
        .markFrom(markFrom).tables(tables).build();
  }

  /** A config built step by step; every setting starts as not given (null), see {@link Builder}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config, to change some of it. */
  public Builder toBuilder() {
    return new Builder().source(source).target(target).include(include).exclude(exclude).mode(mode).jobs(jobs).batchSize(batchSize)
        .timestampColumn(timestampColumn).delete(delete).targetSchema(targetSchema).excludeGenerated(excludeGenerated)
        .keyless(keyless).markFrom(markFrom).tables(tables);
  }

  /**
   * Builds a {@link SyncConfig}. Every setting defaults to null, "not given": the command line's value or the
   * {@link SyncOptions.Builder} default applies; no per-table overrides.
   */
  public static final class Builder {
    private ConnectionInput source;
    private ConnectionInput target;
    private List<String> include;
    private List<String> exclude;
    private SyncMode mode;
    private Integer jobs;
    private Integer batchSize;
    private String timestampColumn;
    private Boolean delete;
    private String targetSchema;
    private Boolean excludeGenerated;
    private SyncOptions.Keyless keyless;
    private Syncer.MarkSource markFrom;
    private List<SyncOptions.TableOverride> tables = List.of();

    private Builder() {}

    public Builder source(ConnectionInput source) {
      this.source = source;
      return this;
    }

    public Builder target(ConnectionInput target) {
      this.target = target;
      return this;
    }

    public Builder include(List<String> include) {
      this.include = include;
      return this;
    }

    public Builder exclude(List<String> exclude) {
      this.exclude = exclude;
      return this;
    }

    public Builder mode(SyncMode mode) {
      this.mode = mode;
      return this;
    }

    public Builder jobs(Integer jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder batchSize(Integer batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder timestampColumn(String timestampColumn) {
      this.timestampColumn = timestampColumn;
      return this;
    }

    public Builder delete(Boolean delete) {
      this.delete = delete;
      return this;
    }

    public Builder targetSchema(String targetSchema) {
      this.targetSchema = targetSchema;
      return this;
    }

    public Builder excludeGenerated(Boolean excludeGenerated) {
      this.excludeGenerated = excludeGenerated;
      return this;
    }

    public Builder keyless(SyncOptions.Keyless keyless) {
      this.keyless = keyless;
      return this;
    }

    public Builder markFrom(Syncer.MarkSource markFrom) {
      this.markFrom = markFrom;
      return this;
    }

    /** Per-table overrides, first match wins. */
    public Builder tables(List<SyncOptions.TableOverride> tables) {
      this.tables = tables;
      return this;
    }

    public SyncConfig build() {
      return new SyncConfig(source, target, include, exclude, mode, jobs, batchSize, timestampColumn, delete, targetSchema,
          excludeGenerated, keyless, markFrom, tables);
    }
  }

  private static List<SyncOptions.TableOverride> tables(YamlNode.Mapping m) {
    List<SyncOptions.TableOverride> out = new ArrayList<>();
    for (YamlNode.Entry e : m.entries()) {
      String problem = TableGlob.problem(e.key());
      if (problem != null) {
        throw ConfigErrors.at(e.keyWhere(), "bad table pattern '" + e.key() + "': " + problem);
      }
      YamlNode.Mapping opts = Fields.mapping("tables." + e.key(), e.value());
      Fields.checkKeys(opts, SyncConfigKey.Table.values(), "tables." + e.key());
      SyncMode mode = null;
      String ts = null;
      Boolean delete = null;
      boolean skip = false;
      for (YamlNode.Entry o : opts.entries()) {
        switch (SyncConfigKey.Table.valueOf(o.key().toUpperCase(Locale.ROOT))) {
          case MODE -> mode = choice("mode", o.value(), SyncMode.class);
          case TIMESTAMP_COLUMN -> ts = Fields.string("timestamp_column", o.value());
          case DELETE -> delete = bool("delete", o.value());
          case SKIP -> skip = bool("skip", o.value());
        }
      }
      out.add(new SyncOptions.TableOverride(e.key(), mode, ts, delete, skip, String.valueOf(e.keyWhere())));
    }
    return out;
  }

  private static boolean bool(String name, YamlNode v) {
    return Fields.bool(name, v);
  }

  private static <E extends Enum<E>> E choice(String name, YamlNode v, Class<E> type) {
    String text = Fields.string(name, v);
    for (E c : type.getEnumConstants()) {
      if (c.name().equalsIgnoreCase(text.strip())) {
        return c;
      }
    }
    List<String> known = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    throw ConfigErrors.unknownOf(v.where(), name, text, known);
  }
}
