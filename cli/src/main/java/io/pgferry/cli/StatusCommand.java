package io.pgferry.cli;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.connect.ConnectionInput;
import io.pgferry.orchestrator.connect.ConnectionSpec;
import io.pgferry.orchestrator.resume.CloneJournal;
import io.pgferry.orchestrator.sync.StatusReport;

import io.pgferry.loader.SyncState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import io.pgferry.orchestrator.follow.FollowStatus;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Show what a target's pgferry schema records: an interrupted clone (its phase, what it loaded and sealed,"
        + " how to resume or remove it), the follows (slot, position applied, transactions) and the last sync runs: per table"
        + " its mode, status, rows inserted, updated and deleted, high-water mark and error. With --source, also every"
        + " replication slot a follow made there, with the WAL it keeps on the source's disk.", ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  pgferry status --target postgresql:///shop_dev",
        "  pgferry status -t postgresql:///shop_dev --runs 10 --json",
        "  pgferry status -t postgresql:///shop_copy -s postgresql://repl@prod/shop   # with the follow's slot on the source",
        "",
        ExitCodes.TEXT})
final class StatusCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin OutputOptions output;

  @Option(names = {"-t", "--target"}, paramLabel = "URL", description = "The sync target (TARGET_DB_* and PG* variables apply).")
  String target;

  @Option(names = {"-s", "--source"}, paramLabel = "URL", description = "A follow's source: show its pgferry replication slots"
      + " and the WAL they keep.")
  String source;

  @Option(names = "--runs", paramLabel = "N", description = "How many runs to show (default 3).")
  int runs = 3;

  StatusCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Runs.prepare(ctx, output);
    Map<String, String> env = Runs.env(ctx, output);
    ConnectionSpec spec = ConnectionSpec.resolve(ConnectionInput.ofUrl(target), "TARGET", env, ctx.home());
    List<SyncState.TableRow> rows;
    CloneJournal.Status clone;
    List<FollowStatus.Followed> follows;
    try (Connection c = spec.open("pgferry status")) {
      rows = SyncState.recent(c, Math.max(1, runs));
      clone = CloneJournal.status(c);
      follows = FollowStatus.followed(c);
    } catch (SQLException e) {
      throw new PgferryException(PgferryException.Code.CONNECTION, "reading the sync state of " + spec.display() + ": "
          + e.getMessage(), e);
    }
    List<FollowStatus.Slot> slots = null;
    if (source != null) {
      ConnectionSpec src = ConnectionSpec.resolve(ConnectionInput.ofUrl(source), "SOURCE", env, ctx.home());
      try (Connection c = src.open("pgferry status")) {
        slots = FollowStatus.slots(c, follows.stream().map(FollowStatus.Followed::slot).toList());
      } catch (SQLException e) {
        throw new PgferryException(PgferryException.Code.CONNECTION, "reading the replication slots of " + src.display() + ": "
            + e.getMessage(), e);
      }
    }
    if (output.json) {
      ctx.out().println(Flags.render(new StatusReport(clone, rows, follows, slots).toJson()));
      return 0;
    }
    if (clone != null) {
      printClone(clone, spec.display());
    }
    for (FollowStatus.Followed f : follows) {
      ctx.out().printf(Locale.ROOT, "follow of slot %s from %s: applied up to %s, %,d transactions, last at %s%n", f.slot(),
          Flags.render(f.source()), f.lsn(), f.transactions(), f.updatedAt());
    }
    if (slots != null) {
      if (slots.isEmpty()) {
        ctx.out().println("no pgferry replication slot on the source");
      }
      for (FollowStatus.Slot sl : slots) {
        ctx.out().printf(Locale.ROOT, "replication slot %s on the source: %s, keeps %s of WAL, %s not yet applied%s%n", sl.name(),
            sl.active() ? "streaming" : "idle", io.pgferry.orchestrator.Bytes.human(sl.retainedBytes()),
            io.pgferry.orchestrator.Bytes.human(sl.lagBytes()), sl.active() ? ""
                : "; remove it with pgferry follow --cleanup (same source, target and --slot) when no follow will use it again");
      }
    }
    if (!follows.isEmpty() || slots != null) {
      ctx.out().println();
    }
    if (rows.isEmpty()) {
      ctx.out().println("no sync runs recorded in " + spec.display());
      return 0;
    }
    ctx.out().printf("%-5s %-36s %-9s %-8s %10s %10s %10s %8s  %-26s %s%n", "run", "table", "mode", "status", "inserted", "updated",
        "deleted", "seconds", "mark", "error");
    for (SyncState.TableRow r : rows) {
      ctx.out().printf(Locale.ROOT, "%-5d %-36s %-9s %-8s %10d %10d %10d %8s  %-26s %s%n", r.run(), r.target(),
          r.mode() == null ? "-" : r.mode(), r.status(), r.inserted(), r.updated(), r.deleted(),
          r.elapsed() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.elapsed().toMillis() / 1e3),
          r.mark() == null ? "-" : r.mark(), r.error() == null ? "" : Flags.render(r.error()));
    }
    return 0;
  }

  private void printClone(CloneJournal.Status c, String target) {
    ctx.out().printf(Locale.ROOT, "interrupted clone from %s into %s, started %s, stopped in the %s phase%n", Flags.render(c.source()),
        target, c.started(), c.phase());
    ctx.out().printf(Locale.ROOT, "  load: %d of %d tables, %d of %d pieces, %,d rows, %s copied; seal: %d statements committed%n",
        c.tablesLoaded(), c.tables(), c.piecesDone(), c.pieces(), c.rowsCopied(), io.pgferry.orchestrator.Bytes.human(c.bytesCopied()),
        c.sealStatementsDone());
    ctx.out().println("  finish it: the same pgferry clone (or run) command with --resume; remove it: with --abort");
    ctx.out().println();
  }
}
