package io.pgferry.orchestrator;

import java.util.List;
import java.util.Optional;

/**
 * Which transform rule of a pipeline applies to a column, with the same precedence a clone uses (the first
 * rule in file order whose table pattern and column name match). Used by {@code scan} to mark findings
 * covered; it never needs a connection.
 */
final class RuleMatcher {
  private record Compiled(TableGlob table, TransformRule rule) {}

  private final List<Compiled> rules;

  private RuleMatcher(List<Compiled> rules) {
    this.rules = rules;
  }

  static RuleMatcher of(Pipeline pipeline) {
    return new RuleMatcher(pipeline.transforms().stream().map(r -> new Compiled(TableGlob.compile(r.tableOrPattern()), r)).toList());
  }

  /**
   * @param typeName the column's type as {@code format_type} prints it (today's rules do not match on type;
   *     the parameter is part of the signature so type rules can)
   */
  Optional<TransformRule> ruleFor(String schema, String table, String column, String typeName) {
    return rules.stream().filter(c -> c.rule().column().equals(column) && c.table().matches(schema, table))
        .map(Compiled::rule).findFirst();
  }
}
