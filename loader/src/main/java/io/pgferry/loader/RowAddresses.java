package io.pgferry.loader;

import java.util.Arrays;

/**
 * Rows of one table named by their address (ctid) in the load's snapshot, such as the rows a subset keeps. An
 * address is the row's place in the table's heap, stable inside one snapshot, so a COPY on the same snapshot reads
 * exactly these rows (a TID scan, in heap order). Addresses are pgferry's own numbers, not the user's data, and go
 * into the COPY's query as {@code tid} literals as the page ranges of split tables do: COPY takes no parameters.
 */
public final class RowAddresses {
  private final long[] tids;

  private RowAddresses(long[] tids) {
    this.tids = tids;
  }

  /**
   * @param tids addresses as {@code (block << 16) | offset}; copied, sorted and made unique
   */
  public static RowAddresses of(long[] tids) {
    long[] sorted = tids.clone();
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return new RowAddresses(Arrays.copyOf(sorted, n));
  }

  public int size() {
    return tids.length;
  }

  /** The condition that reads rows {@code [from, to)} of these, in heap order. */
  String condition(int from, int to) {
    if (from >= to) {
      return "false";
    }
    StringBuilder sb = new StringBuilder(16 + 12 * (to - from)).append("ctid = ANY ('{");
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append("\"(").append(tids[i] >>> 16).append(',').append(tids[i] & 0xffff).append(")\"");
    }
    return sb.append("}'::tid[])").toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowAddresses r && Arrays.equals(tids, r.tids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tids);
  }

  @Override
  public String toString() {
    return tids.length + " row addresses";
  }
}
