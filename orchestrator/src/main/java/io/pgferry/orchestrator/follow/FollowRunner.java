package io.pgferry.orchestrator.follow;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.RowTransformer;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.TableSelection;
import io.pgferry.orchestrator.clone.CloneOptions;
import io.pgferry.orchestrator.clone.CloneReport;
import io.pgferry.orchestrator.clone.CloneRunner;
import io.pgferry.orchestrator.clone.CloneTuning;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pgferry follow}: a consistent copy, then the source's changes as they commit. On first use it creates a
 * publication and a logical replication slot on the source (the only writes to the source pgferry ever makes, to its
 * catalog, never to user data), copies the tables with the clone's three phases from exactly the slot's exported
 * snapshot, and records the slot's starting point in the target. Then it streams: each source transaction's
 * changes are applied in commit order, small transactions joined into one target transaction with the position they
 * reach, which is confirmed to the source only after that commit. A crash at any moment therefore resumes from the
 * target's record, with no gap and no duplicate.
 */
public final class FollowRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FollowRunner.class);

  private final RunListener listener;
  private final CloneTuning tuning;
  private volatile boolean stop;

  public FollowRunner(RunListener listener) {
    this(listener, CloneTuning.defaults());
  }

  public FollowRunner(RunListener listener, CloneTuning tuning) {
    this.listener = listener;
    this.tuning = tuning;
  }

  /** Stops the run after the transaction being applied (from another thread: a signal handler, a test). */
  public void stop() {
    stop = true;
  }

  public FollowReport run(FollowOptions o) {
    long t0 = System.nanoTime();
    if (o.cleanup()) {
      return cleanup(o, t0);
    }
    List<String> created = new ArrayList<>();
    Connection source = o.source().open("pgferry follow");
    Connection target = o.target().open("pgferry follow");
    Connection replication = null;
    boolean recorded = false;
    try {
      String start = FollowState.read(target, o.slot());
      FollowSource.Slot slot = FollowSource.slot(source, o.slot());
      // the rules are checked before anything is created: one that cannot follow a stream stops here
      Map<QualifiedName, Map<String, RowTransformer>> transforms = streamTransforms(o);
      CloneReport copy = null;
      if (start == null) {
        if (slot.exists() || FollowSource.publication(source, o.slot())) {
          throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "the source has a " + (slot.exists() ? "replication slot" : "publication")
              + " named " + o.slot() + " but the target holds no record of following it (a first run stopped during its copy, or"
              + " another target's follow): remove it with the same command and " + io.pgferry.extractor.Option.CLEANUP.mention("true")
              + " (and a partial copy in the target with a clone's " + io.pgferry.extractor.Option.RECOVERY.mention("ABORT") + "), or choose"
              + " another " + io.pgferry.extractor.Option.SLOT.mention());
        }
        FollowSource.check(source);
        List<QualifiedName> tables = FollowSource.tables(source, TableSelection.of(o.include(), o.exclude()));
        refuseTriggersWithoutReplicaRole(source, target, tables);
        // nothing is created before every check has passed; from here on, a failure removes what was created
        FollowSource.createPublication(source, o.slot(), tables);
        created.add("publication " + o.slot() + " (" + tables.size() + " tables)");
        replication = o.source().openReplication("pgferry follow");
        ReplicationSlotInfo info = replication.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot().logical()
            .withSlotName(o.slot()).withOutputPlugin("pgoutput").make();
        created.add("logical replication slot " + o.slot());
        listener.phaseStarted("follow", "created on the source: " + String.join(", ", created) + "; remove them with " + io.pgferry.extractor.Option.CLEANUP.mention("true"));
        // the slot's exported snapshot stays valid while its session is idle: the copy reads exactly up to the slot's start
        copy = new CloneRunner(listener, tuning).run(copyOptions(o).snapshot(info.getSnapshotName()).followPublication(o.slot()).build());
        start = info.getConsistentPoint().asString();
        FollowState.start(target, o.slot(), o.source().display(), start, ExistingCopy.Identity.of(source));
        recorded = true;
      } else {
        recorded = true;
        ExistingCopy.verifyIdentity(source, target, o);
        if (!slot.exists()) {
          throw new PgferryException(PgferryException.Code.VERIFY, "the target records following slot " + o.slot() + " from " + start
              + ", but the source no longer has that slot: the changes since are lost; start over ("
              + io.pgferry.extractor.Option.CLEANUP.mention("true") + ", then follow again)");
        }
        if (slot.active()) {
          throw new PgferryException(PgferryException.Code.TARGET_CONFLICT, "replication slot " + o.slot() + " is in use by another follow");
        }
        List<QualifiedName> followed = ExistingCopy.verifyPosition(source, o, start);
        verifyCopy(target, followed);
        replication = o.source().openReplication("pgferry follow");
        listener.phaseStarted("follow", "the copy checked (its source, the slot's position, " + followed.size()
            + " tables present); going on from " + start + " (slot " + o.slot() + ")");
      }
      // the insert position, not the write position: with synchronous_commit off a commit may not be written yet
      String goal = o.untilCaughtUp() ? FollowSource.scalar(source, "SELECT pg_current_wal_insert_lsn()::text") : null;
      ChangeStream.Totals totals = new ChangeStream.Totals();
      String from = start;
      String lastSchemaChange = null;
      for (int attempt = 1; ; attempt++) {
        try {
          new ChangeStream(listener, () -> stop).run(o, replication, target, from, goal, source, totals, transforms);
          break;
        } catch (ChangeApplier.SchemaChanged changed) {
          if (!o.schemaSync() || stop || changed.getMessage().equals(lastSchemaChange)) {
            throw changed; // not asked for, or schema-sync did not make the target match
          }
          lastSchemaChange = changed.getMessage();
          // the transactions before the change are committed; bring the schema along, then go on from there
          listener.phaseStarted("schema-sync", changed.getMessage().replaceAll(";.*", "") + ": bringing schema " + changed.schema + " along");
          new io.pgferry.orchestrator.schemasync.SchemaSyncRunner(listener).run(io.pgferry.orchestrator.schemasync.SchemaSyncOptions
              .builder(o.source(), o.target()).sourceSchema(changed.schema).clock(java.time.Clock.systemUTC()).build());
          close(replication);
          replication = o.source().openReplication("pgferry follow");
          from = FollowState.read(target, o.slot());
          attempt = 0;
        } catch (SQLException | PgferryException e) {
          if (stop || attempt >= RECONNECTS || !lost(e)) {
            throw e;
          }
          // a server restarted or the network failed: go on from what the target committed, on new connections
          listener.warning("follow lost a connection (" + io.pgferry.extractor.ServerError.describe(e) + "); connecting again, attempt "
              + (attempt + 1) + " of " + RECONNECTS);
          close(replication);
          close(source);
          close(target);
          replication = null;
          source = null;
          target = null;
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(16_000, 500L << Math.min(5, attempt - 1))));
          try {
            source = o.source().open("pgferry follow");
            target = o.target().open("pgferry follow");
            replication = o.source().openReplication("pgferry follow");
            from = FollowState.read(target, o.slot());
          } catch (PgferryException | SQLException again) {
            e.addSuppressed(again);
            if (attempt + 1 >= RECONNECTS) {
              throw e;
            }
          }
        }
      }
      int sequences = totals.caughtUp ? FollowSource.catchUpSequences(source, target) : 0;
      return new FollowReport(o.source().display(), o.target().display(), o.slot(), created, List.of(), copy, start, totals.last,
          totals.transactions, totals.changes, totals.caughtUp, sequences, Duration.ofNanos(System.nanoTime() - t0));
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "follow failed: " + io.pgferry.extractor.ServerError.describe(e), e);
    } finally {
      close(replication);
      if (!recorded && !created.isEmpty()) {
        undo(source, o.slot(), created);
      }
      close(source);
      close(target);
    }
  }

  /**
   * The target must still hold every followed table. One that is gone took its rows with it: schema-sync could bring
   * the table back but not the rows, so the run stops before anything is applied.
   */
  private static void verifyCopy(Connection target, List<QualifiedName> followed) throws SQLException {
    ExistingCopy.Mismatch m = ExistingCopy.verifyTarget(target, followed);
    if (!m.lines().isEmpty()) {
      throw new PgferryException(PgferryException.Code.VERIFY, "the target's copy lacks followed tables (" + ExistingCopy.describe(m)
          + "), and their rows with them: start over (" + io.pgferry.extractor.Option.CLEANUP.mention("true") + ", then follow again)");
    }
  }

  /** The copy's options: the selected tables and, when given, the column rules. */
  private static CloneOptions.Builder copyOptions(FollowOptions o) {
    CloneOptions.Builder b = CloneOptions.builder(o.source(), o.target()).include(o.include()).exclude(o.exclude()).jobs(o.jobs());
    if (o.transforms() != null) {
      b.transforms(o.transforms().rules()).salt(o.transforms().salt()).strict(o.transforms().strict());
    }
    return b;
  }

  /**
   * The transformers of each followed table, as the clone plans them (the same salt, the same rules, so a followed
   * anonymized copy stays joinable). Rules that run SQL on the source per row cannot follow a stream.
   */
  private Map<QualifiedName, Map<String, RowTransformer>> streamTransforms(FollowOptions o) {
    if (o.transforms() == null || o.transforms().rules().isEmpty()) {
      return Map.of();
    }
    Map<QualifiedName, Map<String, RowTransformer>> out = new HashMap<>();
    for (io.pgferry.loader.TableLoad l : new CloneRunner(RunListener.SILENT, tuning).plan(copyOptions(o).build()).loads()) {
      for (Map.Entry<String, RowTransformer> e : l.transformers().entrySet()) {
        if (e.getValue() instanceof io.pgferry.loader.SourceSide || e.getValue() instanceof io.pgferry.loader.When) {
          throw new PgferryException(PgferryException.Code.CONFIG, "the rule of " + l.table().name() + "." + e.getKey() + " runs SQL on the"
              + " source for each row (sql, shuffle, use_default or a when condition), which a stream cannot do; follow takes rules that"
              + " work on the value alone (hash, fake, mask, date_shift, …)");
        }
      }
      if (!l.transformers().isEmpty()) {
        out.put(l.table().name(), l.transformers());
      }
    }
    return out;
  }

  /** Connection losses a follow rides out (new connections, from the target's committed position), waits doubling to 16 s. */
  static final int RECONNECTS = 8;

  private static boolean lost(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && io.pgferry.extractor.ServerError.connectionLost(s.getSQLState())) {
        return true;
      }
      if (t instanceof PgferryException p && p.code() == PgferryException.Code.CONNECTION) {
        return true;
      }
    }
    return false;
  }

  /**
   * Before anything is created: a target role that may not run as a replica, copying tables with triggers (the copy
   * creates them), would fire them for every applied change.
   */
  private static void refuseTriggersWithoutReplicaRole(Connection source, Connection target, List<QualifiedName> tables) throws SQLException {
    try (java.sql.Statement s = target.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.execute("RESET session_replication_role");
      return;
    } catch (SQLException e) {
      if (!"42501".equals(e.getSQLState())) {
        throw e;
      }
    }
    List<String> withTriggers = new ArrayList<>();
    try (java.sql.PreparedStatement p = source.prepareStatement("""
        SELECT DISTINCT format('%I.%I', n.nspname, c.relname) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND (n.nspname, c.relname) IN
          (SELECT x[1], x[2] FROM unnest(?::text[]) u(q) CROSS JOIN LATERAL (SELECT string_to_array(q, chr(1)) AS x) a)""")) {
      p.setArray(1, source.createArrayOf("text", tables.stream().map(t -> t.schema() + "\u0001" + t.name()).toArray()));
      try (java.sql.ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          withTriggers.add(rs.getString(1));
        }
      }
    }
    if (!withTriggers.isEmpty()) {
      throw new PgferryException(PgferryException.Code.CONFIG, "the target role may not SET session_replication_role, so the triggers"
          + " the copy creates would fire for every applied change (tables " + String.join(", ", withTriggers) + "): follow as a"
          + " superuser, or GRANT SET ON PARAMETER session_replication_role TO the role (PostgreSQL 15 and later). Nothing was created");
    }
  }

  private FollowReport cleanup(FollowOptions o, long t0) {
    List<String> dropped = new ArrayList<>();
    try (Connection source = o.source().open("pgferry follow"); Connection target = o.target().open("pgferry follow")) {
      dropped.addAll(FollowSource.drop(source, o.slot()));
      if (FollowState.remove(target, o.slot())) {
        dropped.add("the target's record of slot " + o.slot());
      }
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "removing follow's slot, publication and record failed: " + io.pgferry.extractor.ServerError.describe(e), e);
    }
    return new FollowReport(o.source().display(), o.target().display(), o.slot(), List.of(), dropped, null, null, null, 0, 0, false, 0,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** A first run that failed before its start was recorded leaves nothing on the source. */
  private void undo(Connection source, String slot, List<String> created) {
    try {
      FollowSource.drop(source, slot);
      listener.warning("removed what this run had created on the source: " + String.join(", ", created));
    } catch (SQLException | RuntimeException e) {
      listener.warning("could not remove " + String.join(", ", created) + " from the source (" + e.getMessage()
          + "): remove them with the same command and " + io.pgferry.extractor.Option.CLEANUP.mention("true"));
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing a connection failed", e);
      }
    }
  }
}
