package io.pgferry.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the keys that differ between source and target without moving every key. Each server hashes every
 * key: a key of one integer column as an int8 ({@code hashint8extended}), any other key as its text
 * ({@code hashtextextended}; the text is identical on both sides because sessions fix the output settings),
 * and the comparison runs in three steps, each one query per side, both sides at once:
 *
 * <ol>
 *   <li>the whole table's count and the XOR of its key hashes; equal tables are done;
 *   <li>the top bits of the hash split the keys into buckets of about {@link #BUCKET_KEYS} keys; one
 *       {@code GROUP BY} per side returns every bucket's count and hash XOR in bucket order, and the two
 *       streams are merged;
 *   <li>the keys of all differing buckets come back in one query per side (the bucket ids as an array),
 *       merged bucket by bucket; what only one side holds goes to {@link Apply}.
 * </ol>
 *
 * <p>A key of one integer column that is dense enough (a bucket at most 4,096 keys wide) is bucketed by key
 * range instead ({@code key >> shift}, about {@link #RANGE_BUCKET_KEYS} keys a bucket): step 3 reads each
 * differing bucket by an index range scan (or, past {@link #RANGE_SCANS} buckets, one scan of the key index
 * joined with their ids), and a resumed step 2 starts inside the index.
 *
 * <p>Hash buckets need no split points and no key order, so changes spread evenly over the key range cost
 * the same three round trips as one change, and text keys compare correctly whatever the servers' collations.
 * Each step reads the key index once; a restart and more chunks happen only when a step would hold more
 * than its limit. Memory: at most {@link Limits#pendingBuckets} differing bucket ids, one chunk's
 * differences (about {@link Limits#chunkKeys} keys) and one fetch per side, whatever the table's size.
 */
final class SyncDiff {
  private static final Logger LOG = LoggerFactory.getLogger(SyncDiff.class);
  /** Average keys per bucket: about the square root of (keys × changed keys) buckets minimizes the rows moved. */
  static final int BUCKET_KEYS = 16;
  /** Widest range bucket: a bucket's last key, first + (1 << shift) - 1, must not overflow a long. */
  static final int MAX_RANGE_SHIFT = 62;
  /**
   * Range buckets are used up to this width (as a shift: 4,096 keys), which bounds a bucket's keys as the
   * hash buckets' average does; sparser keys are bucketed by hash.
   */
  static final int MAX_RANGE_WIDTH_SHIFT = 12;
  /**
   * Keys per range bucket aimed at. Smaller than {@link #BUCKET_KEYS}: the width is rounded up to a power of
   * two and gaps leave buckets part empty, and a changed bucket's keys are listed whole.
   */
  static final int RANGE_BUCKET_KEYS = 4;
  /**
   * Range buckets listed by one index range scan each up to this many; more are listed by one scan of the key
   * index joined with their ids (about 0.15 ms a range scan against about 2 s for a scan of a million keys, measured under load).
   */
  static final int RANGE_SCANS = 8192;

  /**
   * Memory limits of one comparison.
   *
   * @param pendingBuckets differing bucket ids held before their keys are listed (step 2 resumes after them)
   * @param chunkBuckets bucket ids in one key listing
   * @param chunkKeys keys (the larger side's count, summed over buckets) in one key listing
   */
  record Limits(int pendingBuckets, int chunkBuckets, int chunkKeys) {
    static final Limits DEFAULT = new Limits(262_144, 65_536, 262_144);
  }

  /** What one side holds and the other lacks: key column texts, in key order. */
  interface Apply {
    void missing(List<String[]> keys) throws SQLException;

    void extra(List<String[]> keys) throws SQLException;
  }

  /** Runs before the first key listing: a caller that is still changing the target waits there until it is done. */
  interface Barrier {
    void await() throws SQLException;
  }

  /**
   * A key set's count and the XOR of its keys' 64-bit hashes (as text); min and max for range buckets. Keys are
   * unique, so two different sets of one size in one bucket have the same XOR only by a hash collision (of the
   * bits a hash bucket's keys do not share: at least 64 less the bucket bits); {@code bit_xor}
   * of an int8 is a cheaper aggregate than the numeric {@code sum} (about 10 % of a million-key bucket pass).
   */
  private record Summary(long count, String hashes, long min, long max) {
    boolean sameKeys(Summary o) {
      return count == o.count && hashes.equals(o.hashes);
    }
  }

  private final Connection src;
  private final Connection dst;
  private final SyncSql sql;
  private final Limits limits;
  private final Apply apply;
  private final boolean integerKey;
  private Barrier beforeListing;
  private boolean ranges;
  private final BothServers servers;
  private long buckets;
  private long differing;
  private long listed;

  SyncDiff(Connection src, Connection dst, SyncSql sql, Limits limits, Apply apply) {
    this(src, dst, sql, limits, apply, null);
  }

  /** As above; {@code beforeListing} (null: none) is awaited, in a new target transaction, before the first key listing. */
  SyncDiff(Connection src, Connection dst, SyncSql sql, Limits limits, Apply apply, Barrier beforeListing) {
    this.src = src;
    this.dst = dst;
    this.servers = new BothServers(src, dst, "key comparison of " + sql.sync().table().name());
    this.sql = sql;
    this.limits = limits;
    this.apply = apply;
    this.beforeListing = beforeListing;
    this.integerKey = sql.integerKey();
  }

  /** Compares the whole key space, applying differences chunk by chunk. */
  KeyComparison run() throws SQLException {
    return run(false);
  }

  /**
   * As {@link #run()}; {@code likelyDifferent} (the caller just changed rows) skips step 1 for a dense integer
   * key: the bucket pass sizes its ranges from both sides' key bounds and row estimates instead, which saves a
   * whole read of both key indexes when the tables will differ anyway. The result is the same either way.
   */
  KeyComparison run(boolean likelyDifferent) throws SQLException {
    if (likelyDifferent && integerKey) {
      List<Summary> sizes = servers.run((c, target) -> {
        try (PreparedStatement p = c.prepareStatement(sql.keyBounds(target))) {
          p.setString(1, (target ? sql.sync().target() : sql.sync().table().name()).quoted());
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return new Summary(rs.getLong(3), "", rs.getLong(1), rs.getLong(2));
          }
        }
      });
      Summary s = sizes.get(0);
      Summary t = sizes.get(1);
      long keys = Math.max(s.count(), t.count());
      // both sides have row estimates and hold keys (an empty side's NULL min and max read as 0, 0, caught by
      // the estimate or the order check); else step 1 measures them
      if (keys > 0 && s.count() > 0 && t.count() > 0 && s.max() >= s.min() && t.max() >= t.min()) {
        int shift = rangeShift(Math.min(s.min(), t.min()), Math.max(s.max(), t.max()), keys);
        if (shift <= MAX_RANGE_WIDTH_SHIFT) { // the width caps a bucket's keys, however wrong the estimate
          ranges = true;
          buckets(shift);
          dst.commit();
          return new KeyComparison(servers.queries(), servers.queries(), buckets, differing, listed);
        }
      }
    }
    List<Summary> root = servers.run((c, target) -> {
      try (PreparedStatement p = c.prepareStatement(sql.keySummary(target)); ResultSet rs = p.executeQuery()) {
        rs.next();
        return integerKey ? new Summary(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)) : new Summary(rs.getLong(1), rs.getString(2), 0, 0);
      }
    });
    Summary s = root.get(0);
    Summary t = root.get(1);
    if (!s.sameKeys(t)) {
      long keys = Math.max(s.count(), t.count());
      // an empty side has no min or max (NULL, read as 0): the other side's bound the range
      long min = s.count() == 0 ? t.min() : t.count() == 0 ? s.min() : Math.min(s.min(), t.min());
      long max = s.count() == 0 ? t.max() : t.count() == 0 ? s.max() : Math.max(s.max(), t.max());
      int rangeShift = integerKey ? rangeShift(min, max, keys) : MAX_RANGE_SHIFT;
      // a range bucket holds at most its width in keys (keys are unique): sparse keys take hash buckets instead
      ranges = rangeShift <= MAX_RANGE_WIDTH_SHIFT;
      buckets(ranges ? rangeShift : shift(keys));
    }
    dst.commit(); // ends the target's read-only transaction of the last comparisons
    return new KeyComparison(servers.queries(), servers.queries(), buckets, differing, listed);
  }

  /** Bits of the hash kept for a bucket id, as a right shift: enough buckets for about {@link #BUCKET_KEYS} keys each. */
  static int shift(long keys) {
    long wanted = Math.max(2, (keys + BUCKET_KEYS - 1) / BUCKET_KEYS);
    int bits = 64 - Long.numberOfLeadingZeros(wanted - 1);
    return 64 - bits; // bits >= 1, so the shift stays below 64 (shifting by 64 is undefined in C)
  }

  /**
   * Range buckets: a width of {@code 1 << shift} keys that makes about {@link #RANGE_BUCKET_KEYS} keys a bucket over the span
   * of keys both sides hold. Gaps in the keys only make some buckets empty, and those are never returned.
   */
  static int rangeShift(long min, long max, long keys) {
    double span = (double) max - (double) min + 1; // as a double: max - min overflows a long for keys of both signs
    double wanted = Math.max(1, (keys + RANGE_BUCKET_KEYS - 1) / RANGE_BUCKET_KEYS);
    long width = (long) Math.min(Math.ceil(span / wanted), (double) (1L << MAX_RANGE_SHIFT));
    int shift = width <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(width - 1);
    return Math.min(shift, MAX_RANGE_SHIFT);
  }

  /** Step 2: merges both sides' bucket summaries; resumes after a full set of pending buckets. */
  private void buckets(int shift) throws SQLException {
    long from = Long.MIN_VALUE;
    boolean more = true;
    boolean first = true;
    while (more) {
      more = false;
      Pending pending = new Pending();
      // hash buckets filter on the bucket id; range buckets on the first key of the bucket (through the index)
      long t0 = System.nanoTime();
      long start = ranges ? from << shift : from;
      boolean resumed = !first;
      first = false;
      List<Cursor> both = servers.run((c, target) -> Cursor.open(c, sql.bucketSummaries(target, shift, ranges, resumed), p -> {
        if (resumed) {
          p.setLong(1, start);
        }
      }));
      try (Cursor s = both.get(0); Cursor t = both.get(1)) {
        boolean hs = s.next();
        boolean ht = t.next();
        while (hs || ht) {
          long bs = hs ? s.rows().getLong(1) : 0;
          long bt = ht ? t.rows().getLong(1) : 0;
          long b = !ht || (hs && bs < bt) ? bs : bt;
          boolean inS = hs && bs == b;
          boolean inT = ht && bt == b;
          long cs = inS ? s.rows().getLong(2) : 0;
          long ct = inT ? t.rows().getLong(2) : 0;
          if (!(inS && inT && cs == ct && s.rows().getString(3).equals(t.rows().getString(3)))) {
            if (pending.size == limits.pendingBuckets()) {
              from = b; // this bucket and the rest wait for the next pass
              more = true;
              break;
            }
            pending.add(b, Math.max(cs, ct));
            differing++;
          }
          buckets++;
          hs = inS ? s.next() : hs;
          ht = inT ? t.next() : ht;
        }
      }
      LOG.debug("bucket summaries of {} merged in {} ms, {} differ", sql.sync().table().name(), SyncTable.ms(t0), pending.size);
      listInChunks(pending, shift);
    }
  }

  private void listInChunks(Pending pending, int shift) throws SQLException {
    int i = 0;
    while (i < pending.size) {
      int j = i;
      long keys = 0;
      while (j < pending.size && j - i < limits.chunkBuckets() && (j == i || keys + pending.counts[j] <= limits.chunkKeys())) {
        keys += pending.counts[j++];
      }
      list(Arrays.copyOfRange(pending.ids, i, j), shift);
      i = j;
    }
  }

  /** Step 3: the keys of some differing buckets, both sides merged bucket by bucket; applies the differences. */
  private void list(long[] ids, int shift) throws SQLException {
    if (beforeListing != null) {
      dst.commit(); // the listing must see the target's committed changes: a new transaction
      beforeListing.await();
      beforeListing = null;
    }
    long t0 = System.nanoTime();
    Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
    boolean scans = ranges && ids.length <= RANGE_SCANS;
    Long[] last = scans ? Arrays.stream(ids).map(b -> (b << shift) + ((1L << shift) - 1)).boxed().toArray(Long[]::new) : null;
    Long[] first = scans ? Arrays.stream(ids).map(b -> b << shift).boxed().toArray(Long[]::new) : boxed;
    List<Cursor> both = servers.run((c, target) -> Cursor.open(c, sql.bucketKeys(target, shift, ranges, ranges && !scans), p -> {
      p.setArray(1, c.createArrayOf("int8", first));
      if (scans) {
        p.setArray(2, c.createArrayOf("int8", last));
      }
    }));
    List<String[]> missing = new ArrayList<>();
    List<String[]> extra = new ArrayList<>();
    int n = sql.sync().key().size();
    try (Cursor s = both.get(0); Cursor t = both.get(1)) {
      Map<String, String[]> sourceKeys = new HashMap<>();
      Map<String, String[]> targetKeys = new HashMap<>();
      boolean hs = s.next();
      boolean ht = t.next();
      while (hs || ht) {
        long bs = hs ? s.rows().getLong(1) : 0;
        long bt = ht ? t.rows().getLong(1) : 0;
        long b = !ht || (hs && bs < bt) ? bs : bt;
        sourceKeys.clear();
        targetKeys.clear();
        while (hs && s.rows().getLong(1) == b) {
          put(sourceKeys, s.rows(), n);
          hs = s.next();
        }
        while (ht && t.rows().getLong(1) == b) {
          put(targetKeys, t.rows(), n);
          ht = t.next();
        }
        listed += sourceKeys.size() + targetKeys.size();
        sourceKeys.forEach((id, key) -> {
          if (targetKeys.remove(id) == null) {
            missing.add(key);
          }
        });
        extra.addAll(targetKeys.values());
      }
    }
    LOG.debug("keys of {} buckets listed and merged in {} ms", ids.length, SyncTable.ms(t0));
    // both listings are closed: applying commits on the target, which would end an open one
    if (!missing.isEmpty()) {
      apply.missing(missing);
    }
    if (!extra.isEmpty()) {
      apply.extra(extra);
    }
  }

  /** A key's identity: its column texts joined by NUL, which no PostgreSQL text value contains. */
  private static void put(Map<String, String[]> keys, ResultSet rs, int n) throws SQLException {
    String[] key = new String[n];
    for (int k = 0; k < n; k++) {
      key[k] = rs.getString(k + 2);
    }
    keys.put(n == 1 ? key[0] : String.join("\0", key), key);
  }

  /** Differing bucket ids with the larger side's key count, in bucket order. */
  private static final class Pending {
    long[] ids = new long[64];
    long[] counts = new long[64];
    int size;

    void add(long id, long count) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      ids[size] = id;
      counts[size++] = count;
    }
  }
}
