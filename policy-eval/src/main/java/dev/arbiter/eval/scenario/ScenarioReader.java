package dev.arbiter.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.Spelling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads scenarios and conformance cases (docs/scenario.md) with Jackson's streaming parser, so
 * every element has a position. Each embedded policy document is cut out of the text and handed to
 * {@link Policy#parse(String)}, padded so that the policy's own positions are positions in the
 * scenario file.
 */
final class ScenarioReader {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private static final List<String> SCENARIO_MEMBERS =
      List.of(
          "request",
          "requests",
          "identityPolicies",
          "resourcePolicy",
          "permissionsBoundaries",
          "sessionPolicies",
          "serviceControlPolicies",
          "resourceControlPolicies",
          "principalAccountIsManagement",
          "resourceAccountIsManagement",
          "principalIsServiceLinkedRole",
          "description");
  private static final List<String> REQUEST_MEMBERS =
      List.of("principal", "action", "resource", "resourceAccount", "context");
  private static final List<String> CASE_MEMBERS = List.of("id", "source", "scenario", "expect");

  /** Where a policy came from: its pointer and how its positions map to the scenario's. */
  private record Origin(JsonPointer pointer, int lineShift, int columnShift) {}

  private final String text;
  private final JsonParser parser;
  private final Map<String, Origin> origins = new HashMap<>();
  private final Map<String, Policy> namedDocuments = new HashMap<>();

  private ScenarioReader(String text, JsonParser parser) {
    this.text = text;
    this.parser = parser;
  }

  /** Reads a whole scenario document. */
  static Scenario scenario(String json) {
    return run(
        json,
        reader -> {
          reader.expectRoot();
          Scenario scenario = reader.readScenario(JsonPointer.ROOT);
          reader.expectEnd();
          return scenario;
        });
  }

  /** Reads one conformance case line. */
  static ScenarioCase scenarioCase(String json) {
    return run(
        json,
        reader -> {
          reader.expectRoot();
          ScenarioCase result = reader.readCase();
          reader.expectEnd();
          return result;
        });
  }

  static Optional<String> peekId(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("id") && value == JsonToken.VALUE_STRING) {
          return Optional.of(parser.getText());
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private interface Body<T> {
    T read(ScenarioReader reader) throws IOException;
  }

  private static <T> T run(String json, Body<T> body) {
    if (json.isBlank()) {
      throw new ScenarioException(
          JsonPointer.ROOT, new SourcePosition(1, 1), "the input is empty; expected a JSON object");
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      return body.read(new ScenarioReader(json, parser));
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (UncheckedIOException e) {
      // Jackson reads a string lazily, so a malformed one fails in getText(), wrapped below.
      if (e.getCause() instanceof JsonProcessingException cause) {
        throw invalidJson(cause);
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does not fail to read
    }
  }

  private static ScenarioException invalidJson(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    message = message.lines().findFirst().orElse(message);
    return new ScenarioException(
        JsonPointer.ROOT, position(e.getLocation()), "invalid JSON: " + message);
  }

  // ---------------------------------------------------------------------------------------------
  // Scenario

  private Scenario readScenario(JsonPointer at) throws IOException {
    SourcePosition objectPosition = position();
    PolicySet.Builder builder = PolicySet.builder();
    NamedPolicy resourcePolicy = null;
    List<NamedRequest> requests = null;
    boolean list = false;
    Set<String> seen = new HashSet<>();
    while (next() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      SourcePosition namePosition = position();
      JsonPointer pointer = at.child(name);
      if (!seen.add(name)) {
        throw error(pointer, namePosition, "duplicate member \"" + name + "\"");
      }
      next();
      switch (name) {
        case "request" -> {
          if (seen.contains("requests")) {
            throw error(
                pointer, namePosition, "a scenario has \"request\" or \"requests\", not both");
          }
          requests = List.of(new NamedRequest("", readRequest(pointer)));
        }
        case "requests" -> {
          if (seen.contains("request")) {
            throw error(
                pointer, namePosition, "a scenario has \"request\" or \"requests\", not both");
          }
          requests = readRequests(pointer);
          list = true;
        }
        case "identityPolicies" -> readPolicies(pointer, name).forEach(builder::identityPolicy);
        case "resourcePolicy" -> {
          if (parser.currentToken() != JsonToken.VALUE_NULL) {
            resourcePolicy = readPolicy(pointer, name);
          }
        }
        case "permissionsBoundaries" -> {
          List<NamedPolicy> boundaries = readPolicies(pointer, name);
          if (boundaries.size() > 1) {
            throw error(
                pointer.child(1),
                namePosition,
                "an IAM user or role has at most one permissions boundary; got "
                    + boundaries.size());
          }
          boundaries.forEach(builder::permissionsBoundary);
        }
        case "sessionPolicies" -> readPolicies(pointer, name).forEach(builder::sessionPolicy);
        case "serviceControlPolicies" ->
            readLevels(pointer, name).forEach(builder::serviceControlPolicyLevel);
        case "resourceControlPolicies" ->
            readLevels(pointer, name).forEach(builder::resourceControlPolicyLevel);
        case "principalAccountIsManagement" ->
            builder.principalAccountIsManagement(readBoolean(pointer));
        case "resourceAccountIsManagement" ->
            builder.resourceAccountIsManagement(readBoolean(pointer));
        case "principalIsServiceLinkedRole" ->
            builder.principalIsServiceLinkedRole(readBoolean(pointer));
        case "description" -> readString(pointer, name);
        default -> throw unknownMember(pointer, namePosition, name, SCENARIO_MEMBERS, "a scenario");
      }
    }
    if (requests == null) {
      throw error(at, objectPosition, "the scenario has neither \"request\" nor \"requests\"");
    }
    if (resourcePolicy != null) {
      builder.resourcePolicy(resourcePolicy, resourcePolicyType(resourcePolicy, requests));
    }
    PolicySet policies = builder.build();
    return new Scenario(policies, compile(policies), requests, list);
  }

  /**
   * The type the resource policy is validated as: a trust policy when the scenario's requests are
   * all {@code sts:AssumeRole*} on a role (§9.5), a resource-based policy when none is; for a mix,
   * the policy's own shape decides.
   */
  private static PolicyType resourcePolicyType(NamedPolicy policy, List<NamedRequest> requests) {
    long trust = requests.stream().filter(r -> Flow.isTrustRequest(r.request())).count();
    if (trust == requests.size() && trust > 0) {
      return PolicyType.TRUST;
    }
    if (trust == 0) {
      return PolicyType.RESOURCE;
    }
    return PolicySet.inferType(policy.policy());
  }

  private Evaluator compile(PolicySet policies) {
    try {
      return Evaluator.of(policies);
    } catch (InvalidPolicyException e) {
      Origin origin = origins.get(e.policyName());
      PolicyProblem problem = e.problems().get(0);
      JsonPointer base = origin == null ? JsonPointer.ROOT : origin.pointer();
      throw new ScenarioException(
          concat(base, problem.pointer()),
          shift(problem.position(), origin),
          problem.message()
              + " ["
              + problem.code()
              + "; "
              + e.policyName()
              + " read as "
              + article(e.policyType())
              + " policy]");
    }
  }

  private static String article(PolicyType type) {
    String name =
        switch (type) {
          case PERMISSIONS_BOUNDARY -> "permissions boundary";
          case SCP -> "SCP";
          case RCP -> "RCP";
          default -> type.cliName();
        };
    return (name.startsWith("i") || name.startsWith("R") || name.startsWith("S") ? "an " : "a ")
        + name;
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private List<NamedRequest> readRequests(JsonPointer at) throws IOException {
    expect(JsonToken.START_ARRAY, at, "\"requests\" must be an array of {\"id\", \"request\"}");
    List<NamedRequest> requests = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    while (next() != JsonToken.END_ARRAY) {
      JsonPointer pointer = at.child(requests.size());
      SourcePosition entryPosition = position();
      expect(JsonToken.START_OBJECT, pointer, "each entry of \"requests\" must be an object");
      String id = null;
      Request request = null;
      Set<String> seen = new HashSet<>();
      while (next() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        SourcePosition namePosition = position();
        JsonPointer member = pointer.child(name);
        if (!seen.add(name)) {
          throw error(member, namePosition, "duplicate member \"" + name + "\"");
        }
        next();
        switch (name) {
          case "id" -> {
            id = readId(member);
            if (!ids.add(id)) {
              throw error(member, position(), "request id \"" + id + "\" is used twice");
            }
          }
          case "request" -> request = readRequest(member);
          default ->
              throw unknownMember(
                  member, namePosition, name, List.of("id", "request"), "an entry of \"requests\"");
        }
      }
      if (id == null || request == null) {
        throw error(
            pointer, entryPosition, "each entry of \"requests\" needs an \"id\" and a \"request\"");
      }
      requests.add(new NamedRequest(id, request));
    }
    return requests;
  }

  private String readId(JsonPointer at) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING
        || token == JsonToken.VALUE_NUMBER_INT
        || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getText();
    }
    throw error(at, position(), "an id must be a string, got " + describe(token));
  }

  private Request readRequest(JsonPointer at) throws IOException {
    SourcePosition objectPosition = position();
    expect(JsonToken.START_OBJECT, at, "a request must be an object");
    Request.Builder builder = Request.builder();
    Map<String, SourcePosition> positions = new HashMap<>();
    Map<String, String> values = new HashMap<>();
    while (next() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      SourcePosition namePosition = position();
      JsonPointer member = at.child(name);
      if (positions.containsKey(name)) {
        throw error(member, namePosition, "duplicate member \"" + name + "\"");
      }
      next();
      positions.put(name, position());
      switch (name) {
        case "principal", "action", "resource", "resourceAccount" ->
            values.put(name, readString(member, name));
        case "context" -> builder.context(readContext(member));
        default -> throw unknownMember(member, namePosition, name, REQUEST_MEMBERS, "a request");
      }
    }
    String principal = values.get("principal");
    String action = values.get("action");
    String resource = values.get("resource");
    if (principal == null || action == null || resource == null) {
      String missing = principal == null ? "principal" : action == null ? "action" : "resource";
      throw error(at, objectPosition, "the request has no \"" + missing + "\"");
    }
    try {
      Caller.parse(principal);
    } catch (IllegalArgumentException e) {
      throw error(at.child("principal"), positions.get("principal"), message(e));
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
      SourcePosition where = positions.getOrDefault(culprit, objectPosition);
      throw error(culprit.isEmpty() ? at : at.child(culprit), where, message);
    }
  }

  private static String message(Exception e) {
    return String.valueOf(e.getMessage());
  }

  private RequestContext readContext(JsonPointer at) throws IOException {
    expect(
        JsonToken.START_OBJECT,
        at,
        "\"context\" must be an object of condition keys and their values");
    RequestContext.Builder builder = RequestContext.builder();
    while (next() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SourcePosition keyPosition = position();
      JsonPointer member = at.child(key);
      JsonToken token = next();
      try {
        if (token == JsonToken.START_ARRAY) {
          List<String> values = new ArrayList<>();
          while (next() != JsonToken.END_ARRAY) {
            values.add(contextValue(member.child(values.size())));
          }
          builder.put(key, values);
        } else {
          builder.put(key, contextValue(member));
        }
      } catch (IllegalArgumentException e) {
        throw error(member, keyPosition, message(e));
      }
    }
    return builder.build();
  }

  /** A context value: a string; numbers and booleans are taken as their JSON text (§6.9). */
  private String contextValue(JsonPointer at) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          parser.getText();
      default ->
          throw error(
              at,
              position(),
              "a context value must be a string (or an array of strings for a multivalued key),"
                  + " got "
                  + describe(token));
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Policies

  private List<List<NamedPolicy>> readLevels(JsonPointer at, String listName) throws IOException {
    expect(
        JsonToken.START_ARRAY,
        at,
        "\"" + listName + "\" must be an array of levels, each an array of policies");
    List<List<NamedPolicy>> levels = new ArrayList<>();
    while (next() != JsonToken.END_ARRAY) {
      int index = levels.size();
      levels.add(readPolicies(at.child(index), listName + "[" + index + "]"));
    }
    return levels;
  }

  private List<NamedPolicy> readPolicies(JsonPointer at, String listName) throws IOException {
    expect(JsonToken.START_ARRAY, at, "\"" + listName + "\" must be an array of policies");
    List<NamedPolicy> policies = new ArrayList<>();
    while (next() != JsonToken.END_ARRAY) {
      int index = policies.size();
      policies.add(readPolicy(at.child(index), listName + "[" + index + "]"));
    }
    return policies;
  }

  /** A policy document, or a {@code {"name": ..., "policy": {...}}} entry. */
  private NamedPolicy readPolicy(JsonPointer at, String defaultName) throws IOException {
    JsonLocation start = parser.currentTokenLocation();
    expect(
        JsonToken.START_OBJECT,
        at,
        "a policy must be a JSON object (a policy document, or {\"name\": ..., \"policy\": {...}})");
    JsonToken token = next();
    if (token == JsonToken.FIELD_NAME
        && (parser.currentName().equals("name") || parser.currentName().equals("policy"))) {
      return readNamedEntry(at, defaultName, position(start));
    }
    while (token == JsonToken.FIELD_NAME) {
      next();
      parser.skipChildren();
      token = next();
    }
    return named(defaultName, document(at, start), position(start));
  }

  private NamedPolicy readNamedEntry(JsonPointer at, String defaultName, SourcePosition where)
      throws IOException {
    String name = null;
    Document policy = null;
    JsonPointer policyPointer = at.child("policy");
    Set<String> seen = new HashSet<>();
    SourcePosition namePosition = where;
    do {
      String member = parser.currentName();
      SourcePosition memberPosition = position();
      if (!seen.add(member)) {
        throw error(at.child(member), memberPosition, "duplicate member \"" + member + "\"");
      }
      next();
      switch (member) {
        case "name" -> {
          namePosition = position();
          name = readString(at.child("name"), "name");
          if (name.isEmpty()) {
            throw error(at.child("name"), namePosition, "a policy name must not be empty");
          }
        }
        case "policy" -> {
          JsonLocation start = parser.currentTokenLocation();
          expect(JsonToken.START_OBJECT, policyPointer, "\"policy\" must be a policy document");
          JsonToken token = next();
          while (token == JsonToken.FIELD_NAME) {
            next();
            parser.skipChildren();
            token = next();
          }
          policy = document(policyPointer, start);
        }
        default ->
            throw unknownMember(
                at.child(member),
                memberPosition,
                member,
                List.of("name", "policy"),
                "a named policy entry");
      }
    } while (next() == JsonToken.FIELD_NAME);
    if (policy == null) {
      throw error(at, where, "a named policy entry needs a \"policy\" document");
    }
    return named(name == null ? defaultName : name, policy, namePosition);
  }

  /** A parsed policy document and where it came from. */
  private record Document(Policy policy, Origin origin) {}

  private NamedPolicy named(String name, Document document, SourcePosition where) {
    // One name, one document: FullAWSAccess attached at every SCP level is the same policy, so
    // repeating a name is fine when the document is the same; two documents under one name would
    // make explanations ambiguous.
    Policy previous = namedDocuments.putIfAbsent(name, document.policy());
    if (previous != null
        && !previous.withoutLocations().equals(document.policy().withoutLocations())) {
      throw error(
          document.origin().pointer(),
          where,
          "policy name \"" + name + "\" is used for two different documents in the scenario");
    }
    origins.putIfAbsent(name, document.origin());
    return new NamedPolicy(name, document.policy());
  }

  /**
   * Cuts the object that started at {@code start} (the parser is on its closing brace) out of the
   * text and parses it as a policy. Padding with the newlines and spaces that preceded it keeps the
   * policy's positions equal to the scenario's; when that would exceed the size limit, the
   * positions are shifted when reported instead.
   */
  private Document document(JsonPointer at, JsonLocation start) {
    int from = (int) start.getCharOffset();
    int to = (int) parser.currentTokenLocation().getCharOffset() + 1;
    String body = text.substring(from, to);
    int lines = Math.max(0, start.getLineNr() - 1);
    int columns = Math.max(0, start.getColumnNr() - 1);
    String source = body;
    Origin origin = new Origin(at, 0, 0);
    if ((long) lines + columns + body.length() <= Policy.MAX_DOCUMENT_BYTES) {
      source = "\n".repeat(lines) + " ".repeat(columns) + body;
    } else {
      origin = new Origin(at, lines, columns);
    }
    try {
      return new Document(Policy.parse(source), origin);
    } catch (PolicyParseException e) {
      PolicyProblem problem = e.problem();
      throw new ScenarioException(
          concat(at, problem.pointer()),
          shift(problem.position(), origin),
          problem.message() + " [" + problem.code() + "]");
    }
  }

  private static SourcePosition shift(SourcePosition position, @Nullable Origin origin) {
    if (origin == null || !position.isKnown()) {
      return position;
    }
    int line = position.line() + origin.lineShift();
    int column = position.column() + (position.line() == 1 ? origin.columnShift() : 0);
    return new SourcePosition(line, column);
  }

  private static JsonPointer concat(JsonPointer base, JsonPointer rest) {
    List<String> tokens = new ArrayList<>(base.tokens());
    tokens.addAll(rest.tokens());
    return new JsonPointer(tokens);
  }

  // ---------------------------------------------------------------------------------------------
  // Cases

  private ScenarioCase readCase() throws IOException {
    SourcePosition objectPosition = position();
    String id = null;
    String source = "";
    Scenario scenario = null;
    Decision expected = null;
    Set<String> seen = new HashSet<>();
    while (next() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      SourcePosition namePosition = position();
      JsonPointer pointer = JsonPointer.ROOT.child(name);
      if (!seen.add(name)) {
        throw error(pointer, namePosition, "duplicate member \"" + name + "\"");
      }
      next();
      switch (name) {
        case "id" -> id = readId(pointer);
        case "source" -> source = readString(pointer, name);
        case "scenario" -> {
          expect(JsonToken.START_OBJECT, pointer, "\"scenario\" must be an object");
          SourcePosition scenarioPosition = position();
          scenario = readScenario(pointer);
          if (scenario.hasRequestList()) {
            throw error(
                pointer.child("requests"),
                scenarioPosition,
                "a conformance case decides one \"request\"; \"requests\" is for scenarios");
          }
        }
        case "expect" -> {
          SourcePosition valuePosition = position();
          String text = readString(pointer, name);
          expected =
              Decision.fromJson(text)
                  .orElseThrow(
                      () ->
                          error(
                              pointer,
                              valuePosition,
                              "\"expect\" must be \"allowed\", \"explicitDeny\" or \"implicitDeny\","
                                  + " got \""
                                  + text
                                  + "\""));
        }
        default -> throw unknownMember(pointer, namePosition, name, CASE_MEMBERS, "a case");
      }
    }
    if (id == null) {
      throw error(JsonPointer.ROOT, objectPosition, "the case has no \"id\"");
    }
    if (scenario == null) {
      throw error(JsonPointer.ROOT, objectPosition, "the case has no \"scenario\"");
    }
    return new ScenarioCase(id, source, scenario, expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  private void expectRoot() throws IOException {
    JsonToken token = next();
    if (token != JsonToken.START_OBJECT) {
      throw error(JsonPointer.ROOT, position(), "expected a JSON object, got " + describe(token));
    }
  }

  private void expectEnd() throws IOException {
    JsonToken token = parser.nextToken();
    if (token != null) {
      throw error(
          JsonPointer.ROOT, position(), "unexpected content after the end of the JSON object");
    }
  }

  private @Nullable JsonToken next() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw error(JsonPointer.ROOT, position(), "unexpected end of input");
    }
    return token;
  }

  private void expect(JsonToken wanted, JsonPointer at, String message) {
    JsonToken token = parser.currentToken();
    if (token != wanted) {
      throw error(at, position(), message + ", got " + describe(token));
    }
  }

  private String readString(JsonPointer at, String name) {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.VALUE_STRING) {
      throw error(at, position(), "\"" + name + "\" must be a string, got " + describe(token));
    }
    try {
      return parser.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean readBoolean(JsonPointer at) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    throw error(at, position(), "must be true or false, got " + describe(token));
  }

  private static String describe(@Nullable JsonToken token) {
    if (token == null) {
      return "the end of the input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : "\"" + token.asString() + "\"";
    };
  }

  private ScenarioException unknownMember(
      JsonPointer at, SourcePosition where, String name, List<String> known, String what) {
    String suggestion =
        Spelling.closest(name, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    return error(
        at,
        where,
        "unknown member \""
            + name
            + "\" in "
            + what
            + suggestion
            + "; expected "
            + String.join(", ", known));
  }

  private SourcePosition position() {
    return position(parser.currentTokenLocation());
  }

  private static SourcePosition position(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return new SourcePosition(1, 1);
    }
    return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  private static ScenarioException error(
      JsonPointer at, @Nullable SourcePosition where, String message) {
    return new ScenarioException(at, where == null ? new SourcePosition(1, 1) : where, message);
  }
}
