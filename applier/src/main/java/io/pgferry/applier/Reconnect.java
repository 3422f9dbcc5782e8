package io.pgferry.applier;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded, jittered waits before work that lost its connection runs again on a new one: a server restart or a
 * dropped network link costs the work in flight, not the run. Permanent errors never get here.
 *
 * @param attempts tries in all (1: never again)
 * @param firstWait the first wait; each next one doubles, up to {@code maxWait}, each drawn from [w/2, w]
 * @param sleeper waits (tests pass one that does not)
 */
public record Reconnect(int attempts, Duration firstWait, Duration maxWait, Applier.Sleeper sleeper) {
  private static final Logger LOG = LoggerFactory.getLogger(Reconnect.class);

  /** Eight tries over about a minute: long enough for a server restart or a failover, short enough to give up. */
  public static final Reconnect DEFAULT = new Reconnect(8, Duration.ofMillis(500), Duration.ofSeconds(16), Thread::sleep);

  public Reconnect {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    Objects.requireNonNull(firstWait, "firstWait");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The same tries, waiting with {@code s}. */
  public Reconnect withSleeper(Applier.Sleeper s) {
    return new Reconnect(attempts, firstWait, maxWait, s);
  }

  /**
   * After failed try {@code attempt}: false when no try is left or the run is stopping, else waits and returns true.
   */
  public boolean again(int attempt, Exception cause, boolean stopping) {
    if (attempt >= attempts || stopping) {
      return false;
    }
    long ceiling = Math.min(maxWait.toMillis(), firstWait.toMillis() << Math.min(20, attempt - 1));
    long wait = ceiling <= 1 ? ceiling : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    LOG.warn("lost the connection ({}); trying again on a new one in {} ms (attempt {} of {})", cause.getMessage(), wait,
        attempt + 1, attempts);
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
