package io.pgferry.loader;

import java.util.Arrays;

/** A growable byte array reused row after row, so rewriting rows does not allocate once it has grown. */
final class ByteSink {
  private byte[] bytes;
  private int length;

  ByteSink(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  void reset() {
    length = 0;
  }

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  void write(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  void write(byte[] src, int from, int len) {
    ensure(len);
    System.arraycopy(src, from, bytes, length, len);
    length += len;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }
}
