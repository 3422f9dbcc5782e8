package io.pgferry.anonymizer;

import io.pgferry.extractor.Column;
import io.pgferry.loader.RowTransformer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/** Numeric transformers: noise, generalize (numbers and dates), random_int, permute. */
final class NumberTransformers {
  private NumberTransformers() {}

  /**
   * {@code noise}: adds a seeded offset, {@code relative} (a fraction of the value, e.g. 0.1 for ±10 %) or
   * {@code absolute} (± that amount). Integers stay integers within their type; numerics keep their scale.
   */
  static RowTransformer noise(Options o, Column column, Transformers.Build b) {
    boolean hasRelative = o.has("relative");
    double relative = o.number("relative", 0);
    double absolute = o.number("absolute", 0);
    if (hasRelative == (absolute != 0)) {
      throw o.error("give exactly one of 'relative' (a fraction, e.g. 0.1) or 'absolute' (an amount)");
    }
    if (relative < 0 || absolute < 0) {
      throw o.error("the noise amount must be positive");
    }
    ColumnTypes.Kind kind = ColumnTypes.of(column.type());
    if (kind != ColumnTypes.Kind.INTEGER && kind != ColumnTypes.Kind.DECIMAL && kind != ColumnTypes.Kind.FLOAT) {
      throw o.error("noise works on integer, numeric and floating-point columns, not " + column.type());
    }
    if (b.unique()) {
      throw o.error("noise can make different values equal, and the column is under a unique index; use permute");
    }
    Seeds seeds = b.seeds();
    long[] range = ColumnTypes.integerRange(column.type());
    return (value, row) -> {
      if (value == null || value.equals("NaN") || value.endsWith("Infinity")) {
        return value;
      }
      double u = (seeds.of(value) >>> 11) * 0x1.0p-53 * 2 - 1; // [-1, 1)
      return switch (kind) {
        case INTEGER -> {
          long v = Long.parseLong(value);
          double delta = u * (hasRelative ? Math.abs(v) * relative : absolute);
          double r = Math.rint(v + delta);
          yield Long.toString((long) Math.max(range[0], Math.min(range[1], r)));
        }
        case DECIMAL -> {
          BigDecimal v = new BigDecimal(value);
          BigDecimal delta = hasRelative ? v.abs().multiply(BigDecimal.valueOf(u * relative))
              : BigDecimal.valueOf(u * absolute);
          yield v.add(delta).setScale(Math.max(0, v.scale()), RoundingMode.HALF_EVEN).toPlainString();
        }
        default -> {
          double v = Double.parseDouble(value);
          yield Double.toString(v + u * (hasRelative ? Math.abs(v) * relative : absolute));
        }
      };
    };
  }

  /**
   * {@code generalize}: rounds down to a {@code bucket} (numbers: e.g. 10 turns 37 into 30) or truncates
   * dates and timestamps to a {@code unit} (day, month, year).
   */
  static RowTransformer generalize(Options o, Column column, Transformers.Build b) {
    ColumnTypes.Kind kind = ColumnTypes.of(column.type());
    if (b.unique()) {
      throw o.error("generalizing makes different values equal, and the column is under a unique index");
    }
    if (kind == ColumnTypes.Kind.DATE || kind == ColumnTypes.Kind.TIMESTAMP) {
      String unit = o.choice("unit", "month", Set.of("day", "month", "year"));
      return (value, row) -> value == null ? null : DateTransformers.truncate(value, unit, kind == ColumnTypes.Kind.TIMESTAMP);
    }
    if (kind != ColumnTypes.Kind.INTEGER && kind != ColumnTypes.Kind.DECIMAL && kind != ColumnTypes.Kind.FLOAT) {
      throw o.error("generalize works on numbers, dates and timestamps, not " + column.type());
    }
    double bucketValue = o.number("bucket", 0);
    if (bucketValue <= 0) {
      throw o.error("option 'bucket' must be a positive number, e.g. 10");
    }
    BigDecimal bucket = BigDecimal.valueOf(bucketValue);
    return (value, row) -> {
      if (value == null || value.equals("NaN") || value.endsWith("Infinity")) {
        return value;
      }
      BigDecimal v = new BigDecimal(value);
      BigDecimal r = v.divide(bucket, 0, RoundingMode.FLOOR).multiply(bucket);
      return kind == ColumnTypes.Kind.INTEGER ? r.toBigInteger().toString() : r.stripTrailingZeros().toPlainString();
    };
  }

