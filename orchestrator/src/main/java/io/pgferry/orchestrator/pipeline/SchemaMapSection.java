package io.pgferry.orchestrator.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code schema_map:}. Names are stored names, taken literally (no folding, no quotes), because
 * they are compared with the catalog as is.
 */
final class SchemaMapSection {
  // PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1), which would map to a surprise name.
  static final int MAX_IDENTIFIER_BYTES = 63;

  private SchemaMapSection() {}

  static Map<String, String> read(YamlNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    Map<String, String> targets = new HashMap<>();
    for (YamlNode.Entry e : Fields.mapping("'schema_map'", node).entries()) {
      check(e.key(), e.keyWhere());
      String target = Fields.string("schema_map target of '" + e.key() + "'", e.value());
      check(target, e.value().where());
      String clash = targets.putIfAbsent(target, e.key());
      if (clash != null) {
        throw ConfigErrors.at(e.value().where(), "schema_map maps both '" + clash + "' and '" + e.key()
            + "' to '" + target + "'", "each target schema can receive one source schema");
      }
      map.put(e.key(), target);
    }
    return map;
  }

  private static void check(String name, Location where) {
    if (name.isBlank()) {
      throw ConfigErrors.at(where, "schema_map has an empty schema name");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
      throw ConfigErrors.at(where, "schema name '" + name + "' in schema_map is longer than "
          + MAX_IDENTIFIER_BYTES + " bytes", "PostgreSQL would truncate it");
    }
    if (name.startsWith("pg_") || name.equals("information_schema")) {
      throw ConfigErrors.at(where, "schema_map cannot map the system schema '" + name + "'");
    }
  }
}
