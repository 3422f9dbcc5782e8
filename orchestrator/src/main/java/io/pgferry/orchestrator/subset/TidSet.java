package io.pgferry.orchestrator.subset;

import java.util.Arrays;

/**
 * A set of row addresses (ctid: block, offset) of one table, as longs in an open-addressing hash table: 8 bytes
 * a row at most twice over, where a {@code HashSet<Long>} costs about 50. Row addresses are stable inside one
 * snapshot, which the whole subset (closure and copy) reads.
 */
final class TidSet {
  private static final long EMPTY = -1L;
  private long[] slots = new long[16];
  private int size;

  static long encode(long block, int offset) {
    return (block << 16) | offset;
  }

  /** {@code (12,3)}, the form PostgreSQL prints and reads. */
  static long parse(String tid) {
    int comma = tid.indexOf(',');
    return encode(Long.parseLong(tid.substring(1, comma)), Integer.parseInt(tid.substring(comma + 1, tid.length() - 1)));
  }

  static String format(long tid) {
    return "(" + (tid >>> 16) + "," + (tid & 0xffff) + ")";
  }

  TidSet() {
    Arrays.fill(slots, EMPTY);
  }

  int size() {
    return size;
  }

  /** Adds {@code tid}; true when it was not there. */
  boolean add(long tid) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = mix(tid) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == EMPTY) {
        slots[i] = tid;
        size++;
        return true;
      }
      if (slots[i] == tid) {
        return false;
      }
    }
  }

  boolean contains(long tid) {
    int mask = slots.length - 1;
    for (int i = mix(tid) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == EMPTY) {
        return false;
      }
      if (slots[i] == tid) {
        return true;
      }
    }
  }

  /** The addresses in ascending order (block, then offset): the order a TID scan reads the heap best. */
  long[] sorted() {
    long[] out = new long[size];
    int n = 0;
    for (long v : slots) {
      if (v != EMPTY) {
        out[n++] = v;
      }
    }
    Arrays.sort(out);
    return out;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    Arrays.fill(slots, EMPTY);
    size = 0;
    for (long v : old) {
      if (v != EMPTY) {
        add(v);
      }
    }
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