  /** {@code random_int}: a seeded integer in {@code [min, max]}. */
  static RowTransformer randomInt(Options o, Column column, Transformers.Build b) {
    ColumnTypes.Kind kind = ColumnTypes.of(column.type());
    if (kind != ColumnTypes.Kind.INTEGER && kind != ColumnTypes.Kind.DECIMAL && kind != ColumnTypes.Kind.FLOAT
        && kind != ColumnTypes.Kind.TEXT) {
      throw o.error("random_int needs a numeric or text column, not " + column.type());
    }
    long min = (long) o.number("min", 0);
    long max = (long) o.number("max", 0);
    if (max < min) {
      throw o.error("'max' (" + max + ") is below 'min' (" + min + ")");
    }
    long[] range = ColumnTypes.integerRange(column.type());
    if (kind == ColumnTypes.Kind.INTEGER && (min < range[0] || max > range[1])) {
      throw o.error("the range " + min + ".." + max + " does not fit the column's type " + column.type());
    }
    if (b.unique()) {
      throw o.error("random numbers repeat, and the column is under a unique index; use permute");
    }
    Seeds seeds = b.seeds();
    long span = max - min + 1;
    return (value, row) -> value == null ? null
        : Long.toString(min + (span <= 0 ? seeds.of(value) : Long.remainderUnsigned(seeds.of(value), span)));
  }

  /**
   * {@code permute}: a keyed bijection (Feistel network with cycle walking) on integers of the same number
   * of digits and sign, or on the digits of a text value (other characters stay in place). Distinct inputs
   * give distinct outputs, so unique and primary keys stay unique and referencing columns still join.
   */
  static RowTransformer permute(Options o, Column column, Transformers.Build b) {
    ColumnTypes.Kind kind = ColumnTypes.of(column.type());
    if (kind != ColumnTypes.Kind.INTEGER && kind != ColumnTypes.Kind.TEXT && kind != ColumnTypes.Kind.OTHER) {
      throw o.error("permute works on integer columns and on digits in text, not " + column.type());
    }
    Feistel f = new Feistel(b.seeds());
    long[] range = ColumnTypes.integerRange(column.type());
    return (value, row) -> {
      if (value == null) {
        return null;
      }
      if (kind == ColumnTypes.Kind.INTEGER) {
        boolean negative = value.startsWith("-");
        String digits = negative ? value.substring(1) : value;
        if (digits.length() > 18) {
          return value; // beyond the domain the network covers; bigint has at most 19 digits
        }
        long p = permuteDigits(f, Long.parseLong(digits), digits.length());
        long out = negative ? -p : p;
        if (out < range[0] || out > range[1]) {
          return value;
        }
        return Long.toString(out);
      }
      return permuteText(f, value);
    };
  }

  /** A d-digit number to another d-digit number (leading digit non-zero unless d is 1). */
  private static long permuteDigits(Feistel f, long v, int d) {
    if (d == 1) {
      return f.permute(v, 10);
    }
    long low = pow10(d - 1);
    return low + f.permute(v - low, pow10(d) - low);
  }

  private static String permuteText(Feistel f, String value) {
    int count = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isDigit(value.charAt(i)) && value.charAt(i) < 128) {
        count++;
      }
    }
    if (count == 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value);
    // blocks of 18 digits, each permuted with its position mixed into the key
    int block = 0;
    int[] positions = new int[count];
    for (int i = 0, k = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        positions[k++] = i;
      }
    }
    for (int start = 0; start < count; start += 18, block++) {
      int len = Math.min(18, count - start);
      long v = 0;
      for (int k = 0; k < len; k++) {
        v = v * 10 + (value.charAt(positions[start + k]) - '0');
      }
      long p = f.permute(v, pow10(len), block);
      for (int k = len - 1; k >= 0; k--) {
        sb.setCharAt(positions[start + k], (char) ('0' + p % 10));
        p /= 10;
      }
    }
    return sb.toString();
  }

  private static long pow10(int d) {
    long r = 1;
    for (int i = 0; i < d; i++) {
      r *= 10;
    }
    return r;
  }

  /** A balanced Feistel network on 2k bits, cycle-walked into [0, n). */
  static final class Feistel {
    private static final int ROUNDS = 8;
    private final long[] keys = new long[ROUNDS];

    Feistel(Seeds seeds) {
      // round keys drawn once: in random mode too the network stays one fixed bijection
      for (int i = 0; i < ROUNDS; i++) {
        keys[i] = seeds.of("feistel", i);
      }
    }

    long permute(long v, long n) {
      return permute(v, n, 0);
    }

    long permute(long v, long n, int tweak) {
      if (n <= 1) {
        return v;
      }
      int bits = 64 - Long.numberOfLeadingZeros(n - 1);
      int half = (bits + 1) / 2;
      long mask = (1L << half) - 1;
      long x = v;
      do {
        long l = x >>> half;
        long r = x & mask;
        for (int round = 0; round < ROUNDS; round++) {
          long f = Seeds.next(keys[round] ^ (r * 0x9E3779B97F4A7C15L) ^ tweak) & mask;
          long t = r;
          r = l ^ f;
          l = t;
        }
        x = (l << half) | r;
      } while (x >= n);
      return x;
    }
  }
}
