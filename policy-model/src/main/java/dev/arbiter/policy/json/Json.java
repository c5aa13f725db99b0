package dev.arbiter.policy.json;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value read by {@link JsonReader} or {@link YamlReader}, with the position where it starts
 * in the document it was read from.
 */
public sealed interface Json {

  /** Where the value starts: its first character, or for YAML its first token. */
  SourcePosition position();

  /** The JSON type name used in messages: object, array, string, number, boolean, null. */
  String typeName();

  /**
   * The type name with its article, for "got ..." in messages: {@code an object}, {@code a string},
   * {@code null}.
   */
  default String describe() {
    String name = typeName();
    if (name.equals("null")) {
      return "null";
    }
    return (name.startsWith("a") || name.startsWith("o") ? "an " : "a ") + name;
  }

  /**
   * The text of a scalar as written: a string's value, a number's literal text, {@code true} or
   * {@code false}. Empty for objects, arrays and null.
   */
  default Optional<String> scalarText() {
    if (this instanceof Str string) {
      return Optional.of(string.value());
    }
    if (this instanceof Num number) {
      return Optional.of(number.text());
    }
    if (this instanceof Bool bool) {
      return Optional.of(Boolean.toString(bool.value()));
    }
    return Optional.empty();
  }

  /**
   * The member that {@code pointer} (relative to this value) names: the last token is a member name
   * and the ones before lead to its object. Empty if there is no such member.
   */
  default Optional<Member> memberAt(JsonPointer pointer) {
    List<String> tokens = pointer.tokens();
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    Json current = this;
    for (String token : tokens.subList(0, tokens.size() - 1)) {
      if (current instanceof Obj object) {
        Member member = object.member(token);
        if (member == null) {
          return Optional.empty();
        }
        current = member.value();
      } else if (current instanceof Arr array
          && token.matches("0|[1-9][0-9]{0,8}")
          && Integer.parseInt(token) < array.elements().size()) {
        current = array.elements().get(Integer.parseInt(token));
      } else {
        return Optional.empty();
      }
    }
    return current instanceof Obj object
        ? Optional.ofNullable(object.member(tokens.get(tokens.size() - 1)))
        : Optional.empty();
  }

  /**
   * A copy of this value with every position (member names included) mapped by {@code move}: for a
   * document read from text inside another file, whose positions are that file's.
   */
  default Json relocated(UnaryOperator<SourcePosition> move) {
    SourcePosition at = move.apply(position());
    if (this instanceof Obj object) {
      List<Member> members = new ArrayList<>(object.members().size());
      for (Member member : object.members()) {
        members.add(
            new Member(
                member.name(), move.apply(member.namePosition()), member.value().relocated(move)));
      }
      return new Obj(members, at);
    }
    if (this instanceof Arr array) {
      List<Json> elements = new ArrayList<>(array.elements().size());
      for (Json element : array.elements()) {
        elements.add(element.relocated(move));
      }
      return new Arr(elements, at);
    }
    if (this instanceof Str string) {
      return new Str(string.value(), at);
    }
    if (this instanceof Num number) {
      return new Num(number.text(), at);
    }
    if (this instanceof Bool bool) {
      return new Bool(bool.value(), at);
    }
    return new Null(at);
  }

  /** A member of an object: its name, where the name starts, and its value. */
  record Member(String name, SourcePosition namePosition, Json value) {}

  /** An object, members in document order; names are unique (duplicates are rejected). */
  record Obj(List<Member> members, SourcePosition position) implements Json {
    /** Copies the list. */
    public Obj {
      members = List.copyOf(members);
    }

    /** The member named {@code name}, or null. */
    public @Nullable Member member(String name) {
      for (Member member : members) {
        if (member.name().equals(name)) {
          return member;
        }
      }
      return null;
    }

    /** The value of member {@code name}, if present. */
    public Optional<Json> get(String name) {
      Member member = member(name);
      return member == null ? Optional.empty() : Optional.of(member.value());
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  /** An array. */
  record Arr(List<Json> elements, SourcePosition position) implements Json {
    /** Copies the list. */
    public Arr {
      elements = List.copyOf(elements);
    }

    @Override
    public String typeName() {
      return "array";
    }
  }

  /** A string; in YAML, every scalar that is not null or a boolean. */
  record Str(String value, SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "string";
    }
  }

  /** A number, kept as written. */
  record Num(String text, SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "number";
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value, SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** {@code null}. */
  record Null(SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "null";
    }
  }
}
