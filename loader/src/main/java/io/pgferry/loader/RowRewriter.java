package io.pgferry.loader;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites COPY text rows of one table: only the transformed fields are decoded and re-encoded; every other
 * field is copied as the raw bytes the source sent. One instance per table copy (not thread-safe); all its
 * buffers are reused from row to row.
 */
final class RowRewriter implements RowTransformer.Row {
  private final List<String> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private final RowTransformer[] transformers;
  private final int[] starts;
  private final int[] ends;
  private final String[] decoded;
  private final boolean[] isDecoded;
  // per-row results of transformed(): 0 not computed, 1 in progress (a cycle if met again), 2 done
  private final byte[] state;
  private final String[] results;
  private final Map<String, Integer> conditions = new HashMap<>();
  private final ByteSink out = new ByteSink(1024);
  private byte[] row;

  /** A column failed to transform; carries the column so the message can name it. */
  static final class TransformFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String column;

    TransformFailure(String column, RuntimeException cause) {
      super(cause);
      this.column = column;
    }
  }

  /** The row did not have the expected shape. */
  static final class MalformedRow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedRow(String message) {
      super(message);
    }
  }

  /**
   * @param columns the copied columns, in COPY order
   * @param transformers by column name; every key must be one of {@code columns}
   */
  RowRewriter(List<String> columns, Map<String, RowTransformer> transformers) {
    this(columns, transformers, List.of());
  }

  /**
   * @param conditions {@code when} conditions the source sends as extra trailing fields (t/f/NULL), in order;
   *     they are read, never written
   */
  RowRewriter(List<String> columns, Map<String, RowTransformer> transformers, List<String> conditions) {
    this.columns = List.copyOf(columns);
    int n = columns.size();
    this.transformers = new RowTransformer[n];
    for (int i = 0; i < n; i++) {
      index.put(columns.get(i), i);
      RowTransformer t = transformers.get(columns.get(i));
      // source-side rules and keep arrive done: those fields pass as bytes
      this.transformers[i] = t == null || t instanceof SourceSide || t instanceof RowTransformer.Keep ? null : t;
    }
    for (int k = 0; k < conditions.size(); k++) {
      this.conditions.put(conditions.get(k), n + k);
    }
    n += conditions.size();
    for (Map.Entry<String, RowTransformer> e : transformers.entrySet()) {
      String name = e.getKey();
      if (!index.containsKey(name) && !(e.getValue() instanceof SourceSide.UseDefault)) {
        throw new IllegalArgumentException("no copied column " + name);
      }
    }
    // one spare slot so a row with too many fields is detected instead of silently merged
    starts = new int[n + 1];
    ends = new int[n + 1];
    decoded = new String[n];
    isDecoded = new boolean[n];
    state = new byte[columns.size()];
    results = new String[columns.size()];
  }

  /**
   * Rewrites one row as received from {@code COPY … TO STDOUT} (one row per message, newline-terminated).
   * The result is valid until the next call.
   */
  ByteSink rewrite(byte[] rowBytes, int length) {
    int end = length > 0 && rowBytes[length - 1] == CopyText.NEWLINE ? length - 1 : length;
    int fields = CopyText.split(rowBytes, 0, end, starts, ends);
    int expected = decoded.length;
    if (fields != expected) {
      throw new MalformedRow("row has " + (fields < 0 ? "more than " + expected : fields)
          + " fields, expected " + expected);
    }
    this.row = rowBytes;
    java.util.Arrays.fill(isDecoded, false);
    java.util.Arrays.fill(state, (byte) 0);
    out.reset();
    int written = columns.size();
    for (int i = 0; i < written; i++) {
      if (i > 0) {
        out.write(CopyText.TAB);
      }
      RowTransformer t = transformers[i];
      if (t == null) {
        out.write(rowBytes, starts[i], ends[i] - starts[i]);
      } else {
        try {
          CopyText.encode(result(i), out);
        } catch (RuntimeException e) {
          throw new TransformFailure(columns.get(i), e);
        }
      }
    }
    out.write(CopyText.NEWLINE);
    return out;
  }

  @Override
  public String value(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no copied column \"" + column + "\" in this table");
    }
    return field(i);
  }

  @Override
  public String transformed(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no copied column \"" + column + "\" in this table");
    }
    return transformers[i] == null ? field(i) : result(i);
  }

  @Override
  public boolean condition(String sql) {
    Integer i = conditions.get(sql);
    if (i == null) {
      throw new IllegalStateException("condition not sent by the source: " + sql);
    }
    return "t".equals(field(i));
  }

  private String result(int i) {
    if (state[i] == 2) {
      return results[i];
    }
    if (state[i] == 1) {
      throw new IllegalArgumentException("the rules of columns refer to each other in a cycle (via \"" + columns.get(i) + "\")");
    }
    state[i] = 1;
    results[i] = transformers[i].apply(field(i), this);
    state[i] = 2;
    return results[i];
  }

  private String field(int i) {
    if (!isDecoded[i]) {
      decoded[i] = CopyText.decode(row, starts[i], ends[i]);
      isDecoded[i] = true;
    }
    return decoded[i];
  }
}
