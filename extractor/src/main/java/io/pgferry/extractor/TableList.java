package io.pgferry.extractor;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A catalog's tables, immutable, with a lookup by name: {@link Catalog#table} is called once per table in
 * several places (inheritance, sequence ownership, diffs), and a scan there made 10,000 tables cost 10^8
 * comparisons. Equal to any list with the same tables, as {@link List#copyOf} was.
 */
final class TableList extends AbstractList<Table> implements RandomAccess {
  private final List<Table> tables;
  private final Map<QualifiedName, Table> byName;

  private TableList(List<Table> tables) {
    this.tables = List.copyOf(tables);
    this.byName = HashMap.newHashMap(this.tables.size());
    for (Table t : this.tables) {
      byName.putIfAbsent(t.name(), t); // the first, as a scan would find
    }
  }

  static TableList of(List<Table> tables) {
    return tables instanceof TableList l ? l : new TableList(tables);
  }

  Table byName(QualifiedName name) {
    return byName.get(name);
  }

  @Override
  public Table get(int index) {
    return tables.get(index);
  }

  @Override
  public int size() {
    return tables.size();
  }
}
