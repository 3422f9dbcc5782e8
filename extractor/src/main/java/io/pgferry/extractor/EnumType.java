package io.pgferry.extractor;

import java.util.List;

/** An enum type with its labels in sort order. */
public record EnumType(QualifiedName name, List<String> labels) {
  public EnumType {
    labels = List.copyOf(labels);
  }
}
