package io.pgferry.orchestrator.anonymize;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.pipeline.Pipeline;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What {@code pgferry scan} looks at.
 *
 * @param include table patterns to scan (empty: all), {@link TableGlob} syntax
 * @param exclude table patterns to skip; exclusion wins
 * @param sample rows sampled per table, 0 to look at names only
 * @param minConfidence findings below this (0..1) are not reported
 * @param pipeline the pipeline whose rules count as coverage, or null
 * @param clock today's date, which birthdays are counted back from
 */
public record ScanOptions(List<String> include, List<String> exclude, int sample, double minConfidence, Pipeline pipeline,
    Clock clock) {
  public static final int DEFAULT_SAMPLE = 200;
  public static final int MAX_SAMPLE = 100_000;
  public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

  public ScanOptions {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    Objects.requireNonNull(clock, "clock");
    if (sample < 0 || sample > MAX_SAMPLE) {
      throw new PgferryException(PgferryException.Code.USAGE, io.pgferry.extractor.Option.SAMPLE.mention() + " must be 0 to " + MAX_SAMPLE + ", got " + sample);
    }
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new PgferryException(PgferryException.Code.USAGE, io.pgferry.extractor.Option.MIN_CONFIDENCE.mention() + " must be from 0 to 1, got " + minConfidence);
    }
  }

  /** Options built step by step; everything has a default (see {@link Builder}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder().include(include).exclude(exclude).sample(sample).minConfidence(minConfidence).pipeline(pipeline).clock(clock);
  }

  /**
   * Builds {@link ScanOptions}. Defaults: every table, {@link #DEFAULT_SAMPLE} rows sampled per table, findings from
   * {@link #DEFAULT_MIN_CONFIDENCE} confidence, no pipeline, the system clock (UTC). Not thread-safe; a builder may be
   * reused.
   */
  public static final class Builder {
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private int sample = DEFAULT_SAMPLE;
    private double minConfidence = DEFAULT_MIN_CONFIDENCE;
    private Pipeline pipeline;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Table patterns to scan; empty: all. */
    public Builder include(List<String> include) {
      this.include = include;
      return this;
    }

    /** Table patterns to skip; exclusion wins. */
    public Builder exclude(List<String> exclude) {
      this.exclude = exclude;
      return this;
    }

    /** Rows sampled per table, 0 to {@link #MAX_SAMPLE}; 0 looks at names only. */
    public Builder sample(int sample) {
      this.sample = sample;
      return this;
    }

    /** Findings below this confidence (0 to 1) are not reported. */
    public Builder minConfidence(double minConfidence) {
      this.minConfidence = minConfidence;
      return this;
    }

    /** The pipeline whose rules count as coverage; null: none. */
    public Builder pipeline(Pipeline pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    /** Today's date, which birthdays are counted back from. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public ScanOptions build() {
      return new ScanOptions(include, exclude, sample, minConfidence, pipeline, clock);
    }
  }
}
