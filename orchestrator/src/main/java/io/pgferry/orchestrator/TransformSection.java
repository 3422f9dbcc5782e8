package io.pgferry.orchestrator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code transforms:}: keys {@code [schema.]table.column}, values a transformer name (shorthand for
 * one without options) or a mapping with {@code type} and the transformer's options.
 */
final class TransformSection {
  static final String TYPE = "type";

  private TransformSection() {}

  static List<TransformRule> read(YamlNode node) {
    List<TransformRule> rules = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    for (YamlNode.Entry e : Fields.mapping("'transforms'", node).entries()) {
      List<Identifiers.Part> parts = Identifiers.split(e.key());
      if (parts == null || parts.size() < 2 || parts.size() > 3) {
        throw ConfigErrors.at(e.keyWhere(), "transform key '" + e.key() + "' is not table.column or schema.table.column",
            "quote names with dots or spaces, e.g. \"Order Items\".\"select\"");
      }
      Identifiers.Part columnPart = parts.get(parts.size() - 1);
      if (!columnPart.quoted() && Identifiers.hasWildcard(columnPart.name())) {
        throw ConfigErrors.at(e.keyWhere(), "transform key '" + e.key() + "' has a wildcard in the column name",
            "wildcards are allowed in the schema and table parts only");
      }
      String table = parts.size() == 3
          ? Identifiers.asPattern(parts.get(0)) + "." + Identifiers.asPattern(parts.get(1))
          : Identifiers.asPattern(parts.get(0));
      String problem = TableGlob.problem(table);
      if (problem != null) {
        throw ConfigErrors.at(e.keyWhere(), problem);
      }
      Location first = seen.putIfAbsent(table + "\u0000" + columnPart.name(), e.keyWhere());
      if (first != null) {
        throw ConfigErrors.at(e.keyWhere(), "transform '" + e.key() + "' names the same column as an earlier one",
            "first given at " + first);
      }
      rules.add(rule(table, columnPart.name(), e));
    }
    return rules;
  }

  private static TransformRule rule(String table, String column, YamlNode.Entry e) {
    String label = "transform '" + e.key() + "'";
    YamlNode.Scalar typeNode;
    Map<String, YamlNode.Entry> given = new LinkedHashMap<>();
    if (e.value() instanceof YamlNode.Mapping m) {
      for (YamlNode.Entry option : m.entries()) {
        given.put(option.key(), option);
      }
      YamlNode.Entry type = given.remove(TYPE);
      if (type == null) {
        throw ConfigErrors.at(m.where(), label + " has no 'type'",
            "name a transformer: " + String.join(", ", TransformerCatalog.keys()));
      }
      typeNode = scalarName(label + " type", type.value());
    } else {
      typeNode = scalarName(label, e.value());
    }
    TransformerCatalog transformer = TransformerCatalog.byKey(typeNode.text())
        .orElseThrow(() -> ConfigErrors.unknownOf(typeNode.where(), "transformer", typeNode.text(),
            TransformerCatalog.keys()));
    Map<String, Object> options = new LinkedHashMap<>();
    for (YamlNode.Entry option : given.values()) {
      TransformerCatalog.Option spec = transformer.option(option.key()).orElseThrow(() -> unknownOption(transformer, option));
      options.put(spec.name(), value(transformer, spec, option.value()));
    }
    for (TransformerCatalog.Option spec : transformer.options()) {
      if (!options.containsKey(spec.name())) {
        if (spec.required()) {
          throw ConfigErrors.at(e.value().where(), "transformer '" + transformer.key() + "' needs option '"
              + spec.name() + "'", "write { type: " + transformer.key() + ", " + spec.name() + ": ... }");
        }
        if (spec.defaultValue() != null) {
          options.put(spec.name(), spec.defaultValue());
        }
      }
    }
    return new TransformRule(table, column, transformer.key(), options, e.keyWhere());
  }

  private static YamlNode.Scalar scalarName(String label, YamlNode node) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING && !s.text().isEmpty()) {
      return s;
    }
    throw Fields.mismatch(label, "a transformer name or a mapping with 'type'", node);
  }

  private static PgferryException unknownOption(TransformerCatalog transformer, YamlNode.Entry option) {
    List<String> names = transformer.options().stream().map(TransformerCatalog.Option::name).toList();
    if (names.isEmpty()) {
      return ConfigErrors.at(option.keyWhere(), "transformer '" + transformer.key() + "' takes no options, got '"
          + option.key() + "'");
    }
    return ConfigErrors.unknown(option.keyWhere(), "option", option.key(),
        " of transformer '" + transformer.key() + "'", names);
  }

  private static Object value(TransformerCatalog transformer, TransformerCatalog.Option spec, YamlNode node) {
    String label = "option '" + spec.name() + "' of transformer '" + transformer.key() + "'";
    return switch (spec.type()) {
      case STRING -> {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
          yield s.text(); // an empty constant is a legitimate value
        }
        throw Fields.mismatch(label, spec.describe(), node);
      }
      case INTEGER -> Fields.integer(label, node, spec.min(), spec.max());
      case CHOICE -> {
        if (node instanceof YamlNode.Scalar s && spec.choices().contains(s.text())) {
          yield s.text();
        }
        throw Fields.mismatch(label, spec.describe(), node);
      }
    };
  }
}
