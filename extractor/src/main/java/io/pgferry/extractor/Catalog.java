package io.pgferry.extractor;

import java.util.List;
import java.util.Optional;

/** An immutable snapshot of the parts of a database's catalog that pgferry rebuilds. */
public record Catalog(
    int serverVersionNum,
    List<String> schemas,
    List<EnumType> enums,
    List<Sequence> sequences,
    List<Table> tables,
    List<View> views) {

  public Catalog {
    schemas = List.copyOf(schemas);
    enums = List.copyOf(enums);
    sequences = List.copyOf(sequences);
    tables = List.copyOf(tables);
    views = List.copyOf(views);
  }

  public Optional<Table> table(QualifiedName name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
