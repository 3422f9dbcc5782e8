package io.pgferry.orchestrator.pipeline;

import java.util.List;

/**
 * A YAML node that remembers where it was written. Jackson's JsonNode tree drops locations, and every
 * configuration error must point at a line and column, so the parser reads into this instead.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {
  Location where();

  /** The node's shape with an article, for "must be a mapping, not a list" messages. */
  String shape();

  /** How a scalar resolved in YAML: plain {@code 4} is a NUMBER, {@code "4"} a STRING, {@code ~} NULL. */
  enum Kind {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /** How a scalar was written, needed to map a column inside its value back to the file. */
  enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  /**
   * A scalar after {@code ${VAR}} interpolation.
   *
   * @param interpolated true when interpolation changed the text, so columns inside it no longer match the file
   */
  record Scalar(String text, Kind kind, Style style, boolean interpolated, Location where) implements YamlNode {
    @Override
    public String shape() {
      return switch (kind) {
        case NULL -> "empty";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        case STRING -> "a string";
      };
    }

    boolean isNull() {
      return kind == Kind.NULL;
    }
  }

  record Sequence(List<YamlNode> items, Location where) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String shape() {
      return "a list";
    }
  }

  /** A mapping in file order; keys are unique (the reader rejects duplicates). */
  record Mapping(List<Entry> entries, Location where) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    @Override
    public String shape() {
      return "a mapping";
    }
  }

  /** One key: value pair; the key's location is where "unknown key" errors point. */
  record Entry(String key, Location keyWhere, YamlNode value) {}
}
