package dev.arbiter.policy.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

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
   * What a reader does with a tagged value ({@code !Ref name}, {@code !!str 1}): a CloudFormation
   * template reader turns its short forms into the long forms. It may throw an unchecked exception
   * of its own to reject a tag; the reader lets it through.
   */
  @FunctionalInterface
  public interface Tags {
    /**
     * The value to keep for {@code value}, read with tag {@code tag} (without its leading {@code
     * !}; a standard tag in its long form, such as {@code tag:yaml.org,2002:str}).
     *
     * @param pointer where the value sits in the document
     */
    Json tagged(String tag, Json value, JsonPointer pointer);
  }

  /**
   * Reads text.
   *
   * @throws JsonReadException if it is not one YAML document within {@code limits}, or is empty
   */
  public static Json read(String text, Limits limits) {
    return read(text, limits, null);
  }

  /**
   * Reads text, giving every tagged value to {@code tags}, which says what to keep in its place.
   *
   * @throws JsonReadException if it is not one YAML document within {@code limits}, or is empty
   */
  public static Json read(String text, Limits limits, @Nullable Tags tags) {
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
    return TreeBuilder.read(parser, limits.maxDepth(), YamlReader::scalar, tags);
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
