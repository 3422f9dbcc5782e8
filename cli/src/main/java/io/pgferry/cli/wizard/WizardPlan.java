package io.pgferry.cli.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pgferry.extractor.PgferryException;
import io.pgferry.loader.SyncMode;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.pipeline.Pipeline;
import io.pgferry.orchestrator.pipeline.PipelineParser;
import io.pgferry.orchestrator.pipeline.Pipelines;
import io.pgferry.orchestrator.sync.SyncOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the user chose, and what it means: the library options the run uses, the equivalent command line
 * and the pipeline file that repeats it. One model for the full-screen and the plain wizard, so both run the same.
 */
final class WizardPlan {
  /** The target schema by default: the source's {@code public} goes there, so the target's own stays untouched. */
  static final String DEFAULT_SCHEMA = "migrated";

  final Map<String, String> env;
  final Path home;
  Mode mode = Mode.FULL_COPY;
  final Side source;
  final Side target;
  /** The source's tables once listed (null before), and the picked ones by {@code schema.table}, in list order. */
  List<Probe.TableInfo> tables;
  final Set<String> picked = new LinkedHashSet<>();
  /** Table operations: the picked tables whose changes only are copied (the others are deleted and recreated). */
  final Set<String> deltaOnly = new LinkedHashSet<>();
  String targetSchema = DEFAULT_SCHEMA;
  /** Subset: each picked start table's condition (a table without one starts from every row). */
  final Map<String, String> conditions = new java.util.LinkedHashMap<>();
  boolean children = true;
  /** Schema sync: the source schema brought over, and the hazards the user accepted. */
  String sourceSchema = "public";
  final Set<String> allowHazards = new LinkedHashSet<>();
  boolean excludeGenerated;
  int jobs = CloneOptions.defaultJobs();
  String anonymization = "";
  boolean privileges;
  boolean owners;

  WizardPlan(Map<String, String> env, Path home, Side source, Side target) {
    this.env = env;
    this.home = home;
    this.source = source;
    this.target = target;
  }

  boolean needsTables() {
    return mode != Mode.FULL_COPY && mode != Mode.SCHEMA_SYNC;
  }

  /** The tables the run covers, for include: the picked ones, or every table when none (or all) are picked. */
  List<String> include() {
    return mode == Mode.SUBSET || mode == Mode.SCHEMA_SYNC || picked.isEmpty() || tables != null && picked.size() == tables.size() ? List.of() : List.copyOf(picked);
  }

  private String schema() {
    return targetSchema == null || targetSchema.isBlank() ? null : targetSchema.strip();
  }

  CloneOptions cloneOptions() {
    ConnectionSpec s = source.resolve(env, home);
    ConnectionSpec t = target.resolve(env, home);
    CloneOptions.Builder b;
    if (!anonymization.isBlank()) {
      Pipeline p = anonymizationPipeline(s, t);
      CloneOptions from = Pipelines.toCloneOptions(p, overlay(s, t), home);
      b = from.toBuilder().source(s).target(t);
    } else {
      b = CloneOptions.builder(s, t);
    }
    b.include(include()).jobs(jobs).privileges(privileges).owners(owners);
    if (schema() != null && !schema().equals("public")) {
      b.schemaMap(Map.of("public", schema()));
    }
    if (mode == Mode.SUBSET) {
      b.subset(subsetSpec());
    }
    return b.build();
  }

  /** The picked tables as the subset's start tables, each with its condition. */
  io.pgferry.orchestrator.subset.SubsetSpec subsetSpec() {
    Map<io.pgferry.extractor.QualifiedName, io.pgferry.orchestrator.subset.SubsetSpec.Start> start = new java.util.LinkedHashMap<>();
    for (String q : picked) {
      Probe.TableInfo t = tables.stream().filter(x -> x.qualified().equals(q)).findFirst()
          .orElseThrow(() -> new PgferryException(PgferryException.Code.USAGE, "no table " + q + " in the source"));
      start.put(io.pgferry.extractor.QualifiedName.of(t.schema(), t.name()),
          io.pgferry.orchestrator.subset.SubsetSpec.Start.where(conditions.getOrDefault(q, "true")));
    }
    return new io.pgferry.orchestrator.subset.SubsetSpec(start, children, io.pgferry.orchestrator.subset.SubsetSpec.Others.ALL, List.of(),
        Set.of());
  }

  io.pgferry.orchestrator.schemasync.SchemaSyncOptions schemaSyncOptions(boolean dryRun) {
    return io.pgferry.orchestrator.schemasync.SchemaSyncOptions.builder(source.resolve(env, home), target.resolve(env, home))
        .sourceSchema(sourceSchema.strip()).targetSchema(schema()).dryRun(dryRun).clock(java.time.Clock.systemUTC()).build()
        .withAllowHazards(allowHazards);
  }

