package io.pgferry.loader;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A transformer as configured by a user: a built-in name plus options (see {@link Transformers}).
 *
 * @param options option values as parsed from the configuration (strings, numbers, booleans); null values
 *     are kept because {@code constant} uses {@code value: null} to mean SQL NULL
 */
public record TransformerSpec(String name, Map<String, Object> options) {
  public TransformerSpec {
    Objects.requireNonNull(name, "name");
    // Map.copyOf would reject the null values a user may legitimately write
    options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public static TransformerSpec of(String name) {
    return new TransformerSpec(name, Map.of());
  }
}
