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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
   * {@code "expect"}.
   */
  static List<NamedRequest> requests(Json value, JsonPointer at, boolean exactContext) {
    Json.Arr array =
        Members.array(value, at, "\"requests\" must be an array of {\"id\", \"request\"}");
    List<NamedRequest> requests = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Json element : array.elements()) {
      JsonPointer pointer = at.child(requests.size());
      Json.Obj entry =
          Members.object(element, pointer, "each entry of \"requests\" must be an object");
      String id = null;
      Request request = null;
      Decision expected = null;
      for (Json.Member member : entry.members()) {
        JsonPointer memberPointer = pointer.child(member.name());
        switch (member.name()) {
          case "id" -> {
            id = Members.id(member.value(), memberPointer);
            if (!ids.add(id)) {
              throw error(
                  memberPointer,
                  member.value().position(),
                  "request id " + OneLine.quote(id) + " is used twice");
            }
          }
          case "request" -> request = request(member.value(), memberPointer, exactContext);
          case "expect" -> expected = Members.decision(member.value(), memberPointer);
          default ->
              throw Members.unknown(
                  member, memberPointer, ENTRY_MEMBERS, "an entry of \"requests\"");
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
    return requests;
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
    Map<String, String> values = new HashMap<>();
    Map<String, SourcePosition> positions = new HashMap<>();
    for (Json.Member member : object.members()) {
      String name = member.name();
      JsonPointer pointer = at.child(name);
      positions.put(name, member.value().position());
      switch (name) {
        case "principal", "action", "resource", "resourceAccount" ->
            values.put(name, Members.string(member.value(), pointer, name));
        case "context" -> builder.context(context(member.value(), pointer));
        default -> throw Members.unknown(member, pointer, REQUEST_MEMBERS, "a request");
      }
    }
    String principal = values.get("principal");
    String action = values.get("action");
    String resource = values.get("resource");
    if (principal == null || action == null || resource == null) {
      String missing = principal == null ? "principal" : action == null ? "action" : "resource";
      throw error(at, object.position(), "the request has no \"" + missing + "\"");
    }
    try {
      Request.checkPrincipal(principal);
    } catch (IllegalArgumentException e) {
      throw error(
          at.child("principal"),
          positions.getOrDefault("principal", object.position()),
          message(e));
    }
    builder.principal(principal).action(action).resource(resource);
    String account = values.get("resourceAccount");
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
      SourcePosition where = positions.getOrDefault(culprit, object.position());
      throw error(culprit.isEmpty() ? at : at.child(culprit), where, message);
    }
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
      JsonPointer pointer = at.child(member.name());
      try {
        if (member.value() instanceof Json.Arr array) {
          List<String> values = new ArrayList<>();
          for (Json element : array.elements()) {
            values.add(contextValue(element, pointer.child(values.size())));
          }
          builder.put(member.name(), values);
        } else {
          builder.put(member.name(), contextValue(member.value(), pointer));
        }
      } catch (IllegalArgumentException e) {
        throw error(pointer, member.namePosition(), message(e));
      }
    }
    return builder.build();
  }

  /**
   * A context value: a string; numbers and booleans are taken as their JSON text (docs/semantics.md
   * §6.9).
   */
  private static String contextValue(Json value, JsonPointer at) {
    return value
        .scalarText()
        .orElseThrow(
            () ->
                error(
                    at,
                    value.position(),
                    "a context value must be a string (or an array of strings for a multivalued"
                        + " key), got "
                        + value.describe()));
  }
}
