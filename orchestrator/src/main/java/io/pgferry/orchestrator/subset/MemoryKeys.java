package io.pgferry.orchestrator.subset;

import io.pgferry.loader.RowAddresses;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A closure's rows in memory, up to a budget: past it, {@link #addDown} and {@link #addUp} throw {@link Full}. */
final class MemoryKeys implements KeyStore {
  /**
   * What a kept row costs at most: its address in a hash table kept at most half full (up to 32 bytes, and the
   * old table while it grows), and in a round's work list or two (8 bytes each, plus their growth).
   */
  static final long BYTES_PER_ROW = 64;

  /** The budget is spent: the closure must keep its rows elsewhere. */
  static final class Full extends RuntimeException {
    Full(long rows) {
      super(rows + " kept rows", null, false, false);
    }
  }

  private record UpKey(long oid, int via) {}

  private final long maxRows;
  private long rows;
  private final Map<Long, TidSet> kept = new HashMap<>();
  private Map<Long, LongList> nextDown = new HashMap<>();
  private Map<UpKey, LongList> nextUp = new HashMap<>();

  /** @param budget bytes the rows may take */
  MemoryKeys(long budget) {
    this.maxRows = Math.max(1, budget / BYTES_PER_ROW);
  }

  @Override
  public long addDown(long oid, int via, long[] tids, int n) {
    TidSet set = kept.computeIfAbsent(oid, k -> new TidSet());
    long added = 0;
    for (int i = 0; i < n; i++) {
      if (set.add(tids[i])) {
        added++;
        nextDown.computeIfAbsent(oid, k -> new LongList()).add(tids[i]);
        nextUp.computeIfAbsent(new UpKey(oid, via), k -> new LongList()).add(tids[i]);
      }
    }
    return counted(added);
  }

  @Override
  public long addUp(long oid, long[] tids, int n) {
    TidSet set = kept.computeIfAbsent(oid, k -> new TidSet());
    long added = 0;
    for (int i = 0; i < n; i++) {
      if (set.add(tids[i])) {
        added++;
        nextUp.computeIfAbsent(new UpKey(oid, -1), k -> new LongList()).add(tids[i]);
      }
    }
    return counted(added);
  }

  private long counted(long added) {
    rows += added;
    if (rows > maxRows) {
      throw new Full(rows);
    }
    return added;
  }

  @Override
  public boolean downRound(Batches work) throws SQLException {
    Map<Long, LongList> round = nextDown;
    nextDown = new HashMap<>();
    for (Map.Entry<Long, LongList> e : round.entrySet()) {
      hand(e.getKey(), -1, e.getValue(), work);
    }
    return !round.isEmpty();
  }

  @Override
  public boolean upRound(Batches work) throws SQLException {
    Map<UpKey, LongList> round = nextUp;
    nextUp = new HashMap<>();
    for (Map.Entry<UpKey, LongList> e : round.entrySet()) {
      hand(e.getKey().oid(), e.getKey().via(), e.getValue(), work);
    }
    return !round.isEmpty();
  }

  private static void hand(long oid, int via, LongList list, Batches work) throws SQLException {
    for (int from = 0; from < list.size(); from += Closure.BATCH) {
      int to = Math.min(list.size(), from + Closure.BATCH);
      work.batch(oid, via, Arrays.copyOfRange(list.values(), from, to), to - from);
    }
  }

  @Override
  public void complete() {
    nextDown = Map.of();
    nextUp = Map.of();
  }

  @Override
  public Map<Long, Long> counts() {
    Map<Long, Long> out = new HashMap<>();
    kept.forEach((oid, set) -> {
      if (set.size() > 0) {
        out.put(oid, (long) set.size());
      }
    });
    return out;
  }

  @Override
  public long[] tids(long oid) {
    TidSet set = kept.get(oid);
    return set == null ? new long[0] : set.sorted();
  }

  /** Once per table: its set is let go, so that the rows are not held twice while the load runs. */
  @Override
  public RowAddresses rows(long oid) {
    TidSet set = kept.remove(oid);
    return RowAddresses.of(set == null ? new long[0] : set.sorted());
  }

  @Override
  public void close() {
    kept.clear();
  }
}
