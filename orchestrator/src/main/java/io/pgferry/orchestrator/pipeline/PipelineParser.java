package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.Identifiers;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.Phase;
import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.anonymize.TransformRule;
import io.pgferry.orchestrator.connect.ConnectionInput;

import io.pgferry.anonymizer.TransformerCatalog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and validates a pipeline file without connecting anywhere. Every problem is a
 * {@link PgferryException} with {@link PgferryException.Code#CONFIG} and one sentence naming
 * {@code file:line:column}; the first problem found is reported.
 */
public final class PipelineParser {
  private final SourceText source;

  private PipelineParser(SourceText source) {
    this.source = source;
  }

  /** Parses a UTF-8 file; messages name it as given (relative paths stay relative). */
  public static Pipeline parse(Path file, Map<String, String> env) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "pipeline file " + file + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "pipeline file " + file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new PgferryException(PgferryException.Code.CONFIG,
          "cannot read pipeline file " + file + " (" + e.getMessage() + ")", e);
    }
    return parse(text, file.toString(), env, file);
  }

  /** Parses pipeline text, e.g. a classpath resource; {@code fileNameForMessages} is what errors name. */
  public static Pipeline parse(String yamlText, String fileNameForMessages, Map<String, String> env) {
    return parse(yamlText, fileNameForMessages, env, null);
  }

  private static Pipeline parse(String text, String fileName, Map<String, String> env, Path file) {
    Objects.requireNonNull(text, "yamlText");
    Objects.requireNonNull(fileName, "fileNameForMessages");
    Objects.requireNonNull(env, "env");
    SourceText source = SourceText.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    YamlNode.Mapping root = YamlReader.read(fileName, source, env);
    return new PipelineParser(source).pipeline(root, file);
  }

  private Pipeline pipeline(YamlNode.Mapping root, Path file) {
    Fields.checkKeys(root, PipelineKey.values(), "");
    Map<PipelineKey, YamlNode.Entry> given = new HashMap<>();
    for (YamlNode.Entry e : root.entries()) {
      given.put(PipelineKey.valueOf(e.key().toUpperCase(java.util.Locale.ROOT)), e);
    }
    ConnectionInput sourceDb = ConnectionSection.read("source", required(given, PipelineKey.SOURCE, root));
    ConnectionInput targetDb = ConnectionSection.read("target", required(given, PipelineKey.TARGET, root));
    List<String> include = given.containsKey(PipelineKey.INCLUDE) ? patterns(given.get(PipelineKey.INCLUDE)) : List.of("*");
    List<String> exclude = given.containsKey(PipelineKey.EXCLUDE) ? patterns(given.get(PipelineKey.EXCLUDE)) : List.of();
    Map<String, String> schemaMap = given.containsKey(PipelineKey.SCHEMA_MAP)
        ? SchemaMapSection.read(given.get(PipelineKey.SCHEMA_MAP).value())
        : Map.of();
    int jobs = given.containsKey(PipelineKey.JOBS)
        ? Fields.integer("'jobs'", given.get(PipelineKey.JOBS).value(), PipelineKey.MIN_JOBS, PipelineKey.MAX_JOBS)
        : Math.min(PipelineKey.MAX_JOBS, Runtime.getRuntime().availableProcessors());
    Set<Phase> phases = given.containsKey(PipelineKey.PHASES)
        ? phases(given.get(PipelineKey.PHASES).value())
        : EnumSet.allOf(Phase.class);
    String salt = given.containsKey(PipelineKey.SALT) ? salt(given.get(PipelineKey.SALT).value()) : null;
    Map<String, TableOptions> tables = given.containsKey(PipelineKey.TABLES)
        ? tables(given.get(PipelineKey.TABLES).value())
        : Map.of();
    List<TransformRule> transforms = given.containsKey(PipelineKey.TRANSFORMS)
        ? TransformSection.read(given.get(PipelineKey.TRANSFORMS).value(), source)
        : List.of();
    if (salt == null) {
      for (TransformRule rule : transforms) {
        if (TransformerCatalog.byKey(rule.transformer()).orElseThrow().needsSalt()) {
          throw ConfigErrors.at(rule.where(), "transformer '" + rule.transformer() + "' needs the top-level 'salt'",
              "add salt: ${PGFERRY_SALT} and set that variable to a secret");
        }
      }
    }
    boolean strict = false;
    if (given.containsKey(PipelineKey.STRICT)) {
      YamlNode v = given.get(PipelineKey.STRICT).value();
      if (!(v instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.BOOLEAN) {
        throw Fields.mismatch("'strict'", "true or false", v);
      }
      strict = Boolean.parseBoolean(s.text());
    }
    String engine = io.pgferry.orchestrator.clone.CloneOptions.LOCAL_ENGINE;
    if (given.containsKey(PipelineKey.ENGINE)) {
      YamlNode v = given.get(PipelineKey.ENGINE).value();
      if (!(v instanceof YamlNode.Scalar s) || !List.of("local", "flink").contains(s.text())) {
        throw Fields.mismatch("'engine'", "local or flink", v);
      }
      engine = s.text();
    }
    String engineAddress = null;
    if (given.containsKey(PipelineKey.FLINK_ADDRESS)) {
      YamlNode.Entry e = given.get(PipelineKey.FLINK_ADDRESS);
      if (!(e.value() instanceof YamlNode.Scalar s) || !s.text().matches("[^\\s:]+:[0-9]{1,5}")) {
        throw Fields.mismatch("'flink_address'", "host:port (the session cluster's REST endpoint)", e.value());
      }
      if (!engine.equals("flink")) {
        throw ConfigErrors.at(e.keyWhere(), "'flink_address' is for the Flink engine", "add engine: flink");
      }
      engineAddress = s.text();
    }
    List<Step> steps = given.containsKey(PipelineKey.STEPS) ? steps(given.get(PipelineKey.STEPS).value()) : List.of(Step.CLONE);
    SyncConfig sync = null;
    if (given.containsKey(PipelineKey.SYNC)) {
      YamlNode.Entry e = given.get(PipelineKey.SYNC);
      if (!steps.contains(Step.SYNC)) {
        throw ConfigErrors.at(e.keyWhere(), "'sync' settings are given but 'steps' has no sync step",
            "add it: steps: [" + String.join(", ", steps.stream().map(Step::key).toList()) + ", sync]");
      }
      sync = SyncConfig.readPipelineSection(e.value());
    }
    SchemaSyncSection schemaSync = SchemaSyncSection.DEFAULTS;
    if (given.containsKey(PipelineKey.SCHEMA_SYNC)) {
      YamlNode.Entry e = given.get(PipelineKey.SCHEMA_SYNC);
      if (!steps.contains(Step.SCHEMA_SYNC)) {
        throw ConfigErrors.at(e.keyWhere(), "'schema_sync' settings are given but 'steps' has no schema-sync step",
            "add it: steps: [schema-sync, " + String.join(", ", steps.stream().map(Step::key).toList()) + "]");
      }
      schemaSync = SchemaSyncSection.read(e.value());
    }
    if (steps.contains(Step.SCHEMA_SYNC) && schemaMap.size() > 1 && schemaSync.sourceSchema() == null) {
      throw ConfigErrors.at(given.get(PipelineKey.SCHEMA_MAP).keyWhere(), "a schema-sync step follows at most one 'schema_map' entry",
          "name the schema in schema_sync: { source_schema: S, target_schema: T }");
    }
    io.pgferry.orchestrator.subset.SubsetSpec subset = given.containsKey(PipelineKey.SUBSET)
        ? SubsetSection.read(given.get(PipelineKey.SUBSET).value(), source) : null;
    if (steps.contains(Step.SYNC)) {
      refuseWithSync(given, PipelineKey.SUBSET, subset != null, "a sync copies every row, so the subset would not hold");
      refuseWithSync(given, PipelineKey.TRANSFORMS, !transforms.isEmpty(),
          "a sync copies rows as they are, so transformed columns would arrive in clear");
      refuseWithSync(given, PipelineKey.TABLES, tables.values().stream().anyMatch(t -> t.where() != null),
          "a sync copies every row, so the subset would not hold");
      refuseWithSync(given, PipelineKey.SCHEMA_MAP, !schemaMap.isEmpty(),
          "a sync writes into the source's schema names; use sync: { target_schema: S } for one target schema");
    }
    return Pipeline.builder(sourceDb, targetDb).file(file).include(include).exclude(exclude).schemaMap(schemaMap).jobs(jobs)
        .phases(phases).salt(salt).tables(tables).transforms(transforms).strict(strict).steps(steps).sync(sync).engine(engine, engineAddress)
        .schemaSync(schemaSync).subset(subset).build();
  }

  // Data is sacred: a sync step must never undo what the clone step's anonymization or subset promised.
  private static void refuseWithSync(Map<PipelineKey, YamlNode.Entry> given, PipelineKey key, boolean conflicting, String why) {
    if (conflicting) {
      throw ConfigErrors.at(given.get(key).keyWhere(), "'" + key.key() + "' cannot be combined with a sync step: " + why,
          "run the sync from a pipeline without '" + key.key() + "'");
    }
  }

  private static List<Step> steps(YamlNode node) {
    List<String> names = java.util.Arrays.stream(Step.values()).map(Step::key).toList();
    List<Step> steps = new ArrayList<>();
    for (Fields.Item item : Fields.stringList("'steps'", node)) {
      Step step = java.util.Arrays.stream(Step.values()).filter(s -> s.key().equals(item.text())).findFirst()
          .orElseThrow(() -> ConfigErrors.unknown(item.where(), "step", item.text(), names));
      if (steps.contains(step)) {
        throw ConfigErrors.at(item.where(), "step '" + step.key() + "' is listed twice");
      }
      steps.add(step);
    }
    if (steps.isEmpty()) {
      throw ConfigErrors.at(node.where(), "'steps' is empty", "list at least one of " + String.join(", ", names));
    }
    return steps;
  }

  private YamlNode required(Map<PipelineKey, YamlNode.Entry> given, PipelineKey key, YamlNode.Mapping root) {
    YamlNode.Entry e = given.get(key);
    if (e == null) {
      throw ConfigErrors.at(root.where(), "missing required key '" + key.key() + "'",
          "say which database to copy " + (key == PipelineKey.SOURCE ? "from" : "into"));
    }
    return e.value();
  }

  private static List<String> patterns(YamlNode.Entry entry) {
    List<String> out = new ArrayList<>();
    for (Fields.Item item : Fields.stringList("'" + entry.key() + "'", entry.value())) {
      String problem = TableGlob.problem(item.text());
      if (problem != null) {
        throw ConfigErrors.at(item.where(), problem + " in '" + entry.key() + "'");
      }
      out.add(item.text());
    }
    return out;
  }

  private static Set<Phase> phases(YamlNode node) {
    List<String> names = java.util.Arrays.stream(Phase.values()).map(Phase::key).toList();
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    Phase last = null;
    for (Fields.Item item : Fields.stringList("'phases'", node)) {
      if (!names.contains(item.text())) {
        throw ConfigErrors.unknown(item.where(), "phase", item.text(), names);
      }
      Phase phase = Phase.valueOf(item.text().toUpperCase(java.util.Locale.ROOT));
      if (last != null && phase.ordinal() <= last.ordinal()) {
        throw ConfigErrors.at(item.where(), phase == last ? "phase '" + phase.key() + "' is listed twice"
            : "phase '" + phase.key() + "' is listed after '" + last.key() + "'",
            "phases run in the order base, load, seal");
      }
      phases.add(phase);
      last = phase;
    }
    if (phases.isEmpty()) {
      throw ConfigErrors.at(node.where(), "'phases' is empty", "list at least one of base, load, seal");
    }
    return phases;
  }

  /** Never echoes the value: a salt in an error message would end up in CI logs. */
  private static String salt(YamlNode node) {
    if (node instanceof YamlNode.Scalar s && !s.isNull() && !s.text().isEmpty()) {
      return s.text();
    }
    throw ConfigErrors.at(node.where(), "'salt' must be a non-empty string, not " + node.shape());
  }

  private Map<String, TableOptions> tables(YamlNode node) {
    Map<String, TableOptions> tables = new LinkedHashMap<>();
    Map<String, Location> seen = new HashMap<>();
    for (YamlNode.Entry e : Fields.mapping("'tables'", node).entries()) {
      List<Identifiers.Part> parts = Identifiers.split(e.key());
      if (parts == null || parts.size() > 2) {
        throw ConfigErrors.at(e.keyWhere(), "table key '" + e.key() + "' is not table or schema.table",
            "quote names with dots or spaces, e.g. \"My Schema\".\"Order Items\"");
      }
      String name = parts.size() == 2 ? parts.get(0).name() + "." + parts.get(1).name() : parts.get(0).name();
      Location first = seen.putIfAbsent(name, e.keyWhere());
      if (first != null) {
        throw ConfigErrors.at(e.keyWhere(), "table '" + e.key() + "' is the same table as an earlier key",
            "first given at " + first);
      }
      YamlNode.Mapping options = Fields.mapping("table '" + e.key() + "'", e.value());
      Fields.checkKeys(options, TableKey.values(), "table '" + e.key() + "'");
      String where = null;
      Location whereLocation = null;
      for (YamlNode.Entry option : options.entries()) {
        if (option.key().equals(TableKey.WHERE.key())) {
          if (!(option.value() instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.Kind.STRING) {
            throw Fields.mismatch("'where' of table '" + e.key() + "'", "an SQL condition string", option.value());
          }
          WhereValidator.validate(e.key(), scalar, source);
          where = scalar.text().strip();
          whereLocation = scalar.where();
        }
      }
      tables.put(name, new TableOptions(where, whereLocation));
    }
    return tables;
  }
}
