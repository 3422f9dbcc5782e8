package io.pgferry.anonymizer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-value seed of a deterministic transformer: SipHash-2-4 of the value, keyed by
 * HMAC-SHA256(salt, rule). The same salt, rule and value give the same seed in every table, run and
 * database, which is what keeps anonymized columns joinable; without the salt a seed cannot be recomputed
 * from a guessed value. SipHash rather than HMAC per value because it costs tens of nanoseconds.
 *
 * <p>In random mode every call returns a fresh random number instead.
 */
final class Seeds {
  private final long k0;
  private final long k1;
  private final boolean random;

  private Seeds(long k0, long k1, boolean random) {
    this.k0 = k0;
    this.k1 = k1;
    this.random = random;
  }

  /** @param rule identifies the rule (transformer and options), so different rules give unrelated outputs */
  static Seeds of(byte[] salt, String rule, boolean random) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // an empty salt is allowed for the non-secret transformers; HMAC needs a non-empty key
      mac.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[] {0} : salt, "HmacSHA256"));
      byte[] k = mac.doFinal(("pgferry-seed\u0000" + rule).getBytes(StandardCharsets.UTF_8));
      return new Seeds(longAt(k, 0), longAt(k, 8), random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  boolean random() {
    return random;
  }

  /** The seed of a value (null is a value too). */
  long of(String value) {
    return of(value, 0);
  }

  /** The seed of a value for re-roll {@code round} (0 is the first try). */
  long of(String value, int round) {
    if (random) {
      return ThreadLocalRandom.current().nextLong();
    }
    return value == null ? sip(k0 ^ 0x6e756c6cL, k1 + round, "") : sip(k0, k1 + round, value);
  }

  private static long longAt(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  /** SipHash-2-4 over the UTF-16 code units of {@code s}, four per 64-bit word (no byte[] copy). */
  static long sip(long k0, long k1, CharSequence s) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    int n = s.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long m = s.charAt(i) | ((long) s.charAt(i + 1) << 16) | ((long) s.charAt(i + 2) << 32) | ((long) s.charAt(i + 3) << 48);
      v3 ^= m;
      for (int r = 0; r < 2; r++) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    long last = ((long) (n * 2) & 0xff) << 56;
    for (int shift = 0; i < n; i++, shift += 16) {
      last |= (long) s.charAt(i) << shift;
    }
    v3 ^= last;
    for (int r = 0; r < 2; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= last;
    v2 ^= 0xff;
    for (int r = 0; r < 4; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  /** A value in {@code [0, bound)} from a seed, taking the high bits (uniform enough for bound << 2^32). */
  static int pick(long seed, int bound) {
    return (int) (((seed >>> 32) * bound) >>> 32);
  }

  /** The next seed of a sequence derived from one value (SplitMix64 step). */
  static long next(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** An unsigned base-36 tag of 13 characters from 64 bits, for making fakes unique. */
  static String tag(long bits) {
    String s = Long.toUnsignedString(bits, 36);
    return "0".repeat(13 - s.length()) + s;
  }
}
