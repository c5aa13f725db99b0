package dev.arbiter.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A JSON value read by {@link JsonTreeReader}, with the position where it starts. */
sealed interface Json {

  SourcePosition position();

  /** The JSON type name used in messages: object, array, string, number, boolean, null. */
  String typeName();

  record Member(String name, SourcePosition namePosition, Json value) {}

  /** An object, members in document order; names are unique (duplicates are rejected). */
  record Obj(List<Member> members, SourcePosition position) implements Json {
    @Nullable Member member(String name) {
      for (Member member : members) {
        if (member.name().equals(name)) {
          return member;
        }
      }
      return null;
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  record Arr(List<Json> elements, SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "array";
    }
  }

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

  record Bool(boolean value, SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "boolean";
    }
  }

  record Null(SourcePosition position) implements Json {
    @Override
    public String typeName() {
      return "null";
    }
  }
}
