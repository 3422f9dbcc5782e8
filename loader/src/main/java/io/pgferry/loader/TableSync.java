package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.Table;
import java.util.List;
import java.util.Objects;

/**
 * One table to sync, already checked against the target by the caller.
 *
 * @param table the source table
 * @param target the target table (same column names for {@code columns})
 * @param columns the columns whose values travel, in order; columns left out keep the target's values (on
 *     insert: its defaults, e.g. an identity)
 * @param key primary key columns, in key order; empty only in {@link SyncMode#FULL}
 * @param timestampColumn the high-water-mark column of {@link SyncMode#TIMESTAMP}, else null
 * @param delete also remove target rows whose key is gone from the source
 */
public record TableSync(
    Table table, QualifiedName target, SyncMode mode, List<String> columns, List<String> key, String timestampColumn,
    boolean delete) {

  public TableSync {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(mode, "mode");
    target = target == null ? table.name() : target;
    columns = List.copyOf(columns);
    key = List.copyOf(key);
    if (columns.isEmpty()) {
      throw config(table, "no column to sync");
    }
    if (mode != SyncMode.FULL && key.isEmpty()) {
      throw config(table, mode.label() + " mode needs a primary key");
    }
    if (mode != SyncMode.FULL && !columns.containsAll(key)) {
      throw config(table, "the key columns " + key + " must be synced");
    }
    if (mode == SyncMode.TIMESTAMP && (timestampColumn == null || !columns.contains(timestampColumn))) {
      throw config(table, "timestamp mode needs its timestamp column among the synced columns");
    }
    if (delete && key.isEmpty()) {
      throw config(table, "deleting needs a primary key");
    }
  }

  private static LoadException config(Table t, String problem) {
    return new LoadException(LoadException.Reason.CONFIG, t.name(), "cannot sync " + t.name() + ": " + problem);
  }
}
