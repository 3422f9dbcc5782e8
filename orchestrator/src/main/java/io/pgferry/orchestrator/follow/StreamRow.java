package io.pgferry.orchestrator.follow;

import io.pgferry.loader.RowTransformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A streamed row as the clone's transformers see it: original values by column, and other columns' transformed
 * values on demand, so that a followed table is transformed exactly as the copy was.
 */
final class StreamRow implements RowTransformer.Row {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> values;
  private final RowTransformer[] transformers;
  private final String[] results;
  private final byte[] state; // 0 not yet, 1 computing, 2 done

  StreamRow(List<PgOutput.Column> columns, List<String> values, RowTransformer[] transformers) {
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name(), i);
    }
    this.values = values;
    this.transformers = transformers;
    this.results = new String[values.size()];
    this.state = new byte[values.size()];
  }

  /** The row with every transformed column's new value; unchanged (TOASTed, unsent) values stay unchanged. */
  List<String> transformed() {
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = transformers[i] == null || values.get(i) == PgOutput.UNCHANGED ? values.get(i) : result(i);
    }
    return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
  }

  private String result(int i) {
    if (state[i] == 2) {
      return results[i];
    }
    if (state[i] == 1) {
      throw new IllegalStateException("transform rules refer to each other in a cycle");
    }
    state[i] = 1;
    results[i] = transformers[i].apply(original(i), this);
    state[i] = 2;
    return results[i];
  }

  private String original(int i) {
    String v = values.get(i);
    return v == PgOutput.UNCHANGED ? null : v;
  }

  @Override
  public String value(String column) {
    return original(position(column));
  }

  @Override
  public String transformed(String column) {
    int i = position(column);
    return transformers[i] == null ? original(i) : result(i);
  }

  private int position(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no streamed column \"" + column + "\" in this table");
    }
    return i;
  }
}
