package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.schemasync.SchemaSyncOptions;

import io.pgferry.schemadiff.DiffOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code schema_sync:} section of a pipeline; null fields were not given.
 *
 * @param allowHazards hazard ids or {@code all}
 */
public record SchemaSyncSection(String sourceSchema, String targetSchema, DiffOptions.Preserve preserve, List<String> allowHazards,
    Duration lockTimeout, boolean online) {
  public SchemaSyncSection {
    allowHazards = allowHazards == null ? List.of() : List.copyOf(allowHazards);
  }

  static final SchemaSyncSection DEFAULTS = new SchemaSyncSection(null, null, null, List.of(), null, false);

  static SchemaSyncSection read(YamlNode node) {
    YamlNode.Mapping m = Fields.mapping("'schema_sync'", node);
    Fields.checkKeys(m, SchemaSyncKey.values(), "'schema_sync'");
    String source = null;
    String target = null;
    DiffOptions.Preserve preserve = null;
    List<String> hazards = new ArrayList<>();
    Duration lock = null;
    boolean online = false;
    for (YamlNode.Entry e : m.entries()) {
      YamlNode v = e.value();
      switch (SchemaSyncKey.valueOf(e.key().toUpperCase(Locale.ROOT))) {
        case SOURCE_SCHEMA -> source = Fields.string("'source_schema'", v);
        case TARGET_SCHEMA -> target = Fields.string("'target_schema'", v);
        case PRESERVE -> {
          String text = Fields.string("'preserve'", v);
          preserve = java.util.Arrays.stream(DiffOptions.Preserve.values()).filter(p -> p.name().equalsIgnoreCase(text)).findFirst()
              .orElseThrow(() -> ConfigErrors.unknownOf(v.where(), "preserve", text, List.of("backup", "rename", "none")));
        }
        case ALLOW_HAZARDS -> Fields.stringList("'allow_hazards'", v).forEach(i -> hazards.add(i.text()));
        case ONLINE -> online = Fields.bool("'online'", v);
        case LOCK_TIMEOUT -> {
          lock = SchemaSyncOptions.parseLockTimeout(Fields.string("'lock_timeout'", v));
          if (lock == null) {
            throw Fields.mismatch("'lock_timeout'", SchemaSyncOptions.LOCK_TIMEOUT_FORMAT, v);
          }
        }
      }
    }
    if (target != null && source == null) {
      throw ConfigErrors.at(m.where(), "'target_schema' of 'schema_sync' needs 'source_schema'", "say which source schema maps to it");
    }
    return new SchemaSyncSection(source, target, preserve, hazards, lock, online);
  }
}
