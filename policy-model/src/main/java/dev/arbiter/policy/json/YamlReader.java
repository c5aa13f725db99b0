package dev.arbiter.policy.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads YAML text into the same {@link Json} tree as {@link JsonReader}, positions included, with
 * the same limits and the same rejection of duplicate keys and of more than one document.
 *
 * <p>Scalars keep their text: {@code null}, {@code ~} and an empty value are {@link Json.Null},
 * {@code true} and {@code false} are {@link Json.Bool}, and every other scalar is a {@link
 * Json.Str} as written, so an account ID {@code 012345678901} keeps its leading zero and a version
 * {@code 2012-10-17} stays a string rather than becoming a number or a date.
 */
public final class YamlReader {
  private static final Map<Limits, YAMLFactory> FACTORIES = new ConcurrentHashMap<>();

  private YamlReader() {}

  /**
   * Reads text.
   *
   * @throws JsonReadException if it is not one YAML document within {@code limits}, or is empty
   */
  public static Json read(String text, Limits limits) {
    if (text.length() > limits.maxSize()) {
      throw JsonReader.tooLarge(text.length());
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw JsonReader.atStart(JsonReadException.Kind.BYTE_ORDER_MARK, "");
    }
    JsonParser parser;
    try {
      parser = factory(limits).createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TreeBuilder.read(parser, limits.maxDepth(), YamlReader::scalar);
  }

  private static YAMLFactory factory(Limits limits) {
    return FACTORIES.computeIfAbsent(
        limits,
        l -> YAMLFactory.builder().streamReadConstraints(JsonReader.constraints(l)).build());
  }

  private static Json scalar(JsonParser parser, JsonToken token, SourcePosition position)
      throws IOException {
    return switch (token) {
      case VALUE_TRUE -> new Json.Bool(true, position);
      case VALUE_FALSE -> new Json.Bool(false, position);
      case VALUE_NULL -> new Json.Null(position);
      default -> {
        String text = parser.getText();
        yield new Json.Str(text == null ? "" : text, position);
      }
    };
  }
}
