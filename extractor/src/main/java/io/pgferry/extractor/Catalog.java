package io.pgferry.extractor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the parts of a database's catalog that pgferry rebuilds.
 *
 * @param objects every other object kind, see {@link SchemaObject}
 * @param dependencies for each object, what must exist before it (pg_depend, folded onto DDL-level objects)
 */
public record Catalog(
    int serverVersionNum,
    List<String> schemas,
    List<EnumType> enums,
    List<Sequence> sequences,
    List<Table> tables,
    List<View> views,
    List<SchemaObject> objects,
    Map<ObjectKey, Set<ObjectKey>> dependencies) {

  public Catalog {
    schemas = List.copyOf(schemas);
    enums = List.copyOf(enums);
    sequences = List.copyOf(sequences);
    tables = TableList.of(tables);
    views = List.copyOf(views);
    objects = List.copyOf(objects);
    dependencies = Map.copyOf(dependencies);
  }

  /** Catalog without {@link SchemaObject}s (the object kinds the first version knew). */
  public Catalog(int serverVersionNum, List<String> schemas, List<EnumType> enums, List<Sequence> sequences, List<Table> tables,
      List<View> views) {
    this(serverVersionNum, schemas, enums, sequences, tables, views, List.of(), Map.of());
  }

  /**
   * The same catalog without what changes by merely copying data: size estimates, sequence positions and
   * the server version. Two databases with equal structure have equal {@code structure()}.
   */
  public Catalog structure() {
    List<Table> ts = tables.stream().map(t -> new Table(t.name(), t.columns().stream().map(Column::withoutState).toList(),
        t.constraints(), t.indexes(), t.unlogged(), t.partitioned(), t.partitionKey(), t.partitionBound(), t.parents(), 0, 0)).toList();
    List<Sequence> seqs = sequences.stream()
        .map(s -> new Sequence(s.name(), s.options(), null, s.ownedByTable(), s.ownedByColumn())).toList();
    return new Catalog(0, schemas, enums, seqs, ts, views, objects, dependencies);
  }

  /** A copy with other schemas, tables, views, sequences, enums and objects (dependencies kept). */
  public Catalog with(List<String> schemas, List<EnumType> enums, List<Sequence> sequences, List<Table> tables, List<View> views,
      List<SchemaObject> objects) {
    return new Catalog(serverVersionNum, schemas, enums, sequences, tables, views, objects, dependencies);
  }

  public Optional<Table> table(QualifiedName name) {
    return Optional.ofNullable(((TableList) tables).byName(name));
  }
}
