package dev.arbiter.lint.rules;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Rule} sees of one document: the parsed policy, the type it is checked as, the raw
 * text, and optional services attached to the linter (the service catalog, once it exists, is one:
 * {@code context.service(Catalog.class)}). Rules report through it; the linter applies the
 * configuration afterwards. One context per document, used by one thread.
 */
final class RuleContext {
  private final String file;
  private final Policy policy;
  private final PolicyType type;
  private final Optional<PolicyResourceType> resourceType;
  private final boolean resourceTypeInferred;
  private final byte[] utf8;
  private final Map<Class<?>, Object> services;
  private final List<Finding> findings = new ArrayList<>();
  private @Nullable Json tree;

  RuleContext(
      String file,
      Policy policy,
      PolicyType type,
      Optional<PolicyResourceType> resourceType,
      boolean resourceTypeInferred,
      byte[] utf8,
      Map<Class<?>, Object> services,
      @Nullable Json tree) {
    this.file = file;
    this.policy = policy;
    this.type = type;
    this.resourceType = resourceType;
    this.resourceTypeInferred = resourceTypeInferred;
    this.utf8 = utf8;
    this.services = services;
    this.tree = tree;
  }

  Policy policy() {
    return policy;
  }

  PolicyType type() {
    return type;
  }

  /** What the resource-based policy is attached to, given or inferred; empty if not known. */
  Optional<PolicyResourceType> resourceType() {
    return resourceType;
  }

  /** Whether {@link #resourceType()} was inferred from the policy's ARNs rather than given. */
  boolean resourceTypeInferred() {
    return resourceTypeInferred;
  }

  /** The document as UTF-8 bytes, exactly as read. */
  byte[] bytes() {
    return utf8;
  }

  /** A service attached with {@link Linter.Builder#attach}, such as the service catalog. */
  <T> Optional<T> service(Class<T> type) {
    return Optional.ofNullable(services.get(type)).map(type::cast);
  }

  /** Reports a finding for {@code check} at {@code location}. */
  void report(Check check, SourceLocation location, String message) {
    report(check, location.pointer(), location.position(), message);
  }

  /** Reports a finding for {@code check} at {@code pointer}, {@code position}. */
  void report(Check check, JsonPointer pointer, SourcePosition position, String message) {
    findings.add(new Finding(check.code(), check.defaultType(), message, file, pointer, position));
  }

  /**
   * The location of the member {@code pointer} names (its name, where the AST keeps no location of
   * its own, such as {@code /Statement/0/Sid}), or {@code fallback}'s position if not found.
   */
  SourceLocation member(JsonPointer pointer, SourceLocation fallback) {
    Optional<SourcePosition> position =
        tree().flatMap(t -> t.memberAt(pointer)).map(Json.Member::namePosition);
    return SourceLocation.of(pointer, position.orElse(fallback.position()));
  }

  /**
   * The document's JSON tree, read again on first use: the policy AST keeps no position of member
   * names, and only documents with findings about them pay for a second read.
   */
  private Optional<Json> tree() {
    if (tree == null) {
      try {
        tree = JsonReader.read(utf8, PolicyReader.LIMITS);
      } catch (JsonReadException e) {
        return Optional.empty(); // the policy parsed, so this does not happen
      }
    }
    return Optional.of(tree);
  }

  List<Finding> findings() {
    return findings;
  }
}
