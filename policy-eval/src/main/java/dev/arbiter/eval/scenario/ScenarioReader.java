package dev.arbiter.eval.scenario;

import static dev.arbiter.eval.scenario.Members.error;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads scenarios (docs/scenario.md) from the project's one JSON tree: the text becomes a {@link
 * Json} tree with positions, then each part is read from its sub-tree, the requests by {@link
 * RequestReader} and the policies by {@link PolicyEntries}.
 */
final class ScenarioReader {

  /**
   * A scenario is a test description its author writes, so its size is not limited; the nesting
   * limit only stops hostile files (a scenario nests about ten levels deep).
   */
  private static final Limits LIMITS = new Limits(Integer.MAX_VALUE, 1000);

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
          "exactContext",
          "vpcEndpointPolicy",
          "s3BlockPublicAccess",
          "description");

  private ScenarioReader() {}

  /**
   * Reads a whole scenario document, with {@code publicTest} deciding whether a bucket policy is
   * public for S3 Block Public Access; {@code baseDir}, the directory of the scenario file,
   * resolves policy {@code "file"} entries (null for a scenario that is not a file).
   */
  static Scenario scenario(String json, @Nullable Path baseDir, PublicPolicyTest publicTest) {
    Scenario streamed = streamed(json, baseDir, publicTest, false);
    return streamed != null
        ? streamed
        : scenario(root(json), JsonPointer.ROOT, baseDir, publicTest);
  }

  /**
   * The scenario read with its {@code "requests"} streamed: each entry becomes a request as it is
   * parsed, without positions, and the entries never stand in memory as a tree (they are nearly all
   * of a large scenario: docs/performance.md, Startup). Null when anything in the text is wrong:
   * the caller reads it again with positions, for the precise message. {@code exactContext} is a
   * guess (requests are read before a later {@code "exactContext"} member is seen), checked once
   * the whole text is read; a wrong guess reads it again with the right one.
   */
  private static @Nullable Scenario streamed(
      String json, @Nullable Path baseDir, PublicPolicyTest publicTest, boolean exactContext) {
    RequestReader.Entries entries =
        new RequestReader.Entries(JsonPointer.ROOT.child("requests"), exactContext);
    try {
      if (!(JsonReader.read(json, LIMITS, "requests", entries::add) instanceof Json.Obj object)) {
        return null;
      }
      if (exactContext(object, JsonPointer.ROOT) != exactContext) {
        return streamed(json, baseDir, publicTest, !exactContext);
      }
      return scenario(object, JsonPointer.ROOT, baseDir, publicTest, entries);
    } catch (JsonReadException | ScenarioException e) {
      return null;
    }
  }

  /**
   * The root object of a scenario or case line.
   *
   * @throws ScenarioException if the text is not JSON or not an object
   */
  static Json.Obj root(String json) {
    Json root;
    try {
      root = JsonReader.read(json, LIMITS);
    } catch (JsonReadException e) {
      throw notJson(e.problem());
    }
    if (root instanceof Json.Obj object) {
      return object;
    }
    throw error(
        JsonPointer.ROOT, root.position(), "expected a JSON object, got " + root.describe());
  }

  /** The string {@code "id"} of a JSON object, if the text is one that has it. */
  static Optional<String> peekId(String json) {
    try {
      return JsonReader.read(json, LIMITS) instanceof Json.Obj object
              && object.get("id").orElse(null) instanceof Json.Str id
          ? Optional.of(id.value())
          : Optional.empty();
    } catch (JsonReadException e) {
      return Optional.empty();
    }
  }

  /** See {@link Scenario#isScenario(String)}. */
  static boolean isScenario(String json) {
    Json root;
    try {
      root = JsonReader.read(json, LIMITS);
    } catch (JsonReadException e) {
      return false;
    }
    return root instanceof Json.Obj object
        && (object.get("request").isPresent() || object.get("requests").isPresent())
        && object.get("Statement").isEmpty();
  }

  /** See {@link Scenario#isPolicyTest(String)}. */
  static boolean isPolicyTest(String json) {
    Json root;
    try {
      root = JsonReader.read(json, LIMITS);
    } catch (JsonReadException e) {
      return json.contains("\"requests\"") && json.contains("\"expect\"");
    }
    return root instanceof Json.Obj object
        && object.get("requests").orElse(null) instanceof Json.Arr requests
        && requests.elements().stream()
            .anyMatch(e -> e instanceof Json.Obj entry && entry.get("expect").isPresent());
  }

  private static ScenarioException notJson(JsonReadException.Problem problem) {
    SourcePosition where = problem.position();
    return switch (problem.kind()) {
      case EMPTY -> error(JsonPointer.ROOT, where, "the input is empty; expected a JSON object");
      case DUPLICATE_NAME ->
          error(problem.pointer(), where, "duplicate member " + OneLine.quote(problem.detail()));
      case TRAILING_CONTENT ->
          error(JsonPointer.ROOT, where, "unexpected content after the end of the JSON object");
      default -> error(JsonPointer.ROOT, where, "invalid JSON: " + problem.message());
    };
  }

  /** A scenario object, at {@code at} (the root, or a case's {@code "scenario"}). */
  static Scenario scenario(
      Json.Obj object, JsonPointer at, @Nullable Path baseDir, PublicPolicyTest publicTest) {
    return scenario(object, at, baseDir, publicTest, null);
  }

  /**
   * A scenario object; {@code streamed}, when not null, holds the entries of its {@code "requests"}
   * already read, and the array in {@code object} is empty.
   */
  private static Scenario scenario(
      Json.Obj object,
      JsonPointer at,
      @Nullable Path baseDir,
      PublicPolicyTest publicTest,
      RequestReader.@Nullable Entries streamed) {
    PolicyEntries entries = new PolicyEntries(baseDir);
    PolicySet.Builder builder = PolicySet.builder().publicPolicyTest(publicTest);
    NamedPolicy resourcePolicy = null;
    List<NamedRequest> requests = null;
    boolean list = false;
    boolean exactContext = exactContext(object, at);
    for (Json.Member member : object.members()) {
      String name = member.name();
      Json value = member.value();
      JsonPointer pointer = at.child(name);
      switch (name) {
        case "request", "requests" -> {
          if (requests != null) {
            throw error(
                pointer,
                member.namePosition(),
                "a scenario has \"request\" or \"requests\", not both");
          }
          list = name.equals("requests");
          requests =
              list
                  ? RequestReader.requests(
                      value,
                      streamed != null
                          ? streamed
                          : new RequestReader.Entries(pointer, exactContext))
                  : List.of(
                      new NamedRequest("", RequestReader.request(value, pointer, exactContext)));
        }
        case "identityPolicies" ->
            entries.list(value, pointer, name).forEach(builder::identityPolicy);
        case "resourcePolicy" -> {
          if (!(value instanceof Json.Null)) {
            resourcePolicy = entries.entry(value, pointer, name);
          }
        }
        case "permissionsBoundaries" -> {
          List<NamedPolicy> boundaries = entries.list(value, pointer, name);
          if (boundaries.size() > 1) {
            throw error(
                pointer.child(1),
                member.namePosition(),
                "an IAM user or role has at most one permissions boundary; got "
                    + boundaries.size());
          }
          boundaries.forEach(builder::permissionsBoundary);
        }
        case "sessionPolicies" ->
            entries.list(value, pointer, name).forEach(builder::sessionPolicy);
        case "serviceControlPolicies" ->
            entries.levels(value, pointer, name).forEach(builder::serviceControlPolicyLevel);
        case "resourceControlPolicies" ->
            entries.levels(value, pointer, name).forEach(builder::resourceControlPolicyLevel);
        case "principalAccountIsManagement" ->
            builder.principalAccountIsManagement(Members.bool(value, pointer));
        case "resourceAccountIsManagement" ->
            builder.resourceAccountIsManagement(Members.bool(value, pointer));
        case "principalIsServiceLinkedRole" ->
            builder.principalIsServiceLinkedRole(Members.bool(value, pointer));
        case "exactContext" -> {
          // read before the loop: the requests depend on it
        }
        case "vpcEndpointPolicy" -> {
          if (!(value instanceof Json.Null)) {
            builder.vpcEndpointPolicy(entries.entry(value, pointer, name));
          }
        }
        case "s3BlockPublicAccess" ->
            builder.s3BlockPublicAccess(BlockPublicAccessReader.settings(value, pointer));
        case "description" -> Members.string(value, pointer, name);
        default -> throw Members.unknown(member, pointer, SCENARIO_MEMBERS, "a scenario");
      }
    }
    if (requests == null) {
      throw error(at, object.position(), "the scenario has neither \"request\" nor \"requests\"");
    }
    if (resourcePolicy != null) {
      resourcePolicy(builder, resourcePolicy, requests);
    }
    PolicySet policies = builder.build();
    return new Scenario(policies, entries.compile(policies), requests, list, entries.policyFiles());
  }

  /**
   * {@code "exactContext"}: with {@code true} the request context is taken as written; by default
   * the keys AWS derives from the caller are filled in where the context omits them
   * (docs/semantics.md §2.4).
   */
  private static boolean exactContext(Json.Obj object, JsonPointer at) {
    for (Json.Member member : object.members()) {
      if (member.name().equals("exactContext")) {
        return Members.bool(member.value(), at.child("exactContext"));
      }
    }
    return false;
  }

  /**
   * Sets the resource policy with the type it is validated as: a trust policy when the scenario's
   * requests are all trust-policy requests (docs/semantics.md §9.5), a resource-based policy when
   * none is; for a mix, the policy's own shape decides.
   */
  private static void resourcePolicy(
      PolicySet.Builder builder, NamedPolicy policy, List<NamedRequest> requests) {
    long trust = requests.stream().filter(r -> r.request().isTrustRequest()).count();
    if (trust == requests.size() && trust > 0) {
      builder.resourcePolicy(policy, PolicyType.TRUST);
    } else if (trust == 0) {
      builder.resourcePolicy(policy, PolicyType.RESOURCE);
    } else {
      builder.resourcePolicy(policy);
    }
  }
}
