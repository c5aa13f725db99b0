package dev.arbiter.lint.config;

import static dev.arbiter.lint.config.Quoting.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A YAML document read into maps, lists and scalars that keep their positions. */
final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlTree() {}

  sealed interface Node permits MapNode, ListNode, Scalar {
    SourcePosition position();

    /** What the node is, for messages: a map, a list or a value. */
    String kind();
  }

  record Entry(String key, SourcePosition keyPosition, Node value) {}

  record MapNode(Map<String, Entry> entries, SourcePosition position) implements Node {
    @Override
    public String kind() {
      return "a map";
    }
  }

  record ListNode(List<Node> elements, SourcePosition position) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A scalar as written; {@code null} and {@code ~} have {@code isNull}. */
  record Scalar(String text, boolean isNull, SourcePosition position) implements Node {
    @Override
    public String kind() {
      return "a value";
    }
  }

  /**
   * Reads {@code text}; an empty document is an empty map.
   *
   * @throws LintConfigException if it is not YAML or has a duplicate key
   */
  static MapNode read(String text, String source) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new MapNode(Map.of(), new SourcePosition(1, 1));
      }
      Node root = node(parser, source);
      if (!(root instanceof MapNode map)) {
        throw new LintConfigException(
            source, root.position(), "the configuration must be a map of settings");
      }
      return map;
    } catch (JsonProcessingException e) {
      throw new LintConfigException(
          source,
          position(e.getLocation()),
          "not valid YAML: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new LintConfigException(source, new SourcePosition(1, 1), "cannot read: " + e);
    }
  }

  private static Node node(JsonParser parser, String source) throws IOException {
    JsonToken token = parser.currentToken();
    SourcePosition position = position(parser.currentTokenLocation());
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        SourcePosition keyPosition = position(parser.currentTokenLocation());
        parser.nextToken();
        Node value = node(parser, source);
        if (entries.put(key, new Entry(key, keyPosition, value)) != null) {
          throw new LintConfigException(source, keyPosition, "duplicate key " + quote(key));
        }
      }
      return new MapNode(entries, position);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> elements = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        elements.add(node(parser, source));
      }
      return new ListNode(elements, position);
    }
    String text = parser.getText();
    return new Scalar(text == null ? "" : text, token == JsonToken.VALUE_NULL, position);
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "syntax error";
    }
    return message.lines().findFirst().orElse(message);
  }

  private static SourcePosition position(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return new SourcePosition(1, 1);
    }
    return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }
}