  SyncOptions syncOptions() {
    SyncOptions.Builder b = SyncOptions.builder(source.resolve(env, home), target.resolve(env, home)).include(include()).jobs(jobs)
        .excludeGenerated(excludeGenerated).targetSchema(schema());
    if (mode == Mode.TABLE_OPERATIONS) {
      List<SyncOptions.TableOverride> overrides = new ArrayList<>();
      for (String t : picked) {
        if (!deltaOnly.contains(t)) {
          overrides.add(new SyncOptions.TableOverride(t, SyncMode.FULL, null, null, false, "the wizard's table choice"));
        }
      }
      b.tables(overrides);
    }
    return b.build();
  }

  /** The anonymization file, read with the wizard's connections standing in for its {@code ${SOURCE_URL}} and {@code ${TARGET_URL}}. */
  private Pipeline anonymizationPipeline(ConnectionSpec s, ConnectionSpec t) {
    Path file = Path.of(anonymization.strip());
    if (!Files.isRegularFile(file)) {
      throw new PgferryException(PgferryException.Code.USAGE, "anonymization pipeline " + file + " does not exist");
    }
    return PipelineParser.parse(file, overlay(s, t));
  }

  private Map<String, String> overlay(ConnectionSpec s, ConnectionSpec t) {
    Map<String, String> e = new HashMap<>(env);
    e.putIfAbsent("SOURCE_URL", url(s));
    e.putIfAbsent("TARGET_URL", url(t));
    return e;
  }

