package io.pgferry.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's options a user can change to get past an error or a warning, as messages name them. A
 * message never names a command-line flag: it names the option as {@link #mention()} or {@link #mention(String)}
 * writes it ({@code `allowUncovered=true`}), and a front end that spells options otherwise (the CLI's flags)
 * rewrites exactly those mentions, found by {@link #pattern()}. It lives in the lowest module because the
 * extractor's messages ({@link Roles}) and the schema diff's hazards (schemadiff) name options too.
 */
public enum Option {
  ALLOW_HAZARDS("allowHazards", "allow_hazards"),
  ALLOW_UNCOVERED("allowUncovered", null),
  CLEANUP("cleanup", null),
  DELETE("delete", "delete"),
  DRY_RUN("dryRun", null),
  ENV_FILE("envFile", null),
  EXCLUDE("exclude", "exclude"),
  GIN_MAINTENANCE_WORK_MEM("ginMaintenanceWorkMem", null),
  INCLUDE("include", "include"),
  KEEP_ON_FAILURE("keepOnFailure", null),
  KEYLESS("keyless", "keyless"),
  MAINTENANCE_WORK_MEM("maintenanceWorkMem", null),
  MIN_CONFIDENCE("minConfidence", null),
  OWNERS("owners", null),
  PARALLEL_MAINTENANCE_WORKERS("parallelMaintenanceWorkers", null),
  PRESERVE("preserve", "preserve"),
  PRIVILEGES("privileges", null),
  RECOVERY("recovery", null),
  ROWS("rows", null),
  SAMPLE("sample", null),
  SCHEMA_MAP("schemaMap", "schema_map"),
  SEAL("seal", null),
  SLOT("slot", null),
  SOURCE_SCHEMA("sourceSchema", "source_schema"),
  TARGET_SCHEMA("targetSchema", "target_schema");

  private final String libraryName;
  private final String pipelineKey;
  private final Pattern pattern;

  Option(String libraryName, String pipelineKey) {
    this.libraryName = libraryName;
    this.pipelineKey = pipelineKey;
    this.pattern = Pattern.compile(Pattern.quote("`" + libraryName) + "(?:=([^`]*))?`"
        + (pipelineKey == null ? "" : "(?:" + Pattern.quote(" (pipeline key `" + pipelineKey + "`)") + ")?"));
  }

  /** The name of the option in the library's options records and builders ({@code allowUncovered}). */
  public String libraryName() {
    return libraryName;
  }

  /** The key of a pipeline or sync config file that sets it, or null when no file sets it. */
  public String pipelineKey() {
    return pipelineKey;
  }

  /** The option named in a message: {@code `schemaMap` (pipeline key `schema_map`)}. */
  public String mention() {
    return "`" + libraryName + "`" + keySuffix();
  }

  /** The option with the value that would help: {@code `preserve=NONE`}, {@code `allowUncovered=true`}. */
  public String mention(String value) {
    return "`" + libraryName + "=" + value + "`" + keySuffix();
  }

  private String keySuffix() {
    return pipelineKey == null ? "" : " (pipeline key `" + pipelineKey + "`)";
  }

  /** Matches a {@link #mention()} or {@link #mention(String)} of this option; group 1 is the value, if any. */
  public Pattern pattern() {
    return pattern;
  }

  /** The options a message mentions, in order of first mention: the machine-readable remedies it offers. */
  public static List<Option> mentionedIn(String message) {
    List<Option> out = new ArrayList<>();
    if (message == null) {
      return out;
    }
    List<int[]> at = new ArrayList<>();
    for (Option o : values()) {
      Matcher m = o.pattern.matcher(message);
      if (m.find()) {
        at.add(new int[] {m.start(), o.ordinal()});
      }
    }
    at.sort((a, b) -> Integer.compare(a[0], b[0]));
    at.forEach(a -> out.add(values()[a[1]]));
    return out;
  }
}
