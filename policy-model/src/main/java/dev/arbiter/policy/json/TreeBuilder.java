package dev.arbiter.policy.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the tokens of a Jackson parser (JSON or YAML) into a {@link Json} tree with positions,
 * rejecting duplicate names, nesting deeper than the limit and content after the first value.
 */
final class TreeBuilder {

  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

  /** How scalars become values: JSON keeps its types, YAML keeps its text. */
  interface Scalars {
    Json scalar(JsonParser parser, JsonToken token, SourcePosition position) throws IOException;
  }

  private final JsonParser parser;
  private final int maxDepth;
  private final Scalars scalars;
  private final YamlReader.@Nullable Tags tags;
  private final List<JsonReadException.Problem> problems = new ArrayList<>();

  /** The root object's array member whose elements go to {@link #sink}, if any. */
  private final @Nullable String streamed;

  private final @Nullable Consumer<Json> sink;

  /** False while a streamed element is read: its values get {@link SourcePosition#UNKNOWN}. */
  private boolean positions = true;

  /** The names and indexes from the root to the value being read; a pointer only on error. */
  private final List<String> path = new ArrayList<>();

  /** How deep {@link #path} was at the innermost open container, for syntax errors. */
  private int containerDepth;

  private TreeBuilder(
      JsonParser parser,
      int maxDepth,
      Scalars scalars,
      YamlReader.@Nullable Tags tags,
      @Nullable String streamed,
      @Nullable Consumer<Json> sink) {
    this.parser = parser;
    this.maxDepth = maxDepth;
    this.scalars = scalars;
    this.tags = tags;
    this.streamed = streamed;
    this.sink = sink;
  }

  /** Reads the one value of the parser's input. */
  static Json read(JsonParser parser, int maxDepth, Scalars scalars) {
    return read(parser, maxDepth, scalars, null);
  }

  /** Reads the one value of the parser's input, giving every tagged value to {@code tags}. */
  static Json read(
      JsonParser parser, int maxDepth, Scalars scalars, YamlReader.@Nullable Tags tags) {
    return read(new TreeBuilder(parser, maxDepth, scalars, tags, null, null));
  }

  /**
   * Reads the one value of the parser's input, giving each element of the root object's array
   * member {@code streamed} to {@code sink}, without positions, instead of keeping it: see {@link
   * JsonReader#read(String, Limits, String, Consumer)}.
   */
  static Json read(
      JsonParser parser, int maxDepth, Scalars scalars, String streamed, Consumer<Json> sink) {
    return read(new TreeBuilder(parser, maxDepth, scalars, null, streamed, sink));
  }

  private static Json read(TreeBuilder builder) {
    JsonParser parser = builder.parser;
    try (parser) {
      if (parser.nextToken() == null) {
        throw new JsonReadException(
            JsonReadException.Kind.EMPTY, JsonPointer.ROOT, new SourcePosition(1, 1), "");
      }
      Json root = builder.value(1);
      if (parser.nextToken() != null) {
        throw new JsonReadException(
            JsonReadException.Kind.TRAILING_CONTENT, JsonPointer.ROOT, builder.tokenPosition(), "");
      }
      if (!builder.problems.isEmpty()) {
        throw new JsonReadException(builder.problems);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntax(builder.containerPointer(), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof JsonProcessingException cause) {
        throw syntax(builder.containerPointer(), cause);
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory sources do not fail to read
    }
  }

  private static JsonReadException syntax(JsonPointer pointer, JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    String firstLine = message.lines().findFirst().orElse(message);
    return new JsonReadException(
        JsonReadException.Kind.SYNTAX,
        pointer,
        position(e.getLocation()),
        OneLine.of(JACKSON_LOCATION.matcher(firstLine).replaceAll("$1:$2"), 200));
  }

  private JsonPointer containerPointer() {
    return new JsonPointer(path.subList(0, Math.min(containerDepth, path.size())));
  }

  private Json value(int depth) throws IOException {
    // The tag belongs to the event just read (a scalar or a collection's start), so it is taken
    // before the collection's members are read.
    Object id = tags == null ? null : parser.getTypeId();
    String tag = id == null ? null : id.toString();
    Json value = untagged(depth);
    if (tags != null && tag != null) {
      return tags.tagged(tag, value, new JsonPointer(path));
    }
    return value;
  }

  private Json untagged(int depth) throws IOException {
    JsonToken token = parser.currentToken();
    SourcePosition position = tokenPosition();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > maxDepth) {
      throw new JsonReadException(
          JsonReadException.Kind.TOO_DEEP,
          new JsonPointer(path),
          position,
          Integer.toString(maxDepth));
    }
    if (token == JsonToken.START_OBJECT) {
      return object(position, depth);
    }
    if (token == JsonToken.START_ARRAY) {
      return array(position, depth);
    }
    return scalars.scalar(parser, token, position);
  }

  private Json array(SourcePosition position, int depth) throws IOException {
    int outer = containerDepth;
    containerDepth = path.size();
    List<Json> elements = new ArrayList<>();
    Consumer<Json> to = sink;
    if (to != null && depth == 2 && path.size() == 1 && path.get(0).equals(streamed)) {
      // The streamed member: each element read without positions, handed on and not kept.
      positions = false;
      for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
        path.add(Integer.toString(index));
        to.accept(value(depth + 1));
        path.remove(path.size() - 1);
      }
      positions = true;
    } else {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        path.add(Integer.toString(elements.size()));
        elements.add(value(depth + 1));
        path.remove(path.size() - 1);
      }
    }
    containerDepth = outer;
    return new Json.Arr(elements, position);
  }

  private Json object(SourcePosition position, int depth) throws IOException {
    int outer = containerDepth;
    containerDepth = path.size();
    List<Json.Member> members = new ArrayList<>();
    Set<String> names = null; // made once the object is too large to search its members
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      SourcePosition namePosition = tokenPosition();
      parser.nextToken();
      path.add(name);
      Json value = value(depth + 1);
      if (names == null && members.size() >= SCAN_LIMIT) {
        names = new HashSet<>();
        for (Json.Member member : members) {
          names.add(member.name());
        }
      }
      if (names != null ? names.add(name) : !has(members, name)) {
        members.add(new Json.Member(name, namePosition, value));
      } else {
        // IAM rejects duplicate names rather than keeping one of them (docs/semantics.md §1.1).
        problems.add(
            new JsonReadException.Problem(
                JsonReadException.Kind.DUPLICATE_NAME, new JsonPointer(path), namePosition, name));
      }
      path.remove(path.size() - 1);
    }
    containerDepth = outer;
    return new Json.Obj(members, position);
  }

  /** Up to this many members, names are checked for duplicates by a search of the members. */
  private static final int SCAN_LIMIT = 16;

  private static boolean has(List<Json.Member> members, String name) {
    for (Json.Member member : members) {
      if (member.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private SourcePosition tokenPosition() {
    return positions ? position(parser.currentTokenLocation()) : SourcePosition.UNKNOWN;
  }

  /** A Jackson location as a 1-based position; 1:1 when unknown. */
  static SourcePosition position(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return new SourcePosition(1, 1);
    }
    return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }
}
