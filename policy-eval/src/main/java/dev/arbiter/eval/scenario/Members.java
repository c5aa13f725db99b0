package dev.arbiter.eval.scenario;

import dev.arbiter.eval.Decision;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.internal.Spelling;
import dev.arbiter.policy.json.Json;
import java.util.List;

/** The typed reads and errors that every part of the scenario format shares. */
final class Members {
  private Members() {}

  static ScenarioException error(JsonPointer at, SourcePosition where, String message) {
    return new ScenarioException(at, where, message);
  }

  /** {@code value} as an object, or an error saying {@code message}, then what it got. */
  static Json.Obj object(Json value, JsonPointer at, String message) {
    if (value instanceof Json.Obj object) {
      return object;
    }
    throw error(at, value.position(), message + ", got " + value.describe());
  }

  /** {@code value} as an array, or an error saying {@code message}, then what it got. */
  static Json.Arr array(Json value, JsonPointer at, String message) {
    if (value instanceof Json.Arr array) {
      return array;
    }
    throw error(at, value.position(), message + ", got " + value.describe());
  }

  /** The string of member {@code name}. */
  static String string(Json value, JsonPointer at, String name) {
    if (value instanceof Json.Str string) {
      return string.value();
    }
    throw error(
        at, value.position(), OneLine.quote(name) + " must be a string, got " + value.describe());
  }

  /**
   * The string value of {@code member}, a member of the object at {@code parent}; the member's
   * pointer is only made for the error.
   */
  static String string(Json.Member member, JsonPointer parent) {
    return member.value() instanceof Json.Str string
        ? string.value()
        : string(member.value(), parent.child(member.name()), member.name());
  }

  static boolean bool(Json value, JsonPointer at) {
    if (value instanceof Json.Bool bool) {
      return bool.value();
    }
    throw error(at, value.position(), "must be true or false, got " + value.describe());
  }

  /** An expected decision: {@code "allowed"}, {@code "explicitDeny"} or {@code "implicitDeny"}. */
  static Decision decision(Json value, JsonPointer at) {
    String text = string(value, at, "expect");
    return Decision.fromJson(text)
        .orElseThrow(
            () ->
                error(
                    at,
                    value.position(),
                    "\"expect\" must be \"allowed\", \"explicitDeny\" or \"implicitDeny\", got "
                        + OneLine.quote(text)));
  }

  /** An id: a string, or a number taken as written. */
  static String id(Json value, JsonPointer at) {
    if (value instanceof Json.Str string) {
      return string.value();
    }
    if (value instanceof Json.Num number) {
      return number.text();
    }
    throw error(at, value.position(), "an id must be a string, got " + value.describe());
  }

  /** A member that {@code what} does not have, with the closest known name as a suggestion. */
  static ScenarioException unknown(
      Json.Member member, JsonPointer at, List<String> known, String what) {
    String name = member.name();
    String suggestion =
        Spelling.closest(name, known)
            .map(s -> " (did you mean " + OneLine.quote(s) + "?)")
            .orElse("");
    return error(
        at,
        member.namePosition(),
        "unknown member "
            + OneLine.quote(name)
            + " in "
            + what
            + suggestion
            + "; expected "
            + String.join(", ", known));
  }
}
