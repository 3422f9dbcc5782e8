package io.pgferry.orchestrator;

import io.pgferry.extractor.PgferryException;

import io.pgferry.extractor.QualifiedName;
import java.util.List;

/**
 * Include/exclude patterns ({@link TableGlob} syntax: on {@code schema.table}, or on the bare table name
 * for a pattern without a dot). An empty include list means everything; exclusion wins.
 */
public record TableSelection(List<TableGlob> include, List<TableGlob> exclude) {
  public TableSelection {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static TableSelection of(List<String> include, List<String> exclude) {
    return new TableSelection(compile(include), compile(exclude));
  }

  public boolean selects(QualifiedName name) {
    boolean in = include.isEmpty() || include.stream().anyMatch(g -> g.matches(name.schema(), name.name()));
    return in && exclude.stream().noneMatch(g -> g.matches(name.schema(), name.name()));
  }

  /** Whether anything is left out at all (then only what the selected tables use is cloned). */
  public boolean filters() {
    return !exclude.isEmpty() || !(include.isEmpty() || include.stream().anyMatch(g -> g.text().equals("*")));
  }

  private static List<TableGlob> compile(List<String> patterns) {
    return patterns.stream().map(p -> {
      String problem = TableGlob.problem(p);
      if (problem != null) {
        throw new PgferryException(PgferryException.Code.USAGE, "bad table pattern '" + p + "': " + problem);
      }
      return TableGlob.compile(p);
    }).toList();
  }
}
