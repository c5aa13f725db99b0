package dev.arbiter.policy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads JSON text into a {@link Json} tree with positions, rejecting byte-order marks, invalid
 * UTF-8, duplicate member names, trailing content, and documents over the {@link Limits}. Positions
 * are 1-based lines and columns counted in UTF-16 characters.
 */
public final class JsonReader {
  /** One factory per limits in use (a handful), so that each keeps its name tables. */
  private static final Map<Limits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

  private JsonReader() {}

  /**
   * Reads UTF-8 bytes.
   *
   * @throws JsonReadException if they are not one JSON value within {@code limits}
   */
  public static Json read(byte[] utf8, Limits limits) {
    if (utf8.length > limits.maxSize()) {
      throw tooLarge(utf8.length);
    }
    if (utf8.length >= 3
        && (utf8[0] & 0xFF) == 0xEF
        && (utf8[1] & 0xFF) == 0xBB
        && (utf8[2] & 0xFF) == 0xBF) {
      throw atStart(JsonReadException.Kind.BYTE_ORDER_MARK, "");
    }
    if (utf8.length >= 2
        && (((utf8[0] & 0xFF) == 0xFE && (utf8[1] & 0xFF) == 0xFF)
            || ((utf8[0] & 0xFF) == 0xFF && (utf8[1] & 0xFF) == 0xFE))) {
      throw atStart(JsonReadException.Kind.UTF16, "");
    }
    return parse(Utf8.decode(utf8), limits);
  }

  /**
   * Reads text.
   *
   * @throws JsonReadException if it is not one JSON value within {@code limits}
   */
  public static Json read(String text, Limits limits) {
    checkText(text, limits);
    return parse(text, limits);
  }

  /**
   * Reads text like {@link #read(String, Limits)}, except that when the root is an object with an
   * array member named {@code member}, each element of that array goes to {@code elements} as soon
   * as it is read, and is not kept: the tree returned has an empty array there. For documents that
   * are mostly one long array (a scenario's thousands of requests), which then never stand in
   * memory as a whole. The elements carry no positions (every one is {@link
   * SourcePosition#UNKNOWN}), nor do the problems found in them; a caller that has to report such a
   * problem precisely reads the text again with {@link #read(String, Limits)}. What {@code
   * elements} throws ends the reading and propagates.
   *
   * @throws JsonReadException if the text is not one JSON value within {@code limits}
   */
  public static Json read(String text, Limits limits, String member, Consumer<Json> elements) {
    checkText(text, limits);
    return TreeBuilder.read(
        parser(text, limits), limits.maxDepth(), JsonReader::scalar, member, elements);
  }

  private static void checkText(String text, Limits limits) {
    if (text.length() > limits.maxSize()) {
      throw tooLarge(text.length());
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw atStart(JsonReadException.Kind.BYTE_ORDER_MARK, "");
    }
  }

  private static Json parse(String text, Limits limits) {
    return TreeBuilder.read(parser(text, limits), limits.maxDepth(), JsonReader::scalar);
  }

  private static JsonParser parser(String text, Limits limits) {
    if (text.isBlank()) {
      throw atStart(JsonReadException.Kind.EMPTY, "");
    }
    try {
      return factory(limits).createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Json scalar(JsonParser parser, JsonToken token, SourcePosition position)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> new Json.Str(parser.getText(), position);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Json.Num(parser.getText(), position);
      case VALUE_TRUE -> new Json.Bool(true, position);
      case VALUE_FALSE -> new Json.Bool(false, position);
      case VALUE_NULL -> new Json.Null(position);
      default -> throw new IllegalStateException("unexpected JSON token " + token);
    };
  }

  /** A factory whose own limits lie beyond ours, so that ours are the ones reported. */
  private static JsonFactory factory(Limits limits) {
    return FACTORIES.computeIfAbsent(
        limits, l -> JsonFactory.builder().streamReadConstraints(constraints(l)).build());
  }

  static StreamReadConstraints constraints(Limits limits) {
    return StreamReadConstraints.builder()
        .maxNestingDepth((int) Math.min(Integer.MAX_VALUE, limits.maxDepth() * 2L))
        .maxNumberLength(1000)
        .maxStringLength(limits.maxSize())
        .build();
  }

  static JsonReadException tooLarge(int size) {
    return atStart(JsonReadException.Kind.TOO_LARGE, Integer.toString(size));
  }

  static JsonReadException atStart(JsonReadException.Kind kind, String detail) {
    return new JsonReadException(kind, JsonPointer.ROOT, new SourcePosition(1, 1), detail);
  }
}
