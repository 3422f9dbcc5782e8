package io.pgferry.orchestrator.schemasync;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.Endpoint;

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
 * @param online keys, indexes, checks, foreign keys and NOT NULLs on existing tables built without blocking writes,
 *     each in its own transaction after the plan's (see {@link io.pgferry.schemadiff.SchemaPlan#ONLINE})
 */
public record SchemaSyncOptions(Endpoint source, Endpoint target, String sourceSchema, String targetSchema,
    DiffOptions.Preserve preserve, Set<String> allowHazards, Duration lockTimeout, boolean dryRun, Clock clock, boolean online) {

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
    return builder(source, target).build();
  }

  /** Options built step by step; everything but the two endpoints has a default (see {@link Builder}). */
  public static Builder builder(Endpoint source, Endpoint target) {
    return new Builder(source, target);
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder(source, target).sourceSchema(sourceSchema).targetSchema(targetSchema).preserve(preserve)
        .allowHazards(allowHazards).lockTimeout(lockTimeout).dryRun(dryRun).clock(clock).online(online);
  }

  public SchemaSyncOptions withSchemas(String source, String target) {
    return toBuilder().sourceSchema(source).targetSchema(target).build();
  }

  public SchemaSyncOptions withPreserve(DiffOptions.Preserve p) {
    return toBuilder().preserve(p).build();
  }

  public SchemaSyncOptions withAllowHazards(Set<String> ids) {
    return toBuilder().allowHazards(ids).build();
  }

  public SchemaSyncOptions withDryRun(boolean d) {
    return toBuilder().dryRun(d).build();
  }

  public SchemaSyncOptions withOnline(boolean o) {
    return toBuilder().online(o).build();
  }

  public SchemaSyncOptions withClock(Clock c) {
    return toBuilder().clock(c).build();
  }

  /**
   * Builds {@link SchemaSyncOptions}. Defaults: every user schema, each to the schema of the same name, dropped
   * tables and columns kept as backups ({@link DiffOptions.Preserve#BACKUP}), no hazards allowed, a
   * {@link #DEFAULT_LOCK_TIMEOUT} lock timeout, applied (not a dry run), the system clock (UTC). Not
   * thread-safe; {@link #build()} copies, so a builder may be reused.
   */
  public static final class Builder {
    private Endpoint source;
    private Endpoint target;
    private String sourceSchema;
    private String targetSchema;
    private DiffOptions.Preserve preserve = DiffOptions.Preserve.BACKUP;
    private Set<String> allowHazards = Set.of();
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private boolean dryRun;
    private boolean online;
    private Clock clock = Clock.systemUTC();

    private Builder(Endpoint source, Endpoint target) {
      this.source = source;
      this.target = target;
    }

    public Builder source(Endpoint source) {
      this.source = source;
      return this;
    }

    public Builder target(Endpoint target) {
      this.target = target;
      return this;
    }

    /** Compare only this source schema; null: every user schema. */
    public Builder sourceSchema(String sourceSchema) {
      this.sourceSchema = sourceSchema;
      return this;
    }

    /** The target schema {@code sourceSchema} maps to; null: the same name. Needs a source schema. */
    public Builder targetSchema(String targetSchema) {
      this.targetSchema = targetSchema;
      return this;
    }

    /** What happens to tables and columns the target has and the source does not; null: the default. */
    public Builder preserve(DiffOptions.Preserve preserve) {
      this.preserve = preserve;
      return this;
    }

    /** Hazard ids (or {@code all}) the user accepts. */
    public Builder allowHazards(Set<String> allowHazards) {
      this.allowHazards = allowHazards;
      return this;
    }

    /** How long any statement may wait for a lock before the whole sync gives up; null: the default. */
    public Builder lockTimeout(Duration lockTimeout) {
      this.lockTimeout = lockTimeout;
      return this;
    }

    /** Plan and render only. */
    /** Build keys and constraints on existing tables without blocking writes (default false). */
    public Builder online(boolean online) {
      this.online = online;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** The clock that stamps backup names; null: the system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public SchemaSyncOptions build() {
      return new SchemaSyncOptions(source, target, sourceSchema, targetSchema, preserve, allowHazards, lockTimeout, dryRun, clock, online);
    }
  }

  /** The target schema actually written. */
  public String effectiveTargetSchema() {
    return targetSchema != null ? targetSchema : sourceSchema;
  }
}