  /** A libpq URL of a resolved side, without its password (that comes from .pgpass or PGPASSWORD when re-run). */
  static String url(ConnectionSpec c) {
    StringBuilder sb = new StringBuilder("postgresql://").append(enc(c.user())).append('@').append(c.host().contains(":") ? "[" + c.host() + "]" : c.host())
        .append(':').append(c.port()).append('/').append(enc(c.database()));
    String ssl = c.params().get("sslmode");
    if (ssl != null) {
      sb.append("?sslmode=").append(enc(ssl));
    }
    return sb.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The same run from a shell (no password in it: it comes from .pgpass, PGPASSWORD or a prompt). */
  String commandLine(String pipelineFile) {
    String s = url(source.resolve(env, home));
    String t = url(target.resolve(env, home));
    List<String> a = new ArrayList<>();
    if (mode == Mode.TABLE_OPERATIONS || mode == Mode.SUBSET || !anonymization.isBlank()) {
      a.add("pgferry");
      a.add("run");
      a.add(quote(pipelineFile));
      if (privileges) {
        a.add("--privileges");
      }
      if (owners) {
        a.add("--owner");
      }
      return String.join(" ", a);
    }
    a.add("pgferry");
    a.add(mode == Mode.FULL_COPY ? "clone" : mode == Mode.SCHEMA_SYNC ? "schema-sync" : "sync");
    a.add("-s");
    a.add(quote(s));
    a.add("-t");
    a.add(quote(t));
    if (mode == Mode.SCHEMA_SYNC) {
      a.add("--source-schema");
      a.add(quote(sourceSchema.strip()));
      if (schema() != null) {
        a.add("--target-schema");
        a.add(quote(schema()));
      }
      if (!allowHazards.isEmpty()) {
        a.add("--allow-hazards");
        a.add(quote(String.join(",", allowHazards)));
      }
      return String.join(" ", a);
    }
    if (!include().isEmpty()) {
      a.add("--include");
      a.add(quote(String.join(",", include())));
    }
    if (mode == Mode.FULL_COPY) {
      if (schema() != null && !schema().equals("public")) {
        a.add("--schema-map");
        a.add(quote("public=" + schema()));
      }
      if (privileges) {
        a.add("--privileges");
      }
      if (owners) {
        a.add("--owner");
      }
    } else {
      if (schema() != null) {
        a.add("--target-schema");
        a.add(quote(schema()));
      }
      if (excludeGenerated) {
        a.add("--exclude-generated");
      }
    }
    a.add("-j");
    a.add(String.valueOf(jobs));
    return String.join(" ", a);
  }

  static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:@=,%?-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** A pipeline file that repeats this run with {@code pgferry run}; an anonymization file's settings are kept. */
  String pipelineYaml() {
    YAMLMapper yaml = new YAMLMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    ObjectNode root = yaml.createObjectNode();
    if (!anonymization.isBlank()) {
      try {
        JsonNode from = yaml.readTree(Files.readString(Path.of(anonymization.strip())));
        if (from instanceof ObjectNode o) {
          root = o;
        }
      } catch (IOException e) {
        throw new PgferryException(PgferryException.Code.USAGE, "cannot read anonymization pipeline " + anonymization + ": " + e.getMessage(), e);
      }
    }
    root.put("source", url(source.resolve(env, home)));
    root.put("target", url(target.resolve(env, home)));
    root.remove("include");
    if (!include().isEmpty()) {
      root.putArray("include").addAll(include().stream().map(root::textNode).toList());
    }
    if (mode == Mode.SCHEMA_SYNC) {
      root.putArray("steps").add("schema-sync");
      ObjectNode ss = root.putObject("schema_sync");
      ss.put("source_schema", sourceSchema.strip());
      if (schema() != null) {
        ss.put("target_schema", schema());
      }
      if (!allowHazards.isEmpty()) {
        ss.putArray("allow_hazards").addAll(allowHazards.stream().map(root::textNode).toList());
      }
    } else if (mode == Mode.FULL_COPY || mode == Mode.SUBSET) {
      root.put("jobs", jobs);
      root.remove("steps");
      if (schema() != null && !schema().equals("public")) {
        root.putObject("schema_map").put("public", schema());
      }
      if (mode == Mode.SUBSET) {
        ObjectNode subset = root.putObject("subset");
        ObjectNode start = subset.putObject("start");
        for (String q : picked) {
          Probe.TableInfo t = tables.stream().filter(x -> x.qualified().equals(q)).findFirst().orElseThrow();
          start.put(io.pgferry.extractor.QualifiedName.of(t.schema(), t.name()).quoted(), conditions.getOrDefault(q, "true"));
        }
        subset.put("children", children);
      }
    } else {
      root.put("jobs", jobs);
      root.putArray("steps").add("sync");
      ObjectNode sync = root.putObject("sync");
      if (schema() != null) {
        sync.put("target_schema", schema());
      }
      if (excludeGenerated) {
        sync.put("exclude_generated", true);
      }
      if (mode == Mode.TABLE_OPERATIONS) {
        ObjectNode tablesNode = sync.putObject("tables");
        for (String t : picked) {
          if (!deltaOnly.contains(t)) {
            tablesNode.putObject(t).put("mode", "full");
          }
        }
      }
    }
    try {
      return "# written by pgferry wizard; run it again with: pgferry run FILE" + (privileges ? " --privileges" : "")
          + (owners ? " --owner" : "") + "\n# passwords are not stored: they come from ~/.pgpass or PGPASSWORD\n" + yaml.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@link #pipelineYaml} to {@code file}; a file that exists is not overwritten. */
  Path savePipeline(Path file) {
    try {
      if (Files.exists(file)) {
        throw new PgferryException(PgferryException.Code.USAGE, file + " exists already; choose another name");
      }
      Files.writeString(file, pipelineYaml());
      return file;
    } catch (IOException e) {
      throw new PgferryException(PgferryException.Code.USAGE, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The summary the confirm screen shows. */
  List<String> summary() {
    List<String> out = new ArrayList<>();
    out.add("What:     " + mode.title());
    if (mode == Mode.SCHEMA_SYNC) {
      out.add("Source:   " + source.resolve(env, home).display() + ", schema " + sourceSchema.strip());
      out.add("Target:   " + target.resolve(env, home).display() + ", schema " + (schema() == null ? sourceSchema.strip() : schema()));
      return out;
    }
    out.add("Source:   " + source.resolve(env, home).display());
    out.add("Target:   " + target.resolve(env, home).display());
    if (schema() != null) {
      out.add("          " + (mode == Mode.FULL_COPY || mode == Mode.SUBSET ? "the source's schema public goes into schema " + schema() : "every table goes into schema " + schema()));
    }
    out.add("Tables:   " + (include().isEmpty() ? "every table" : include().size() + " picked: " + abbreviated(include())));
    if (mode == Mode.TABLE_OPERATIONS) {
      out.add("          " + (picked.size() - deltaOnly.size()) + " delete & recreate, " + deltaOnly.size() + " delta only");
    }
    if (mode == Mode.SUBSET) {
      out.set(out.size() - 1, "Start:    " + abbreviated(picked.stream().map(q -> q + " where " + conditions.getOrDefault(q, "true")).toList())
          + (children ? "; with their children" : "; parents only"));
    }
    out.add("Jobs:     " + jobs + (mode == Mode.FULL_COPY || mode == Mode.SUBSET ? "" : excludeGenerated ? ", auto-generated columns left to the target" : "")
        + (privileges ? ", privileges" : "") + (owners ? ", owners" : ""));
    if (!anonymization.isBlank()) {
      out.add("Anonymized with: " + anonymization.strip());
    }
    return out;
  }

  private static String abbreviated(List<String> names) {
    String all = String.join(", ", names);
    return all.length() <= 60 ? all : all.substring(0, 57) + "...";
  }
}
