package io.pgferry.extractor;

import java.util.List;
import java.util.Set;

/**
 * Any catalog object recreated from SQL text alone: functions, procedures, aggregates, domains, composite
 * and range types, collations, extensions, triggers, event triggers, policies, row-level security
 * switches, comments, grants, owners. Tables, sequences, enums and views have richer records of their
 * own; everything else is this one shape, so a new kind needs a reader and nothing else.
 *
 * @param key the object's portable identity (also what dependencies point at)
 * @param phase {@link Phase#BASE} when tables or loaded data may need it (types, functions used by
 *     defaults/checks), {@link Phase#SEAL} when it must wait for the data (triggers, policies, grants)
 * @param statements the DDL, schema-qualified with an empty search_path (so {@link SchemaMap#rewrite}
 *     can move it), in execution order
 * @param dependsOn keys of other objects this one needs first (from pg_depend), filled by the reader
 */
public record SchemaObject(ObjectKey key, Phase phase, List<String> statements, Set<ObjectKey> dependsOn) {

  /** When an object is created: with the tables, or after the data is loaded. */
  public enum Phase {
    BASE,
    SEAL
  }

  public SchemaObject {
    statements = List.copyOf(statements);
    dependsOn = Set.copyOf(dependsOn);
  }

  public SchemaObject withDependencies(Set<ObjectKey> deps) {
    return new SchemaObject(key, phase, statements, deps);
  }
}
