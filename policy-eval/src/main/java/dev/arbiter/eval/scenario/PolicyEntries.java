package dev.arbiter.eval.scenario;

import static dev.arbiter.eval.scenario.Members.error;

import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.IoMessages;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the policies of one scenario (docs/scenario.md, Policies), each from its sub-tree of the
 * scenario, so that a policy's positions are positions in the scenario file, and remembers where
 * each came from to place the problems that compiling them finds.
 */
final class PolicyEntries {
  private static final List<String> NAMED_ENTRY_MEMBERS = List.of("name", "policy", "file");

  private final Map<String, Policy> documents = new HashMap<>();
  private final Map<String, JsonPointer> origins = new HashMap<>();

  /** For a policy read from a file: the {@code "file"} member, to report its problems there. */
  private final Map<String, FileOrigin> files = new HashMap<>();

  /** The path, as written, of each policy read from a {@code "file"} entry (by identity). */
  @SuppressWarnings("IdentityHashMapUsage") // two equal documents may come from different files
  private final Map<Policy, String> policyFiles = new java.util.IdentityHashMap<>();

  /** The directory {@code "file"} entries are resolved against; null for a scenario from text. */
  private final @Nullable Path baseDir;

  /** Where a policy read from a file came from: the path as written, and where it was written. */
  private record FileOrigin(String path, JsonPointer at, SourcePosition where) {}

  PolicyEntries(@Nullable Path baseDir) {
    this.baseDir = baseDir;
  }

  /** A list of levels, each a list of policies: {@code serviceControlPolicies}. */
  List<List<NamedPolicy>> levels(Json value, JsonPointer at, String listName) {
    Json.Arr array =
        Members.array(
            value,
            at,
            OneLine.quote(listName) + " must be an array of levels, each an array of policies");
    List<List<NamedPolicy>> levels = new ArrayList<>();
    for (Json element : array.elements()) {
      int index = levels.size();
      levels.add(list(element, at.child(index), listName + "[" + index + "]"));
    }
    return levels;
  }

  /** A list of policies, named {@code listName[i]} unless they have a name of their own. */
  List<NamedPolicy> list(Json value, JsonPointer at, String listName) {
    Json.Arr array =
        Members.array(value, at, OneLine.quote(listName) + " must be an array of policies");
    List<NamedPolicy> policies = new ArrayList<>();
    for (Json element : array.elements()) {
      int index = policies.size();
      policies.add(entry(element, at.child(index), listName + "[" + index + "]"));
    }
    return policies;
  }

  /**
   * A policy document, or a {@code {"name": ..., "policy": {...}}} or {@code {"name": ..., "file":
   * "path"}} entry: an entry is named when its first member is {@code name}, {@code policy} or
   * {@code file}.
   */
  /** The policies read from {@code "file"} entries, each with its path as written. */
  Map<Policy, String> policyFiles() {
    return policyFiles;
  }

  NamedPolicy entry(Json value, JsonPointer at, String defaultName) {
    Json.Obj object =
        Members.object(
            value,
            at,
            "a policy must be a JSON object (a policy document, or {\"name\": ..., \"policy\":"
                + " {...}})");
    List<Json.Member> members = object.members();
    if (!members.isEmpty() && NAMED_ENTRY_MEMBERS.contains(members.get(0).name())) {
      return namedEntry(object, at, defaultName);
    }
    return named(defaultName, document(object, at), at, object.position());
  }

  private NamedPolicy namedEntry(Json.Obj object, JsonPointer at, String defaultName) {
    String name = null;
    Policy policy = null;
    FileOrigin file = null;
    JsonPointer policyPointer = at.child("policy");
    SourcePosition namePosition = object.position();
    for (Json.Member member : object.members()) {
      switch (member.name()) {
        case "name" -> {
          namePosition = member.value().position();
          name = Members.string(member.value(), at.child("name"), "name");
          if (name.isEmpty()) {
            throw error(at.child("name"), namePosition, "a policy name must not be empty");
          }
        }
        case "policy" -> {
          Json.Obj document =
              Members.object(member.value(), policyPointer, "\"policy\" must be a policy document");
          policy = document(document, policyPointer);
        }
        case "file" -> {
          JsonPointer filePointer = at.child("file");
          file =
              new FileOrigin(
                  Members.string(member.value(), filePointer, "file"),
                  filePointer,
                  member.value().position());
        }
        default ->
            throw Members.unknown(
                member, at.child(member.name()), NAMED_ENTRY_MEMBERS, "a named policy entry");
      }
    }
    if (policy != null && file != null) {
      throw error(
          at, object.position(), "a named policy entry has \"policy\" or \"file\", not both");
    }
    if (file != null) {
      policy = fromFile(file);
    }
    if (policy == null) {
      throw error(
          at, object.position(), "a named policy entry needs a \"policy\" document or a \"file\"");
    }
    // A policy from a file is named by its path unless the entry names it.
    String finalName = name != null ? name : file != null ? file.path() : defaultName;
    if (file != null) {
      files.putIfAbsent(finalName, file);
      policyFiles.put(policy, file.path());
      return named(finalName, policy, file.at(), namePosition);
    }
    return named(finalName, policy, policyPointer, namePosition);
  }

