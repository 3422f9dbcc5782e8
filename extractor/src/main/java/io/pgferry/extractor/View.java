package io.pgferry.extractor;

import java.util.List;

/**
 * A view or materialized view.
 *
 * @param query text from {@code pg_get_viewdef}, schema-qualified
 * @param dependsOn tables and views this one reads, so creation can follow dependencies
 * @param stubColumns the select list of a placeholder with the view's columns ({@code NULL::type AS name}),
 *     created first when the view reads itself or a view that reads it back: the real query then replaces it
 * @param afterKeys the query relies on a primary key or unique constraint (GROUP BY a key while selecting
 *     other columns), so the view can only be created once the seal added that constraint
 */
public record View(QualifiedName name, String query, boolean materialized, boolean populated, List<String> options,
    List<QualifiedName> dependsOn, List<String> stubColumns, boolean afterKeys) {
  public View {
    options = List.copyOf(options);
    dependsOn = List.copyOf(dependsOn);
    stubColumns = List.copyOf(stubColumns);
  }

  public View(QualifiedName name, String query, boolean materialized, boolean populated, List<String> options,
      List<QualifiedName> dependsOn) {
    this(name, query, materialized, populated, options, dependsOn, List.of(), false);
  }

  /** Whether it reads itself, directly (a self-referencing definition). */
  public boolean readsItself() {
    return dependsOn.contains(name);
  }
}
