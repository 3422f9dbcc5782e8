package io.pgferry.loader;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a piece that failed with a transient error is copied again: on new connections, after a bounded, jittered
 * wait. Transient: the connection was lost or refused (class 08, admin shutdown or restart 57P01-57P03, too many
 * connections 53300), a serialization failure (40001) or a deadlock (40P01). The piece's target transaction was
 * rolled back (or died with its connection), so nothing of it is in the target; at most the piece in flight is
 * copied twice. Anything else (a constraint, a permission, a full disk) fails the load at once.
 *
 * @param attempts tries in all per piece (1: never again)
 * @param firstWait the first wait; doubled each time up to {@code maxWait}, each drawn from [w/2, w]
 * @param sleeper waits (tests pass one that does not)
 */
public record PieceRetry(int attempts, Duration firstWait, Duration maxWait, Sleeper sleeper) {
  /** Waits between tries; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Eight tries over about a minute: a server restart or failover fits in it. */
  public static final PieceRetry DEFAULT = new PieceRetry(8, Duration.ofMillis(500), Duration.ofSeconds(16), Thread::sleep);

  public PieceRetry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    Objects.requireNonNull(firstWait, "firstWait");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  static boolean isTransient(String sqlState) {
    return io.pgferry.extractor.ServerError.connectionLost(sqlState) || "40001".equals(sqlState) || "40P01".equals(sqlState);
  }

  /** The wait before try {@code attempt + 1}. */
  long waitMillis(int attempt) {
    long ceiling = Math.min(maxWait.toMillis(), firstWait.toMillis() << Math.min(20, attempt - 1));
    return ceiling <= 1 ? ceiling : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
  }
}
