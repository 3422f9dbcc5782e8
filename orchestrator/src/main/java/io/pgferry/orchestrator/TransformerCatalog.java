package io.pgferry.orchestrator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The transformers a pipeline may name, with their options. This is the one place the parser, the
 * validation messages and docs/pipeline.md take them from; it is meant to be backed by the loader's
 * transformer registry once that exists, without changing its callers.
 */
enum TransformerCatalog {
  SET_NULL("set_null", "Writes NULL. The column must be nullable in the target.", false),
  CONSTANT("constant", "Writes the same value into every row, as text the column's type must accept.",
      false,
      Option.string("value", true, null, "The value to write.")),
  HASH("hash", "Replaces the value with a salted hash of its text form; equal inputs give equal outputs, "
      + "so joins on hashed columns still match. Needs the top-level `salt`.", true,
      Option.integer("length", false, null, 1, 128, "Characters of the encoded hash to keep (default: all of them)."),
      Option.choice("encoding", "hex", List.of("hex", "base64"), "How the hash bytes are written as text."));

  /** The type of an option's value; {@link #describe} is what docs and messages say. */
  enum OptionType {
    STRING,
    INTEGER,
    CHOICE
  }

  /** One option of a transformer, e.g. {@code length} of {@code hash}. */
  record Option(String name, OptionType type, boolean required, Object defaultValue, int min, int max,
      List<String> choices, String description) {
    static Option string(String name, boolean required, String defaultValue, String description) {
      return new Option(name, OptionType.STRING, required, defaultValue, 0, 0, List.of(), description);
    }

    static Option integer(String name, boolean required, Integer defaultValue, int min, int max, String description) {
      return new Option(name, OptionType.INTEGER, required, defaultValue, min, max, List.of(), description);
    }

    static Option choice(String name, String defaultValue, List<String> choices, String description) {
      return new Option(name, OptionType.CHOICE, false, defaultValue, 0, 0, List.copyOf(choices), description);
    }

    /** The accepted values in words, for messages and docs. */
    String describe() {
      return switch (type) {
        case STRING -> "a string";
        case INTEGER -> "an integer from " + min + " to " + max;
        case CHOICE -> "one of " + String.join(", ", choices);
      };
    }
  }

  private final String key;
  private final String description;
  private final boolean needsSalt;
  private final List<Option> options;

  TransformerCatalog(String key, String description, boolean needsSalt, Option... options) {
    this.key = key;
    this.description = description;
    this.needsSalt = needsSalt;
    this.options = List.of(options);
  }

  String key() {
    return key;
  }

  String description() {
    return description;
  }

  boolean needsSalt() {
    return needsSalt;
  }

  List<Option> options() {
    return options;
  }

  Optional<Option> option(String name) {
    return options.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  static Optional<TransformerCatalog> byKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  /** Names in alphabetical order, as listed in "known: ..." messages. */
  static List<String> keys() {
    return Arrays.stream(values()).map(TransformerCatalog::key).sorted().toList();
  }
}
