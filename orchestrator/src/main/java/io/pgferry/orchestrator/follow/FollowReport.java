package io.pgferry.orchestrator.follow;

import io.pgferry.orchestrator.clone.CloneReport;
import java.time.Duration;
import java.util.List;

/**
 * What a follow did.
 *
 * @param created objects it created on the source (the publication and the slot), named
 * @param dropped objects {@code --cleanup} removed
 * @param copy the initial copy's report, or null when the target was already following
 * @param startLsn where the stream started; {@code lastLsn} what was applied and confirmed last
 * @param caughtUp it stopped because everything committed before its start was applied
 * @param sequencesMoved target sequences moved forward to the source's values once caught up (the cut-over)
 */
public record FollowReport(String source, String target, String slot, List<String> created, List<String> dropped, CloneReport copy,
    String startLsn, String lastLsn, long transactions, long changes, boolean caughtUp, int sequencesMoved, Duration elapsed) {

  public FollowReport {
    created = List.copyOf(created);
    dropped = List.copyOf(dropped);
  }

  public String toJson() {
    return io.pgferry.orchestrator.Reports.json(new Json(source, target, slot, created, dropped, copy == null ? null : copy.rows(),
        startLsn, lastLsn, transactions, changes, caughtUp, sequencesMoved, io.pgferry.orchestrator.Reports.seconds(elapsed)));
  }

  private record Json(String source, String target, String slot, List<String> created, List<String> dropped, Long copiedRows,
      String startLsn, String lastLsn, long transactions, long changes, boolean caughtUp, int sequencesMoved,
      java.math.BigDecimal elapsedSeconds) {}
}
