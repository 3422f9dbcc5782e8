package io.pgferry.orchestrator.follow;

import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.connect.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code pgferry follow} does: copy the selected tables from a replication slot's snapshot, then apply the
 * slot's changes to the target in commit order.
 *
 * @param slot the replication slot's name (and the publication's), also the target's record of the run
 * @param untilCaughtUp stop once everything committed on the source before the start has been applied
 * @param cleanup drop the slot, the publication and the target's record instead of following
 * @param batchChanges changes applied in one target transaction at most (small source transactions are joined); a larger
 *     source transaction is sent in parts of ten times as many, in one target transaction, so memory stays bounded
 * @param idleFlush how long the stream may be quiet before what was received is committed
 * @param walWarnBytes retained WAL of the slot past which a warning is given
 * @param schemaSync on a schema change in the stream, run schema-sync for the changed table's schema and go on
 */
public record FollowOptions(Endpoint source, Endpoint target, List<String> include, List<String> exclude, int jobs, String slot,
    boolean untilCaughtUp, boolean cleanup, int batchChanges, Duration idleFlush, long walWarnBytes, Transforms transforms,
    boolean schemaSync) {

  /**
   * Column rules applied to the copy and to every streamed row alike (a pipeline's {@code transforms}, {@code salt},
   * {@code strict}); rules that need SQL on the source per row ({@code sql}, {@code shuffle}, {@code when}) cannot
   * follow a stream and are refused.
   */
  public record Transforms(List<CloneOptions.ColumnRule> rules, String salt, boolean strict) {
    public Transforms {
      rules = List.copyOf(rules);
    }
  }

  public static final String DEFAULT_SLOT = "pgferry_follow";

  /**
   * Changes per target transaction: small enough that a row updated by many joined transactions (a counter, a
   * branch balance) does not grow a long chain of versions inside one target transaction, which slows every later
   * update of it; large enough to save most commits.
   */
  public static final int DEFAULT_BATCH = 1_000;

  public FollowOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    slot = slot == null || slot.isBlank() ? DEFAULT_SLOT : slot;
    if (!slot.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException("a slot name is 1 to 63 lower-case letters, digits and underscores, got '" + slot + "'");
    }
    if (batchChanges < 1) {
      throw new IllegalArgumentException("batchChanges must be at least 1, got " + batchChanges);
    }
    idleFlush = idleFlush == null ? Duration.ofMillis(200) : idleFlush;
  }

  /** On a schema change in the stream, bring the target's schema along (schema-sync of that schema) and go on. */
  public FollowOptions withSchemaSync(boolean v) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, untilCaughtUp, cleanup, batchChanges, idleFlush, walWarnBytes,
        transforms, v);
  }

  public FollowOptions withTransforms(Transforms t) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, untilCaughtUp, cleanup, batchChanges, idleFlush, walWarnBytes, t, schemaSync);
  }

  public static FollowOptions of(Endpoint source, Endpoint target) {
    return new FollowOptions(source, target, List.of(), List.of(), CloneOptions.defaultJobs(), DEFAULT_SLOT, false, false, DEFAULT_BATCH,
        Duration.ofMillis(200), 1L << 30, null, false);
  }

  public FollowOptions withUntilCaughtUp(boolean v) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, v, cleanup, batchChanges, idleFlush, walWarnBytes, transforms, schemaSync);
  }

  public FollowOptions withCleanup(boolean v) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, untilCaughtUp, v, batchChanges, idleFlush, walWarnBytes, transforms, schemaSync);
  }

  public FollowOptions withTables(List<String> include, List<String> exclude) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, untilCaughtUp, cleanup, batchChanges, idleFlush, walWarnBytes, transforms, schemaSync);
  }

  public FollowOptions withSlot(String slot) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, untilCaughtUp, cleanup, batchChanges, idleFlush, walWarnBytes, transforms, schemaSync);
  }

  public FollowOptions withJobs(int jobs) {
    return new FollowOptions(source, target, include, exclude, jobs, slot, untilCaughtUp, cleanup, batchChanges, idleFlush, walWarnBytes, transforms, schemaSync);
  }
}
