package io.pgferry.orchestrator;

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
}
