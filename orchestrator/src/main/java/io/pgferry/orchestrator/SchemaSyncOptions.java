package io.pgferry.orchestrator;

import io.pgferry.schemadiff.DiffOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a schema diff or schema-sync run needs; independent of pipelines and the CLI.
 *
 * @param sourceSchema compare only this source schema (null: every user schema)
 * @param targetSchema the target schema it maps to (null: the same name)
 * @param allowHazards hazard ids (or {@code all}) the user accepts
 * @param lockTimeout how long any statement may wait for a lock before the whole sync gives up
 * @param dryRun plan and render only
 */
public record SchemaSyncOptions(Endpoint source, Endpoint target, String sourceSchema, String targetSchema,
    DiffOptions.Preserve preserve, Set<String> allowHazards, Duration lockTimeout, boolean dryRun, Clock clock) {

  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
  private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,10})(ms|s|m)?");
  /** PostgreSQL's largest lock_timeout (an int of milliseconds, about 24.8 days); 0 would mean no timeout at all. */
  private static final Duration MAX_LOCK_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

  /** How the accepted lock timeouts are described in errors. */
  public static final String LOCK_TIMEOUT_FORMAT = "a duration from 1ms to 24 days such as 500ms, 5s or 1m";

  /**
   * A lock timeout as written on the command line or in a pipeline: {@code 500ms}, {@code 5s} (the unit
   * defaults to seconds) or {@code 1m}, from 1ms to PostgreSQL's limit. Returns null when the text is not one;
   * callers say where it was.
   */
  public static Duration parseLockTimeout(String text) {
    java.util.regex.Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(n) : "m".equals(m.group(2)) ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    return d.isZero() || d.compareTo(MAX_LOCK_TIMEOUT) > 0 ? null : d;
  }

  public SchemaSyncOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    preserve = preserve == null ? DiffOptions.Preserve.BACKUP : preserve;
    allowHazards = allowHazards == null ? Set.of() : Set.copyOf(allowHazards);
    lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
    clock = clock == null ? Clock.systemUTC() : clock;
    if (targetSchema != null && sourceSchema == null) {
      throw new PgferryException(PgferryException.Code.USAGE, io.pgferry.extractor.Option.TARGET_SCHEMA.mention() + " needs " + io.pgferry.extractor.Option.SOURCE_SCHEMA.mention() + " (which source schema maps to it?)");
    }
  }

  /** Defaults: every schema, backups, no hazards allowed, 5 s lock timeout, applied. */
  public static SchemaSyncOptions of(Endpoint source, Endpoint target) {
    return new SchemaSyncOptions(source, target, null, null, null, null, null, false, null);
  }

  public SchemaSyncOptions withSchemas(String source, String target) {
    return new SchemaSyncOptions(this.source, this.target, source, target, preserve, allowHazards, lockTimeout, dryRun, clock);
  }

  public SchemaSyncOptions withPreserve(DiffOptions.Preserve p) {
    return new SchemaSyncOptions(source, target, sourceSchema, targetSchema, p, allowHazards, lockTimeout, dryRun, clock);
  }

  public SchemaSyncOptions withAllowHazards(Set<String> ids) {
    return new SchemaSyncOptions(source, target, sourceSchema, targetSchema, preserve, ids, lockTimeout, dryRun, clock);
  }

  public SchemaSyncOptions withDryRun(boolean d) {
    return new SchemaSyncOptions(source, target, sourceSchema, targetSchema, preserve, allowHazards, lockTimeout, d, clock);
  }

  public SchemaSyncOptions withClock(Clock c) {
    return new SchemaSyncOptions(source, target, sourceSchema, targetSchema, preserve, allowHazards, lockTimeout, dryRun, c);
  }

  /** The target schema actually written. */
  public String effectiveTargetSchema() {
    return targetSchema != null ? targetSchema : sourceSchema;
  }
}
