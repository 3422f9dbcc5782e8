package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.Identifiers;
import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.TableGlob;
import io.pgferry.orchestrator.anonymize.TransformRule;

import io.pgferry.anonymizer.TransformerCatalog;
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

  static final String TYPE_PREFIX = "type:";
  /** Options every rule takes, whatever its transformer. */
  static final String WHEN = "when";
  static final String MODE = "mode";

  static List<TransformRule> read(YamlNode node) {
    return read(node, null);
  }

  static List<TransformRule> read(YamlNode node, SourceText source) {
    List<TransformRule> rules = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    for (YamlNode.Entry e : Fields.mapping("'transforms'", node).entries()) {
      if (e.key().startsWith(TYPE_PREFIX)) {
        String typeName = e.key().substring(TYPE_PREFIX.length()).strip();
        if (typeName.isEmpty()) {
          throw ConfigErrors.at(e.keyWhere(), "transform key '" + e.key() + "' names no type", "write e.g. \"type:inet\"");
        }
        Location first = seen.putIfAbsent(e.key().toLowerCase(java.util.Locale.ROOT), e.keyWhere());
        if (first != null) {
          throw ConfigErrors.at(e.keyWhere(), "transform '" + e.key() + "' names the same type as an earlier one",
              "first given at " + first);
        }
        TransformRule r = rule("*", "*", e, source);
        rules.add(TransformRule.forType(typeName, r.transformer(), r.options(), r.where()));
        continue;
      }
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
      rules.add(rule(table, columnPart.name(), e, source));
    }
    return rules;
  }

  private static TransformRule rule(String table, String column, YamlNode.Entry e, SourceText source) {
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
    YamlNode.Entry when = given.remove(WHEN);
    if (when != null) {
      YamlNode.Scalar cond = sqlText(label + " 'when'", when.value());
      if (source != null) {
        WhereValidator.check("'when' condition of " + label, cond, source, true);
      }
      options.put(WHEN, cond.text().strip());
    }
    YamlNode.Entry mode = given.remove(MODE);
    if (mode != null) {
      if (!(mode.value() instanceof YamlNode.Scalar m) || !List.of("deterministic", "random").contains(m.text())) {
        throw Fields.mismatch(label + " 'mode'", "deterministic or random", mode.value());
      }
      options.put(MODE, m.text());
    }
    if (transformer == TransformerCatalog.SQL && given.get("expression") != null && source != null) {
      YamlNode.Scalar expr = sqlText(label + " 'expression'", given.get("expression").value());
      WhereValidator.check("'expression' of " + label, expr, source, false);
    }
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

  private static YamlNode.Scalar sqlText(String label, YamlNode node) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING && !s.text().isBlank()) {
      return s;
    }
    throw Fields.mismatch(label, "an SQL string", node);
  }

  /** A YAML subtree as plain values (maps, lists, strings, numbers, booleans, null), for nested rules. */
  static Object plain(YamlNode node) {
    if (node instanceof YamlNode.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach(e -> out.put(e.key(), plain(e.value())));
      return out;
    }
    if (node instanceof YamlNode.Sequence q) {
      return q.items().stream().map(TransformSection::plain).toList();
    }
    YamlNode.Scalar s = (YamlNode.Scalar) node;
    return switch (s.kind()) {
      case NULL -> null;
      case BOOLEAN -> Boolean.valueOf(s.text());
      default -> s.text();
    };
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
      case NUMBER -> {
        if (node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
          try {
            yield Double.parseDouble(s.text().strip());
          } catch (NumberFormatException e) {
            // fall through to the mismatch below
          }
        }
        throw Fields.mismatch(label, spec.describe(), node);
      }
      case BOOLEAN -> {
        if (node instanceof YamlNode.Scalar s && (s.text().equals("true") || s.text().equals("false"))) {
          yield Boolean.valueOf(s.text());
        }
        throw Fields.mismatch(label, spec.describe(), node);
      }
      case LIST -> Fields.stringList(label, node).stream().map(Fields.Item::text).toList();
      case MAP -> {
        if (node instanceof YamlNode.Mapping m && !m.entries().isEmpty()) {
          yield plain(m);
        }
        throw Fields.mismatch(label, "a non-empty mapping", node);
      }
      case CHOICE -> {
        if (node instanceof YamlNode.Scalar s && spec.choices().contains(s.text())) {
          yield s.text();
        }
        throw Fields.mismatch(label, spec.describe(), node);
      }
    };
  }
}
