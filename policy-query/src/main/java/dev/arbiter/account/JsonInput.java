package dev.arbiter.account;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an account file into the project's one JSON tree ({@link Json}), with helpers that name the
 * file and JSON pointer in every error. Policy documents are read from their sub-tree, so their
 * positions are positions in the file.
 */
final class JsonInput {

  /** Largest input file, in bytes; the biggest real snapshots are a few megabytes. */
  static final int MAX_FILE_BYTES = 256 * 1024 * 1024;

  /** Snapshots nest about eight levels deep; the limit only stops hostile files. */
  private static final Limits LIMITS = new Limits(MAX_FILE_BYTES, 1000);

  private final String source;
  private final Json root;

  private JsonInput(String source, Json root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Reads a file.
   *
   * @throws AccountLoadException naming the file if it cannot be read or is not JSON
   */
  static JsonInput load(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new AccountLoadException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AccountLoadException(file + ": cannot read: " + e.getMessage());
    }
    try {
      return new JsonInput(file.toString(), JsonReader.read(bytes, LIMITS));
    } catch (JsonReadException e) {
      JsonReadException.Problem problem = e.problem();
      switch (problem.kind()) {
        case EMPTY -> throw new AccountLoadException(file + ": empty file");
        case INVALID_UTF8 -> throw new AccountLoadException(file + ": not UTF-8 text");
        default -> {
          SourcePosition at = problem.position();
          throw new AccountLoadException(
              file + ":" + at + ": not valid JSON: " + problem.message(), problem.location());
        }
      }
    }
  }

  Json root() {
    return root;
  }

  /** An error about the element at {@code pointer}, whose position is not known. */
  AccountLoadException error(JsonPointer pointer, String message) {
    return error(pointer, SourcePosition.UNKNOWN, message);
  }

  /** An error about {@code value}, at {@code pointer}. */
  AccountLoadException error(JsonPointer pointer, Json value, String message) {
    return error(pointer, value.position(), message);
  }

  private AccountLoadException error(JsonPointer pointer, SourcePosition at, String message) {
    String where = pointer.tokens().isEmpty() ? "/" : pointer.toString();
    return new AccountLoadException(
        source + " at " + OneLine.of(where, 200) + ": " + OneLine.of(message, 600),
        SourceLocation.of(pointer, at));
  }

  Json.Obj object(Json node, JsonPointer pointer) {
    if (node instanceof Json.Obj object) {
      return object;
    }
    throw error(pointer, node, "expected an object, got " + node.typeName());
  }

  /** Member {@code field} of {@code parent}, if {@code parent} is an object that has it. */
  static Optional<Json> member(Json parent, String field) {
    return parent instanceof Json.Obj object ? object.get(field) : Optional.empty();
  }

  String text(Json parent, String field, JsonPointer pointer) {
    Optional<Json> value = member(parent, field);
    if (value.isPresent() && value.get() instanceof Json.Str text) {
      return text.value();
    }
    throw error(pointer.child(field), value.orElse(parent), "expected a string");
  }

  String optionalText(Json parent, String field, String fallback) {
    return member(parent, field)
        .filter(Json.Str.class::isInstance)
        .map(v -> ((Json.Str) v).value())
        .orElse(fallback);
  }

  List<Json> array(Json parent, String field, JsonPointer pointer) {
    Optional<Json> value = member(parent, field);
    if (value.isEmpty() || value.get() instanceof Json.Null) {
      return List.of();
    }
    if (value.get() instanceof Json.Arr array) {
      return array.elements();
    }
    throw error(pointer.child(field), value.get(), "expected an array");
  }

  /** A scalar's text, as written ("" for an object or array, "null" for null). */
  static String asText(Json value) {
    return value.scalarText().orElse(value instanceof Json.Null ? "null" : "");
  }

  /** AWS tags, {@code [{"Key": k, "Value": v}]}. */
  Map<String, String> tags(Json parent, JsonPointer pointer) {
    Map<String, String> tags = new LinkedHashMap<>();
    List<Json> list = array(parent, "Tags", pointer);
    for (int i = 0; i < list.size(); i++) {
      Json tag = list.get(i);
      tags.put(text(tag, "Key", pointer.child("Tags").child(i)), optionalText(tag, "Value", ""));
    }
    return tags;
  }

  /**
   * A policy document embedded as a JSON object, or as a string (the IAM API returns documents
   * URL-encoded; the AWS CLI decodes them), valid as {@code type} (see {@link #valid}).
   */
  Policy policy(Json document, JsonPointer pointer, String fullWhat, PolicyType type) {
    return valid(policy(document, pointer, fullWhat), type, pointer, fullWhat);
  }

  /**
   * {@code policy} if it is valid as {@code type}. AWS stores only valid documents, so one that is
   * not is refused when it is read, naming its first problem, rather than failing every question
   * that reaches it later.
   */
  Policy valid(Policy policy, PolicyType type, JsonPointer pointer, String fullWhat) {
    List<PolicyProblem> problems = policy.validate(type);
    if (!problems.isEmpty()) {
      String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
      throw error(
          pointer,
          problems.get(0).position(),
          OneLine.of(fullWhat, 120)
              + " is not valid as "
              + type.cliName()
              + " policy: "
              + problems.get(0)
              + more);
    }
    return policy;
  }

  /**
   * A policy document as {@link #policy(Json, JsonPointer, String, PolicyType)}, not validated. An
   * object is read where it stands, so its positions are the file's; a string is read on its own.
   */
  Policy policy(Json document, JsonPointer pointer, String fullWhat) {
    String what = OneLine.of(fullWhat, 120);
    try {
      if (document instanceof Json.Obj) {
        return PolicyReader.read(document);
      }
      if (document instanceof Json.Str string) {
        String raw = string.value();
        String text;
        try {
          text = raw.trim().startsWith("{") ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a '%' not followed by two hex digits
          throw error(
              pointer, document, what + ": not a JSON object nor a URL-encoded policy document");
        }
        return Policy.parse(text);
      }
    } catch (PolicyParseException e) {
      throw error(pointer, document, what + ": " + e.getMessage());
    }
    throw error(pointer, document, what + ": expected a policy document");
  }
}
