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
 * {@code true} and {@code false} are {@link Json.Bool}, and every other scalar ({@code off} and
 * {@code yes} included) is a {@link Json.Str} as written, so an account ID {@code 012345678901}
 * keeps its leading zero and a version {@code 2012-10-17} stays a string rather than becoming a
 * number or a date.
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
    if (token == JsonToken.VALUE_NULL) {
      return new Json.Null(position);
    }
    String text = parser.getText();
    if (text == null) {
      text = "";
    }
    // YAML 1.1 also reads yes, no, on and off as booleans; those keep their text.
    if (token == JsonToken.VALUE_TRUE && text.equals("true")) {
      return new Json.Bool(true, position);
    }
    if (token == JsonToken.VALUE_FALSE && text.equals("false")) {
      return new Json.Bool(false, position);
    }
    return new Json.Str(text, position);
  }
}
