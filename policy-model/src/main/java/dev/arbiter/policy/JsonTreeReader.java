package dev.arbiter.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads JSON text into a {@link Json} tree with positions, rejecting what IAM rejects: byte-order
 * marks, invalid UTF-8, duplicate member names, trailing content, and (as our own limits) documents
 * over {@link Policy#MAX_DOCUMENT_BYTES} and nesting deeper than {@link #MAX_DEPTH}.
 */
final class JsonTreeReader {

  /** Policies nest about six levels deep; anything far deeper is not a policy. */
  static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH * 2)
                  .maxNumberLength(1000)
                  .maxStringLength(Policy.MAX_DOCUMENT_BYTES)
                  .build())
          .build();

  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  private final JsonParser parser;
  private final List<PolicyProblem> problems = new ArrayList<>();

  /** The object or array being read, for the pointer of a syntax error inside it. */
  private JsonPointer container = JsonPointer.ROOT;

  private JsonTreeReader(JsonParser parser) {
    this.parser = parser;
  }

  static Json read(byte[] utf8) {
    if (utf8.length > Policy.MAX_DOCUMENT_BYTES) {
      throw tooLarge(utf8.length);
    }
    if (utf8.length >= 3
        && (utf8[0] & 0xFF) == 0xEF
        && (utf8[1] & 0xFF) == 0xBB
        && (utf8[2] & 0xFF) == 0xBF) {
      throw bom();
    }
    if (utf8.length >= 2
        && (((utf8[0] & 0xFF) == 0xFE && (utf8[1] & 0xFF) == 0xFF)
            || ((utf8[0] & 0xFF) == 0xFF && (utf8[1] & 0xFF) == 0xFE))) {
      throw syntax(
          new SourcePosition(1, 1),
          "document is UTF-16 (it starts with a UTF-16 byte-order mark); IAM policies are UTF-8");
    }
    return parseText(decodeUtf8(utf8));
  }

  static Json read(String text) {
    if (text.length() > Policy.MAX_DOCUMENT_BYTES) {
      throw tooLarge(text.length());
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw bom();
    }
    return parseText(text);
  }

  private static Json parseText(String text) {
    if (text.isBlank()) {
      throw syntax(new SourcePosition(1, 1), "document is empty; a policy is a JSON object");
    }
    JsonTreeReader reader = null;
    try (JsonParser parser = FACTORY.createParser(text)) {
      reader = new JsonTreeReader(parser);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw syntax(new SourcePosition(1, 1), "document is empty; a policy is a JSON object");
      }
      Json root = reader.value(JsonPointer.ROOT, 1);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw syntax(
            reader.tokenPosition(),
            "unexpected content after the end of the policy object; a file holds one policy");
      }
      if (!reader.problems.isEmpty()) {
        throw new PolicyParseException(reader.problems);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonPointer pointer = reader == null ? JsonPointer.ROOT : reader.container;
      throw syntax(pointer, position(e.getLocation()), cleanMessage(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does not fail to read
    }
  }

  private Json value(JsonPointer pointer, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    SourcePosition position = tokenPosition();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
      throw new PolicyParseException(
          List.of(
              new PolicyProblem(
                  "JSON_SYNTAX_ERROR",
                  SourceLocation.of(pointer, position),
                  "JSON nests deeper than " + MAX_DEPTH + " levels; a policy needs about six")));
    }
    return switch (token) {
      case START_OBJECT -> object(pointer, position, depth);
      case START_ARRAY -> array(pointer, position, depth);
      case VALUE_STRING -> new Json.Str(parser.getText(), position);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Json.Num(parser.getText(), position);
      case VALUE_TRUE -> new Json.Bool(true, position);
      case VALUE_FALSE -> new Json.Bool(false, position);
      case VALUE_NULL -> new Json.Null(position);
      default -> throw new IllegalStateException("unexpected JSON token " + token);
    };
  }

  private Json array(JsonPointer pointer, SourcePosition position, int depth) throws IOException {
    JsonPointer outer = container;
    container = pointer;
    List<Json> elements = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      elements.add(value(pointer.child(elements.size()), depth + 1));
    }
    container = outer;
    return new Json.Arr(elements, position);
  }

  private Json object(JsonPointer pointer, SourcePosition position, int depth) throws IOException {
    JsonPointer outer = container;
    container = pointer;
    List<Json.Member> members = new ArrayList<>();
    Set<String> names = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      SourcePosition namePosition = tokenPosition();
      parser.nextToken();
      Json value = value(pointer.child(name), depth + 1);
      if (names.add(name)) {
        members.add(new Json.Member(name, namePosition, value));
      } else {
        // IAM rejects duplicate names rather than keeping one of them (docs/semantics.md §1.1).
        problems.add(
            new PolicyProblem(
                "JSON_SYNTAX_ERROR",
                SourceLocation.of(pointer.child(name), namePosition),
                "duplicate member "
                    + Text.quote(name)
                    + "; each name may appear once in an object"));
      }
    }
    container = outer;
    return new Json.Obj(members, position);
  }

  private SourcePosition tokenPosition() {
    return position(parser.currentTokenLocation());
  }

  private static SourcePosition position(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return new SourcePosition(1, 1);
    }
    return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  private static String decodeUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      throw syntax(
          positionAfter(out),
          "invalid UTF-8 at byte " + (in.position() + 1) + "; IAM policies are UTF-8 text");
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  /** The line and column just after {@code text}. */
  private static SourcePosition positionAfter(CharSequence text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourcePosition(line, column);
  }

  private static String cleanMessage(String message) {
    String firstLine = message.lines().findFirst().orElse(message);
    return Text.clip(JACKSON_LOCATION.matcher(firstLine).replaceAll("$1:$2"), 200);
  }

  private static PolicyParseException syntax(SourcePosition position, String message) {
    return syntax(JsonPointer.ROOT, position, message);
  }

  private static PolicyParseException syntax(
      JsonPointer pointer, SourcePosition position, String message) {
    return new PolicyParseException(
        List.of(
            new PolicyProblem("JSON_SYNTAX_ERROR", SourceLocation.of(pointer, position), message)));
  }

  private static PolicyParseException bom() {
    return syntax(
        new SourcePosition(1, 1),
        "document starts with a byte-order mark; save it as UTF-8 without a BOM");
  }

  private static PolicyParseException tooLarge(int size) {
    return syntax(
        new SourcePosition(1, 1),
        "document is "
            + size
            + " bytes; the limit is "
            + Policy.MAX_DOCUMENT_BYTES
            + " (the largest policy IAM accepts is far smaller)");
  }
}
