package io.pgferry.anonymizer;

import io.pgferry.loader.LoadException;
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

  /**
   * A nested rule as written in a configuration: a transformer name, or a mapping with {@code type} and
   * options (e.g. the paths of {@code json}).
   */
  @SuppressWarnings("unchecked")
  static TransformerSpec parse(Object raw, String label) {
    if (raw instanceof String s && !s.isBlank()) {
      return of(s.strip());
    }
    if (raw instanceof Map<?, ?> m && m.get("type") instanceof String type) {
      Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) m);
      options.remove("type");
      return new TransformerSpec(type, options);
    }
    throw new LoadException(LoadException.Reason.CONFIG, null, label + ": expected a transformer name or a mapping with 'type', got " + raw);
  }

  static TransformerSpec of(String name) {
    return new TransformerSpec(name, Map.of());
  }
}
