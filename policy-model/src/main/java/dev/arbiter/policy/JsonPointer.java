package dev.arbiter.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 JSON pointer such as {@code /Statement/0/Effect}: the path from the document root to
 * one element.
 *
 * @param tokens the unescaped reference tokens, root first
 */
public record JsonPointer(List<String> tokens) {

  /** The pointer to the whole document. */
  public static final JsonPointer ROOT = new JsonPointer(List.of());

  /** Copies the tokens. */
  public JsonPointer {
    tokens = List.copyOf(tokens);
  }

  /**
   * Parses the textual form.
   *
   * @throws IllegalArgumentException if the text is neither empty nor starts with {@code /}
   */
  public static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return ROOT;
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException("JSON pointer must start with '/': " + text);
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return new JsonPointer(tokens);
  }

  /** The pointer to member {@code name} of the object this pointer addresses. */
  public JsonPointer child(String name) {
    List<String> next = new ArrayList<>(tokens.size() + 1);
    next.addAll(tokens);
    next.add(name);
    return new JsonPointer(next);
  }

  /** The pointer to element {@code index} of the array this pointer addresses. */
  public JsonPointer child(int index) {
    return child(Integer.toString(index));
  }

  /** Returns the RFC 6901 text, for example {@code /Statement/0/Condition/StringLike/s3:prefix}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String token : tokens) {
      out.append('/').append(token.replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }
}
