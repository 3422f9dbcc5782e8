package io.pgferry.orchestrator.pipeline;

import io.pgferry.orchestrator.connect.ConnectionInput;

import java.util.EnumMap;
import java.util.Map;

/** Reads {@code source:} / {@code target:}, written as one URL or keyword string, or as a mapping. */
final class ConnectionSection {
  private ConnectionSection() {}

  static ConnectionInput read(String name, YamlNode node) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
      return new ConnectionInput(Fields.string("'" + name + "'", s), null, null, null, null, null, null);
    }
    if (!(node instanceof YamlNode.Mapping mapping)) {
      throw Fields.mismatch("'" + name + "'", "a connection URL or a mapping of " + keys(), node);
    }
    Fields.checkKeys(mapping, ConnectionKey.values(), "'" + name + "'");
    if (mapping.entries().isEmpty()) {
      throw ConfigErrors.at(mapping.where(), "'" + name + "' names no database",
          "give a url, or host and database");
    }
    Map<ConnectionKey, Object> values = new EnumMap<>(ConnectionKey.class);
    for (YamlNode.Entry e : mapping.entries()) {
      ConnectionKey key = ConnectionKey.valueOf(e.key().toUpperCase(java.util.Locale.ROOT));
      String label = "'" + name + "." + e.key() + "'";
      values.put(key, key == ConnectionKey.PORT
          ? Integer.valueOf(Fields.integer(label, e.value(), 1, 65535))
          : value(key, label, e.value()));
    }
    return new ConnectionInput(
        (String) values.get(ConnectionKey.URL),
        (String) values.get(ConnectionKey.HOST),
        (Integer) values.get(ConnectionKey.PORT),
        (String) values.get(ConnectionKey.DATABASE),
        (String) values.get(ConnectionKey.USER),
        (String) values.get(ConnectionKey.PASSWORD),
        (String) values.get(ConnectionKey.SCHEMA));
  }

  private static String value(ConnectionKey key, String label, YamlNode node) {
    if (key == ConnectionKey.PASSWORD) {
      // Any text, even empty (trust authentication ignores it), and never echoed back in a message.
      if (node instanceof YamlNode.Scalar s && !s.isNull()) {
        return s.text();
      }
      throw ConfigErrors.at(node.where(), label + " must be a string, not " + node.shape());
    }
    return Fields.string(label, node);
  }

  private static String keys() {
    StringBuilder out = new StringBuilder();
    for (ConnectionKey k : ConnectionKey.values()) {
      out.append(out.isEmpty() ? "" : ", ").append(k.key());
    }
    return out.toString();
  }
}
