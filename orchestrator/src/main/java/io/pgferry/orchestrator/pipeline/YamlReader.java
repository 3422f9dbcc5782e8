package io.pgferry.orchestrator.pipeline;

import io.pgferry.extractor.PgferryException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one YAML document with Jackson's streaming parser into located {@link YamlNode}s, interpolating
 * scalar values (not keys) on the way. Rejects what the configuration never needs and would only make
 * errors confusing: duplicate keys, aliases, several documents, and a root that is not a mapping.
 */
final class YamlReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final String file;
  private final SourceText source;
  private final Map<String, String> env;
  private final YAMLParser parser;

  private YamlReader(String file, SourceText source, Map<String, String> env, YAMLParser parser) {
    this.file = file;
    this.source = source;
    this.env = env;
    this.parser = parser;
  }

  static YamlNode.Mapping read(String file, SourceText source, Map<String, String> env) {
    try (YAMLParser parser = FACTORY.createParser(source.text())) {
      YamlReader reader = new YamlReader(file, source, env, parser);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw ConfigErrors.at(new Location(file, 1, 1), "pipeline file is empty",
            "it needs at least 'source' and 'target'");
      }
      YamlNode root = reader.node(first);
      if (!(root instanceof YamlNode.Mapping mapping)) {
        throw ConfigErrors.at(root.where(), "a pipeline must be a mapping of keys, not " + root.shape());
      }
      if (parser.nextToken() != null) {
        throw ConfigErrors.at(reader.location(parser.currentTokenLocation()),
            "a pipeline file holds one YAML document, found a second one");
      }
      return mapping;
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e);
    } catch (YAMLException e) {
      // Not wrapped by Jackson, e.g. the document size limit.
      throw ConfigErrors.at(new Location(file, 1, 1), "unreadable YAML: " + oneLine(e.getMessage()));
    } catch (IOException e) {
      throw new PgferryException(PgferryException.Code.CONFIG, "cannot read pipeline " + file + ": " + e.getMessage(), e);
    }
  }

  private YamlNode node(JsonToken token) throws IOException {
    Location where = location(parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      throw ConfigErrors.at(where, "YAML aliases (*" + parser.getText() + ") are not supported", "repeat the value");
    }
    return switch (token) {
      case START_OBJECT -> mapping(where);
      case START_ARRAY -> sequence(where);
      case VALUE_NULL -> scalar(YamlNode.Kind.NULL, where);
      case VALUE_TRUE, VALUE_FALSE -> scalar(YamlNode.Kind.BOOLEAN, where);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(YamlNode.Kind.NUMBER, where);
      default -> scalar(YamlNode.Kind.STRING, where);
    };
  }

  private YamlNode.Scalar scalar(YamlNode.Kind kind, Location where) throws IOException {
    String raw = kind == YamlNode.Kind.NULL ? "" : parser.getText();
    String text = PipelineInterpolation.apply(raw, env, where);
    boolean changed = !text.equals(raw);
    return new YamlNode.Scalar(text, changed && kind != YamlNode.Kind.STRING ? YamlNode.Kind.STRING : kind,
        source.styleAt(where.line(), where.column()), changed, where);
  }

  private YamlNode.Sequence sequence(Location where) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      items.add(node(t));
    }
    return new YamlNode.Sequence(items, where);
  }

  private YamlNode.Mapping mapping(Location where) throws IOException {
    List<YamlNode.Entry> entries = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String key = parser.currentName();
      Location keyWhere = location(parser.currentTokenLocation());
      Location first = seen.putIfAbsent(key, keyWhere);
      if (first != null) {
        throw ConfigErrors.at(keyWhere, "duplicate key '" + key + "'", "first given at " + first);
      }
      entries.add(new YamlNode.Entry(key, keyWhere, node(parser.nextToken())));
    }
    return new YamlNode.Mapping(entries, where);
  }

  private Location location(JsonLocation l) {
    return new Location(file, l.getLineNr(), l.getColumnNr());
  }

  /** SnakeYAML's own problem mark is where the mistake is; Jackson's location is where the token began. */
  private static PgferryException syntaxError(String file, JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      return ConfigErrors.at(new Location(file, mark.getLine() + 1, mark.getColumn() + 1),
          "YAML syntax error: " + oneLine(marked.getProblem()));
    }
    JsonLocation l = e.getLocation();
    Location where = l == null ? new Location(file, 1, 1) : new Location(file, l.getLineNr(), l.getColumnNr());
    return ConfigErrors.at(where, "YAML syntax error: " + oneLine(e.getOriginalMessage()));
  }

  private static String oneLine(String message) {
    String first = message == null ? "unreadable input" : message.strip().lines().findFirst().orElse("");
    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
  }
}
