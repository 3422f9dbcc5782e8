package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.time.Duration;

/**
 * What one table's sync did.
 *
 * @param mode null for a table that never got as far as choosing one
 * @param batches target transactions committed
 * @param mark the high-water mark after the run (timestamp mode), as text, or null
 * @param error why the table failed or was skipped, or null
 */
public record SyncResult(
    QualifiedName source, QualifiedName target, SyncMode mode, Status status, long inserted, long updated, long deleted,
    long batches, String mark, String error, Duration elapsed) {

  public SyncResult {
    java.util.Objects.requireNonNull(source, "source");
    target = target == null ? source : target;
  }

  public enum Status {
    OK,
    FAILED,
    SKIPPED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A table the caller decided not to run (unsafe schema difference, no key and told to skip, …). */
  public static SyncResult notRun(QualifiedName source, QualifiedName target, SyncMode mode, Status status, String why) {
    return new SyncResult(source, target, mode, status, 0, 0, 0, 0, null, why, Duration.ZERO);
  }
}
