package io.pgferry.orchestrator.follow;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.RowTransformer;
import io.pgferry.orchestrator.RunListener;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming half of a follow: reads the slot from a recorded position and applies each source transaction to
 * the target in commit order, small ones joined, large ones sent in parts, each target commit carrying the position
 * it reaches, which is confirmed to the source only after that commit.
 */
final class ChangeStream {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

  private final RunListener listener;
  private final BooleanSupplier stopped;

  ChangeStream(RunListener listener, BooleanSupplier stopped) {
    this.listener = listener;
    this.stopped = stopped;
  }

  /** The changes of one source transaction held before they are sent to the target (its commit still waits for the source's). */
  static int partChanges(FollowOptions o) {
    return Math.max(1, o.batchChanges()) * 10;
  }

  /** What the stream applied, over every reconnection. */
  static final class Totals {
    String last;
    long transactions;
    long changes;
    boolean caughtUp;
  }

  /** Applies the stream from {@code start} until stopped, or until {@code goal} is reached. */
  void run(FollowOptions o, Connection replication, Connection target, String start, String goal, Connection source,
      Totals totals, Map<QualifiedName, Map<String, RowTransformer>> transforms) throws SQLException {
    if (replication == null || target == null || start == null) {
      throw new SQLException("not connected", "08003");
    }
    target.setAutoCommit(true);
    boolean replica = replicaRole(target);
    target.setAutoCommit(false);
    PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
        .withSlotName(o.slot()).withSlotOption("proto_version", 1).withSlotOption("publication_names", o.slot())
        .withStartPosition(LogSequenceNumber.valueOf(start)).withStatusInterval(1, TimeUnit.SECONDS).start();
    long goalLsn = goal == null ? -1 : LogSequenceNumber.valueOf(goal).asLong();
    long applied = LogSequenceNumber.valueOf(start).asLong();
    long pendingEnd = -1;
    long pendingTx = 0;
    long pendingChanges = 0;
    long transactions = 0;
    totals.last = start;
    boolean inTransaction = false;
    long lastMessage = System.nanoTime();
    long lastWalCheck = System.nanoTime();
    long lastProgress = System.nanoTime();
    long lastRecorded = System.nanoTime();
    boolean caughtUp = false;
    try (ChangeApplier applier = new ChangeApplier(target, replica, transforms)) {
      while (!stopped.getAsBoolean()) {
        ByteBuffer buf = stream.readPending();
        if (buf == null) {
          long now = System.nanoTime();
          if (!inTransaction && pendingEnd >= 0 && now - lastMessage >= o.idleFlush().toNanos()) {
            applier.flush();
            applied = commit(target, stream, o.slot(), pendingEnd, pendingTx);
            transactions += pendingTx;
            pendingEnd = -1;
            pendingTx = 0;
            pendingChanges = 0;
          }
          if (!inTransaction && pendingEnd < 0) {
            // nothing held back: what the server sent beyond our position holds nothing for us, so confirm it too
            long received = stream.getLastReceiveLSN().asLong();
            boolean reached = goalLsn >= 0 && Math.max(received, applied) >= goalLsn;
            if (received > applied && (reached || now - lastRecorded > TimeUnit.SECONDS.toNanos(1))) {
              // WAL with nothing for us (vacuum, other tables) moves the recorded position too, so that status and lag see it;
              // the source hears of it only once recorded: the slot never confirms past the target's record
              lastRecorded = now;
              applied = commit(target, stream, o.slot(), received, 0);
            }
            if (reached) {
              caughtUp = true;
              break;
            }
            if (goalLsn >= 0) {
              stream.forceUpdateStatus(); // the server answers with a keepalive that says how far it has read
            }
          }
          if (now - lastWalCheck > TimeUnit.MINUTES.toNanos(1)) {
            lastWalCheck = now;
            warnRetained(source, o);
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
          continue;
        }
        lastMessage = System.nanoTime();
        if (lastMessage - lastProgress > TimeUnit.SECONDS.toNanos(10)) {
          lastProgress = lastMessage;
          listener.phaseStarted("follow", String.format("%,d transactions (%,d changes) applied, at %s", transactions, applier.changes,
              LogSequenceNumber.valueOf(applied).asString()));
        }
        PgOutput.Message m = PgOutput.decode(buf);
        if (m instanceof PgOutput.Begin && pendingEnd >= 0) {
          if (applier.grouped()) {
            applier.mark();
          } else {
            applier.flush(); // the earlier transactions' changes go before the savepoint
            try (java.sql.Statement sp = target.createStatement()) {
              sp.execute("SAVEPOINT pgferry_transaction"); // so that a transaction the target refuses leaves the earlier ones to commit
            }
          }
        }
        try {
          dispatch(m, applier);
        } catch (PgferryException refused) {
          if (pendingEnd >= 0) {
            if (applier.grouped()) {
              applier.discardToMark();
              applier.flush();
            } else {
              applier.discard();
              try (java.sql.Statement sp = target.createStatement()) {
                sp.execute("ROLLBACK TO SAVEPOINT pgferry_transaction");
              }
            }
            applied = commit(target, stream, o.slot(), pendingEnd, pendingTx);
            transactions += pendingTx;
            pendingEnd = -1;
            pendingTx = 0;
          }
          throw refused;
        }
        switch (m) {
          case PgOutput.Begin b -> inTransaction = true;
          case PgOutput.Commit c -> {
            inTransaction = false;
            pendingEnd = c.endLsn();
            pendingTx++;
            if (pendingChanges >= o.batchChanges()) {
              applier.flush();
            applied = commit(target, stream, o.slot(), pendingEnd, pendingTx);
              transactions += pendingTx;
              pendingEnd = -1;
              pendingTx = 0;
              pendingChanges = 0;
            }
          }
          case PgOutput.Relation r -> { }
          case PgOutput.Other x -> { }
          default -> pendingChanges++;
        }
        if (inTransaction && applier.unsent() >= partChanges(o)) {
          // a large source transaction is sent in parts, so memory stays bounded whatever its size; its earlier
          // companions in the group commit first, alone, so that the target's open transaction holds only this one
          if (pendingEnd >= 0 && applier.grouped()) {
            applier.flushToMark();
            applied = commit(target, stream, o.slot(), pendingEnd, pendingTx);
            transactions += pendingTx;
            pendingEnd = -1;
            pendingTx = 0;
          }
          applier.flush();
        }
      }
      if (pendingEnd >= 0) {
        applier.flush();
            applied = commit(target, stream, o.slot(), pendingEnd, pendingTx);
        transactions += pendingTx;
      }
      target.rollback(); // a transaction cut off by a stop: the stream sends it again next time
      totals.last = LogSequenceNumber.valueOf(applied).asString();
      totals.transactions += transactions;
      totals.changes += applier.changes;
      totals.caughtUp = caughtUp;
    } catch (SQLException | RuntimeException e) {
      try {
        target.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      totals.last = LogSequenceNumber.valueOf(applied).asString();
      totals.transactions += transactions;
      throw e;
    } finally {
      try {
        stream.close();
      } catch (SQLException e) {
        LOG.debug("closing the replication stream failed", e);
      }
    }
  }

  /**
   * Applied changes must not fire the target's triggers (the source's fired already: an audit trigger would write its
   * rows twice) nor check foreign keys the source checked; a subscriber's session does the same. Needs a superuser, or
   * on PostgreSQL 15 and later {@code GRANT SET ON PARAMETER session_replication_role}. Without it, a target whose
   * followed tables have triggers is refused; one without applies changes one by one, in order.
   */
  private boolean replicaRole(Connection target) throws SQLException {
    try (java.sql.Statement s = target.createStatement()) {
      s.execute("SET session_replication_role = replica"); // in autocommit: for the session, whatever its transactions do
      return true;
    } catch (SQLException e) {
      if (!"42501".equals(e.getSQLState())) {
        throw e;
      }
      String triggers = FollowSource.scalar(target, """
          SELECT string_agg(DISTINCT format('%I.%I', n.nspname, c.relname), ', ') FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'
            AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgferry')""");
      if (triggers != null) {
        throw new PgferryException(PgferryException.Code.CONFIG, "the target role may not SET session_replication_role, so the target's"
            + " triggers would fire for every applied change (tables " + triggers + "): follow as a superuser, or GRANT SET ON PARAMETER"
            + " session_replication_role TO the role (PostgreSQL 15 and later)");
      }
      listener.warning("the target role may not SET session_replication_role: changes are applied one by one, with the target's"
          + " foreign keys checked as they come");
      return false;
    }
  }

  /** A relation's description or a change, applied to the target's open transaction. */
  private static void dispatch(PgOutput.Message m, ChangeApplier applier) throws SQLException {
    if (m instanceof PgOutput.Relation r) {
      applier.relation(r);
    } else if (!(m instanceof PgOutput.Begin || m instanceof PgOutput.Commit || m instanceof PgOutput.Other)) {
      applier.apply(m);
    }
  }

  /** Commits the applied changes with their position, then confirms the position to the source. */
  private static long commit(Connection target, PGReplicationStream stream, String slot, long end, long transactions) throws SQLException {
    String lsn = LogSequenceNumber.valueOf(end).asString();
    FollowState.advance(target, slot, lsn, transactions);
    target.commit();
    stream.setAppliedLSN(LogSequenceNumber.valueOf(end));
    stream.setFlushedLSN(LogSequenceNumber.valueOf(end));
    stream.forceUpdateStatus();
    return end;
  }

  private void warnRetained(Connection source, FollowOptions o) {
    try {
      long bytes = FollowSource.retained(source, o.slot());
      if (bytes > o.walWarnBytes()) {
        listener.warning("replication slot " + o.slot() + " keeps " + io.pgferry.orchestrator.Bytes.human(bytes) + " of WAL on the source");
      }
    } catch (SQLException e) {
      LOG.debug("reading the slot's retained WAL failed", e);
    }
  }
}
