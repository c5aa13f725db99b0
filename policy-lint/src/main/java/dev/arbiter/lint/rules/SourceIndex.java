package dev.arbiter.lint.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Positions of JSON elements that the policy AST does not keep (the {@code Sid} member, for
 * example), by JSON pointer. Built on first use by a second streaming pass over the text, which
 * only documents that have such findings pay for.
 */
final class SourceIndex {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Where a member's name starts, by the pointer of its value. */
  private final Map<String, SourcePosition> names = new HashMap<>();

  /** Where a value starts, by its pointer. */
  private final Map<String, SourcePosition> values = new HashMap<>();

  private SourceIndex() {}

  /** Indexes {@code json}, which has already been parsed successfully as a policy. */
  static SourceIndex of(String json) {
    SourceIndex index = new SourceIndex();
    try (JsonParser parser = FACTORY.createParser(json)) {
      index.read(parser);
    } catch (IOException e) {
      // The policy parser accepted this text; a failure here leaves the index partial, and
      // findings fall back to the position of the enclosing element.
    }
    return index;
  }

  private void read(JsonParser parser) throws IOException {
    Deque<String> path = new ArrayDeque<>();
    Deque<int[]> arrayIndexes = new ArrayDeque<>();
    Deque<Boolean> inArray = new ArrayDeque<>();
    String pending = "";
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      SourcePosition position = position(parser.currentTokenLocation());
      if (token == JsonToken.FIELD_NAME) {
        pending = path.isEmpty() ? "" : path.peek();
        String pointer = pending + "/" + escape(parser.currentName());
        names.put(pointer, position);
        pending = pointer;
        continue;
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        path.pop();
        inArray.pop();
        if (token == JsonToken.END_ARRAY) {
          arrayIndexes.pop();
        }
        continue;
      }
      String pointer;
      if (!inArray.isEmpty() && inArray.peek()) {
        int[] counter = arrayIndexes.peek();
        pointer = path.peek() + "/" + counter[0]++;
      } else if (inArray.isEmpty()) {
        pointer = "";
      } else {
        pointer = pending;
      }
      values.put(pointer, position);
      if (token == JsonToken.START_OBJECT) {
        path.push(pointer);
        inArray.push(false);
      } else if (token == JsonToken.START_ARRAY) {
        path.push(pointer);
        inArray.push(true);
        arrayIndexes.push(new int[] {0});
      }
    }
  }

  /** Where the member named by the last token of {@code pointer} starts (its name). */
  Optional<SourcePosition> name(JsonPointer pointer) {
    return Optional.ofNullable(names.get(pointer.toString()));
  }

  /** Where the value at {@code pointer} starts. */
  Optional<SourcePosition> value(JsonPointer pointer) {
    return Optional.ofNullable(values.get(pointer.toString()));
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static SourcePosition position(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return new SourcePosition(1, 1);
    }
    return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }
}
