package io.pgferry.cli;

import io.pgferry.extractor.Option;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The command line's name for each library option a message can name. The library words its errors,
 * warnings and plans with {@link Option#mention} ({@code `allowUncovered=true`}); everything the CLI prints
 * from the library goes through {@link #render}, which writes the flag instead ({@code --allow-uncovered}),
 * so the remedy a user reads is one they can type. A test checks each flag is one a command accepts.
 */
final class Flags {
  private Flags() {}

  /** How the value of a mention is written after the flag. */
  enum Value {
    /** A switch: {@code `keepOnFailure=true`} is {@code --keep-on-failure}. */
    NONE,
    /** An enum constant in lower case with dashes: {@code `seal=SINGLE_TRANSACTION`} is {@code --seal single-transaction}. */
    ENUM,
    /** As the library wrote it (hazard ids, sizes). */
    VERBATIM,
    /** The value is the flag: {@code `recovery=RESUME`} is {@code --resume}. */
    CHOICE
  }

  record Flag(String name, Value value) {}

  static final Map<Option, Flag> FLAGS = flags();

  private static Map<Option, Flag> flags() {
    Map<Option, Flag> m = new EnumMap<>(Option.class);
    m.put(Option.ALLOW_HAZARDS, new Flag("--allow-hazards", Value.VERBATIM));
    m.put(Option.ALLOW_UNCOVERED, new Flag("--allow-uncovered", Value.NONE));
    m.put(Option.CLEANUP, new Flag("--cleanup", Value.NONE));
    m.put(Option.DELETE, new Flag("--delete", Value.NONE));
    m.put(Option.DRY_RUN, new Flag("--dry-run", Value.NONE));
    m.put(Option.ENV_FILE, new Flag("--env", Value.VERBATIM));
    m.put(Option.EXCLUDE, new Flag("--exclude", Value.VERBATIM));
    m.put(Option.GIN_MAINTENANCE_WORK_MEM, new Flag("--gin-maintenance-work-mem", Value.VERBATIM));
    m.put(Option.INCLUDE, new Flag("--include", Value.VERBATIM));
    m.put(Option.KEEP_ON_FAILURE, new Flag("--keep-on-failure", Value.NONE));
    m.put(Option.KEYLESS, new Flag("--keyless", Value.ENUM));
    m.put(Option.MAINTENANCE_WORK_MEM, new Flag("--maintenance-work-mem", Value.VERBATIM));
    m.put(Option.MIN_CONFIDENCE, new Flag("--min-confidence", Value.VERBATIM));
    m.put(Option.OWNERS, new Flag("--owner", Value.NONE));
    m.put(Option.PARALLEL_MAINTENANCE_WORKERS, new Flag("--parallel-maintenance-workers", Value.VERBATIM));
    m.put(Option.PRESERVE, new Flag("--preserve", Value.ENUM));
    m.put(Option.PRIVILEGES, new Flag("--privileges", Value.NONE));
    m.put(Option.RECOVERY, new Flag("--resume", Value.CHOICE));
    m.put(Option.ROWS, new Flag("--rows", Value.VERBATIM));
    m.put(Option.SAMPLE, new Flag("--sample", Value.VERBATIM));
    m.put(Option.SCHEMA_MAP, new Flag("--schema-map", Value.VERBATIM));
    m.put(Option.SEAL, new Flag("--seal", Value.ENUM));
    m.put(Option.SLOT, new Flag("--slot", Value.VERBATIM));
    m.put(Option.SOURCE_SCHEMA, new Flag("--source-schema", Value.VERBATIM));
    m.put(Option.TARGET_SCHEMA, new Flag("--target-schema", Value.VERBATIM));
    return m;
  }

  /** Library text with each option mention written as the flag that sets it. */
  static String render(String text) {
    if (text == null || text.indexOf('`') < 0) {
      return text;
    }
    String out = text;
    for (Map.Entry<Option, Flag> e : FLAGS.entrySet()) {
      Matcher m = e.getKey().pattern().matcher(out);
      // A dry run's plan of 10,000 tables is megabytes with few mentions: copying it once per option that it
      // does not mention took a third of the JVM's time in that run.
      if (!m.find()) {
        continue;
      }
      StringBuilder sb = new StringBuilder(out.length() + 64);
      do {
        m.appendReplacement(sb, Matcher.quoteReplacement(flag(e.getValue(), m.group(1))));
      } while (m.find());
      m.appendTail(sb);
      out = sb.toString();
    }
    return out;
  }

  private static String flag(Flag f, String value) {
    if (f.value() == Value.CHOICE && value != null) {
      return "--" + value.toLowerCase(Locale.ROOT).replace('_', '-');
    }
    if (value == null || f.value() == Value.NONE) {
      return f.name();
    }
    return f.name() + " " + (f.value() == Value.ENUM ? value.toLowerCase(Locale.ROOT).replace('_', '-') : value);
  }
}
