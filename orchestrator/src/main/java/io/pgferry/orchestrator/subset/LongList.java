package io.pgferry.orchestrator.subset;

import java.util.Arrays;

/** A growable list of longs: 8 bytes a row where a {@code List<Long>} costs about 20. */
final class LongList {
  private long[] values = new long[16];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  long[] values() {
    return values;
  }
}
