package io.pgferry.extractor;

import java.util.List;

/**
 * A view or materialized view.
 *
 * @param query text from {@code pg_get_viewdef}, schema-qualified
 * @param dependsOn tables and views this one reads, so creation can follow dependencies
 */
public record View(QualifiedName name, String query, boolean materialized, boolean populated, List<String> options, List<QualifiedName> dependsOn) {
  public View {
    options = List.copyOf(options);
    dependsOn = List.copyOf(dependsOn);
  }
}
