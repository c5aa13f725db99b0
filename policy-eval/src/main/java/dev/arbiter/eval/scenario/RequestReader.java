package dev.arbiter.eval.scenario;

import static dev.arbiter.eval.scenario.Members.error;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a scenario's {@code "request"} or {@code "requests"} (docs/scenario.md, The request). */
final class RequestReader {
  private static final List<String> REQUEST_MEMBERS =
      List.of("principal", "action", "resource", "resourceAccount", "context");
  private static final List<String> ENTRY_MEMBERS = List.of("id", "request", "expect");

  private RequestReader() {}

  /**
   * The entries of {@code "requests"}, each {@code {"id": ..., "request": {...}}}, with an optional
   * {@code "expect"}: those in {@code entries} already and then the elements of {@code value},
   * which must be an array.
   */
  static List<NamedRequest> requests(Json value, Entries entries) {
    Json.Arr array =
        Members.array(value, entries.at, "\"requests\" must be an array of {\"id\", \"request\"}");
    for (Json element : array.elements()) {
      entries.add(element);
    }
    return entries.list();
  }

  /**
   * The entries of a {@code "requests"} array, read one at a time (as they are parsed, for a
   * streamed scenario).
   */
  static final class Entries {
    private final JsonPointer at;
    private final boolean exactContext;
    private final List<NamedRequest> requests = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    /** For the array at {@code at}. */
    Entries(JsonPointer at, boolean exactContext) {
      this.at = at;
      this.exactContext = exactContext;
    }

    /** Reads the next element of the array. */
    void add(Json element) {
      JsonPointer pointer = at.child(requests.size());
      Json.Obj entry =
          Members.object(element, pointer, "each entry of \"requests\" must be an object");
      String id = null;
      Request request = null;
      Decision expected = null;
      for (Json.Member member : entry.members()) {
        String name = member.name();
        switch (name) {
          case "id" -> {
            id = Members.id(member.value(), pointer.child(name));
            if (!ids.add(id)) {
              throw error(
                  pointer.child(name),
                  member.value().position(),
                  "request id " + OneLine.quote(id) + " is used twice");
            }
          }
          case "request" -> request = request(member.value(), pointer.child(name), exactContext);
          case "expect" -> expected = Members.decision(member.value(), pointer.child(name));
          default ->
              throw Members.unknown(
                  member, pointer.child(name), ENTRY_MEMBERS, "an entry of \"requests\"");
        }
      }
      if (id == null || request == null) {
        throw error(
            pointer,
            entry.position(),
            "each entry of \"requests\" needs an \"id\" and a \"request\"");
      }
      requests.add(new NamedRequest(id, request, Optional.ofNullable(expected)));
    }

    /** The entries read so far. */
    List<NamedRequest> list() {
      return requests;
    }
  }

  /**
   * One request object; unless {@code exactContext}, with the keys AWS derives from the caller
   * filled in where the context omits them.
   */
  static Request request(Json value, JsonPointer at, boolean exactContext) {
    Json.Obj object = Members.object(value, at, "a request must be an object");
    Request.Builder builder = Request.builder();
    if (!exactContext) {
      builder.fillPrincipalKeys();
    }
    String principal = null;
    String action = null;
    String resource = null;
    String account = null;
    for (Json.Member member : object.members()) {
      String name = member.name();
      switch (name) {
        case "principal" -> principal = Members.string(member, at);
        case "action" -> action = Members.string(member, at);
        case "resource" -> resource = Members.string(member, at);
        case "resourceAccount" -> account = Members.string(member, at);
        case "context" -> builder.context(context(member.value(), at.child(name)));
        default -> throw Members.unknown(member, at.child(name), REQUEST_MEMBERS, "a request");
      }
    }
    if (principal == null || action == null || resource == null) {
      String missing = principal == null ? "principal" : action == null ? "action" : "resource";
      throw error(at, object.position(), "the request has no \"" + missing + "\"");
    }
    try {
      Request.checkPrincipal(principal);
    } catch (IllegalArgumentException e) {
      throw error(at.child("principal"), position(object, "principal"), message(e));
    }
    builder.principal(principal).action(action).resource(resource);
    if (account != null) {
      builder.resourceAccount(account);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String message = message(e);
      String culprit =
          message.startsWith("resourceAccount")
              ? "resourceAccount"
              : message.startsWith("action") ? "action" : "";
      SourcePosition where = position(object, culprit);
      throw error(culprit.isEmpty() ? at : at.child(culprit), where, message);
    }
  }

  /** Where the value of member {@code name} starts; where the object does, without it. */
  private static SourcePosition position(Json.Obj object, String name) {
    return object.get(name).map(Json::position).orElse(object.position());
  }

  private static String message(Exception e) {
    return String.valueOf(e.getMessage());
  }

  private static RequestContext context(Json value, JsonPointer at) {
    Json.Obj object =
        Members.object(
            value, at, "\"context\" must be an object of condition keys and their values");
    RequestContext.Builder builder = RequestContext.builder();
    for (Json.Member member : object.members()) {
      // Pointers are made only for an error: a file of requests has thousands of keys.
      String key = member.name();
      try {
        if (member.value() instanceof Json.Arr array) {
          List<String> values = new ArrayList<>();
          for (Json element : array.elements()) {
            values.add(contextValue(element, at, key, values.size()));
          }
          builder.put(key, values);
        } else {
          builder.put(key, contextValue(member.value(), at, key, -1));
        }
      } catch (IllegalArgumentException e) {
        throw error(at.child(key), member.namePosition(), message(e));
      }
    }
    return builder.build();
  }

  /**
   * A context value: a string; numbers and booleans are taken as their JSON text (docs/semantics.md
   * §6.9). It is the value of {@code key} in the context at {@code at}, or element {@code index} of
   * it ({@code -1} for a single value).
   */
  private static String contextValue(Json value, JsonPointer at, String key, int index) {
    if (value instanceof Json.Str string) {
      return string.value();
    }
    return value
        .scalarText()
        .orElseThrow(
            () ->
                error(
                    index < 0 ? at.child(key) : at.child(key).child(index),
                    value.position(),
                    "a context value must be a string (or an array of strings for a multivalued"
                        + " key), got "
                        + value.describe()));
  }
}