  /**
   * The policy document of a {@code "file"} entry, resolved against the scenario's directory; a
   * file that cannot be read or parsed is reported at the {@code "file"} member, with the position
   * of the problem in the policy file.
   */
  private Policy fromFile(FileOrigin file) {
    if (baseDir == null) {
      throw error(
          file.at(),
          file.where(),
          "a policy \"file\" is resolved against the scenario file's directory; this scenario was"
              + " not read from a file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(baseDir.resolve(file.path()));
    } catch (IOException e) {
      throw unreadable(file, IoMessages.describe(e));
    } catch (InvalidPathException e) {
      throw unreadable(file, String.valueOf(e.getMessage()));
    }
    try {
      return Policy.parse(bytes);
    } catch (PolicyParseException e) {
      throw inFile(file, e.problem(), "");
    }
  }

  private static ScenarioException unreadable(FileOrigin file, String why) {
    return error(
        file.at(),
        file.where(),
        "cannot read policy file " + OneLine.quote(file.path()) + ": " + why);
  }

  /** A problem of a policy read from a file: at the {@code "file"} member, saying where in it. */
  private static ScenarioException inFile(FileOrigin file, PolicyProblem problem, String detail) {
    return error(
        file.at(),
        file.where(),
        file.path()
            + ":"
            + problem.position()
            + " at "
            + (problem.pointer().tokens().isEmpty() ? "/" : problem.pointer().toString())
            + ": "
            + problem.message()
            + " ["
            + problem.code()
            + detail
            + "]");
  }

  private NamedPolicy named(String name, Policy policy, JsonPointer at, SourcePosition where) {
    // One name, one document: FullAWSAccess attached at every SCP level is the same policy, so
    // repeating a name is fine when the document is the same; two documents under one name would
    // make explanations ambiguous.
    Policy previous = documents.putIfAbsent(name, policy);
    if (previous != null && !previous.withoutLocations().equals(policy.withoutLocations())) {
      throw error(
          at,
          where,
          "policy name "
              + OneLine.quote(name)
              + " is used for two different documents in the scenario");
    }
    origins.putIfAbsent(name, at);
    return new NamedPolicy(name, policy);
  }

  /** The policy of a sub-tree; its problems are reported at their place in the scenario. */
  private static Policy document(Json.Obj object, JsonPointer at) {
    tooDeep(object, at, new ArrayList<>(), 1);
    try {
      return PolicyReader.read(object);
    } catch (PolicyParseException e) {
      PolicyProblem problem = e.problem();
      throw error(
          concat(at, problem.pointer()),
          problem.position(),
          problem.message() + " [" + problem.code() + "]");
    }
  }

  /**
   * Refuses a policy that nests deeper than a policy document read on its own may ({@link
   * PolicyReader#LIMITS}), with the policy reader's words, so that a policy reads the same in a
   * scenario as in its own file.
   */
  private static void tooDeep(Json value, JsonPointer at, List<String> path, int depth) {
    List<Json> children;
    List<String> names;
    if (value instanceof Json.Obj object) {
      children = object.members().stream().map(Json.Member::value).toList();
      names = object.members().stream().map(Json.Member::name).toList();
    } else if (value instanceof Json.Arr array) {
      children = array.elements();
      names = null;
    } else {
      return;
    }
    int limit = PolicyReader.LIMITS.maxDepth();
    if (depth > limit) {
      throw error(
          concat(at, new JsonPointer(path)),
          value.position(),
          "JSON nests deeper than "
              + limit
              + " levels; a policy needs about six [JSON_SYNTAX_ERROR]");
    }
    for (int i = 0; i < children.size(); i++) {
      path.add(names == null ? Integer.toString(i) : names.get(i));
      tooDeep(children.get(i), at, path, depth + 1);
      path.remove(path.size() - 1);
    }
  }

  /**
   * Validates and compiles the scenario's policies; the first problem is reported in the policy
   * where it is, with its code, the policy's name and the type it was validated as.
   */
  Evaluator compile(PolicySet policies) {
    try {
      return Evaluator.of(policies);
    } catch (InvalidPolicyException e) {
      PolicyProblem problem = e.problems().get(0);
      String detail = "; " + e.policyName() + " read as " + article(e.policyType()) + " policy";
      FileOrigin file = files.get(e.policyName());
      if (file != null) {
        throw inFile(file, problem, detail);
      }
      JsonPointer origin = origins.getOrDefault(e.policyName(), JsonPointer.ROOT);
      throw error(
          concat(origin, problem.pointer()),
          problem.position(),
          problem.message() + " [" + problem.code() + detail + "]");
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

  private static JsonPointer concat(JsonPointer base, JsonPointer rest) {
    List<String> tokens = new ArrayList<>(base.tokens());
    tokens.addAll(rest.tokens());
    return new JsonPointer(tokens);
  }
}
