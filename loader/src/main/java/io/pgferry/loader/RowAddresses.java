package io.pgferry.loader;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * Rows of one table named by their address (ctid) in the load's snapshot, such as the rows a subset keeps. An
 * address is the row's place in the table's heap, stable inside one snapshot, so a COPY on the same snapshot reads
 * exactly these rows (a TID scan, in heap order). Addresses are pgferry's own numbers, not the user's data, and go
 * into the COPY's query as {@code tid} literals as the page ranges of split tables do: COPY takes no parameters.
 *
 * <p>The addresses are copied in pieces of {@link #PIECE_ROWS}, and a piece's query text is made only when the
 * piece is copied. They are held in memory ({@link #of}), or kept elsewhere and read a piece at a time
 * ({@link #paged}), when there are more than memory should hold.
 */
public final class RowAddresses {
  /** Rows a piece copies: a TID list this long is about 200 kB of query text. */
  public static final int PIECE_ROWS = 20_000;

  /** Where addresses kept outside memory are read from, a piece at a time. */
  public interface Pages {
    /** The addresses of piece {@code index} (of {@code PIECE_ROWS} each, the last maybe fewer), ascending. */
    long[] piece(int index) throws SQLException;
  }

  private final long[] tids;
  private final Pages pages;
  private final long size;

  private RowAddresses(long[] tids, Pages pages, long size) {
    this.tids = tids;
    this.pages = pages;
    this.size = size;
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
    long[] unique = Arrays.copyOf(sorted, n);
    return new RowAddresses(unique, null, unique.length);
  }

  /**
   * @param size how many distinct addresses {@code pages} holds
   */
  public static RowAddresses paged(long size, Pages pages) {
    return new RowAddresses(null, pages, size);
  }

  public long size() {
    return size;
  }

  /** Pieces of {@link #PIECE_ROWS}: at least one, which reads nothing when there are no rows. */
  public int pieces() {
    return (int) Math.max(1, (size + PIECE_ROWS - 1) / PIECE_ROWS);
  }

  /**
   * The condition that reads piece {@code index} of {@code count}: with a count of 1, every row (a table copied
   * whole, as a shuffle needs), otherwise the piece of {@link #PIECE_ROWS}, in heap order.
   */
  String condition(int index, int count) throws SQLException {
    if (size == 0) {
      return "false";
    }
    if (count == 1) {
      return tids != null ? literal(tids, 0, tids.length) : all();
    }
    if (tids != null) {
      int from = index * PIECE_ROWS;
      return literal(tids, from, (int) Math.min(size, (long) from + PIECE_ROWS));
    }
    long[] piece = pages.piece(index);
    return literal(piece, 0, piece.length);
  }

  private String all() throws SQLException {
    long[] out = new long[Math.toIntExact(size)];
    int n = 0;
    for (int i = 0; i < pieces(); i++) {
      long[] piece = pages.piece(i);
      System.arraycopy(piece, 0, out, n, piece.length);
      n += piece.length;
    }
    return literal(out, 0, n);
  }

  private static String literal(long[] tids, int from, int to) {
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
    return o instanceof RowAddresses r && tids != null && r.tids != null && Arrays.equals(tids, r.tids);
  }

  @Override
  public int hashCode() {
    return tids == null ? Long.hashCode(size) : Arrays.hashCode(tids);
  }

  @Override
  public String toString() {
    return size + " row addresses" + (tids == null ? " (kept outside memory)" : "");
  }
}
