package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed reads of located YAML nodes. Every failure is "'name' must be EXPECTED, not ACTUAL at file:l:c",
 * naming the value the user wrote, so the fix is obvious without opening the docs.
 */
final class Fields {
  private Fields() {}

  static PgferryException mismatch(String name, String expected, YamlNode actual) {
    return ConfigErrors.at(actual.where(), name + " must be " + expected + ", not " + describe(actual));
  }

  static String describe(YamlNode node) {
    return node instanceof YamlNode.Scalar s && !s.isNull() ? "'" + s.text() + "'" : node.shape();
  }

  /** Rejects keys the section does not know, suggesting the nearest known one. */
  static void checkKeys(YamlNode.Mapping mapping, ConfigKey[] known, String section) {
    List<String> names = Arrays.stream(known).map(ConfigKey::key).toList();
    for (YamlNode.Entry e : mapping.entries()) {
      if (!names.contains(e.key())) {
        throw ConfigErrors.unknown(e.keyWhere(), "key", e.key(), section.isEmpty() ? "" : " in " + section, names);
      }
    }
  }

  static YamlNode.Mapping mapping(String name, YamlNode node) {
    if (node instanceof YamlNode.Mapping m) {
      return m;
    }
    throw mismatch(name, "a mapping", node);
  }

  /** A non-empty string; numbers and booleans are taken as written ({@code value: 42} is "42"). */
  static boolean bool(String name, YamlNode v) {
    if (v instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
      return Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
    }
    throw mismatch(name, "true or false", v);
  }

  static String string(String name, YamlNode node) {
    if (node instanceof YamlNode.Scalar s && !s.isNull()) {
      if (s.text().isEmpty()) {
        throw ConfigErrors.at(s.where(), name + " must not be empty");
      }
      return s.text();
    }
    throw mismatch(name, "a string", node);
  }

  static int integer(String name, YamlNode node, int min, int max) {
    String expected = "an integer from " + min + " to " + max;
    if (node instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Kind.NUMBER || s.kind() == YamlNode.Kind.STRING)) {
      try {
        int value = Integer.parseInt(s.text().strip());
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // falls through to the one message for every bad value
      }
    }
    throw mismatch(name, expected, node);
  }

  /** A list of strings written as a YAML list or as one comma-separated string ({@code "a, b"}). */
  static List<Item> stringList(String name, YamlNode node) {
    List<Item> items = new ArrayList<>();
    if (node instanceof YamlNode.Sequence seq) {
      for (YamlNode item : seq.items()) {
        items.add(new Item(string(name + " entries", item), item.where()));
      }
    } else if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
      for (String part : s.text().split(",", -1)) {
        if (part.isBlank()) {
          throw ConfigErrors.at(s.where(), name + " has an empty entry in '" + s.text() + "'");
        }
        items.add(new Item(part.strip(), s.where()));
      }
    } else {
      throw mismatch(name, "a list or a comma-separated string", node);
    }
    return items;
  }

  /** One list entry with the location it came from. */
  record Item(String text, Location where) {}
}
