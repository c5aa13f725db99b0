package dev.arbiter.iac;

import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One policy document found in a template or plan, resolved offline.
 *
 * <p>{@code document} is the resolved policy as a tree whose positions are the template's own: a
 * literal keeps its position, a value built by a function ({@code Fn::Sub}, {@code Fn::Join},
 * {@code Ref}) has the function's position. Parse it with {@code PolicyReader.read(document)}.
 * Values that cannot be known offline ({@code Fn::ImportValue}, dynamic references, custom
 * resources, values a plan leaves unknown) are listed in {@code unknowns}, as pointers relative to
 * the document; no check may treat them as a match or a mismatch.
 *
 * @param resource the resource's logical ID (CloudFormation) or address (Terraform)
 * @param resourceType the resource's type, for example {@code AWS::IAM::Role} or {@code
 *     aws_iam_role}
 * @param property where the document sits in the file: for CloudFormation the template pointer of
 *     the property (for example {@code /Resources/MyRole/Properties/Policies/0/PolicyDocument})
 * @param policyType the kind of policy the property holds
 * @param attachedTo for a resource policy, what Access Analyzer's {@code ValidatePolicy} would be
 *     told it is attached to, where it has a name for it
 * @param document the resolved policy document
 * @param branches the {@code Fn::If} branches taken to reach this document, in words (for example
 *     {@code "IsProd is true"}); empty when no undecided condition was involved
 * @param unknowns pointers, relative to {@code document}, of values not known offline
 * @param origins for elements of {@code document} (pointers relative to it) that do not sit at
 *     {@code property} plus the same pointer, where in the file they come from: an item after one
 *     that {@code AWS::NoValue} dropped, a statement synthesized from a resource's properties
 * @param resources for elements of {@code document} (pointers relative to it) that another resource
 *     than {@code resource} wrote, that resource: a Lambda function's policy holds one statement
 *     per permission resource ({@link #resourceAt})
 * @param s3PublicAccessBlock for a bucket policy, the S3 Block Public Access settings the same file
 *     sets for its bucket (and, in a plan, its account); {@link S3PublicAccessBlock#NONE} otherwise
 */
public record EmbeddedPolicy(
    String resource,
    String resourceType,
    JsonPointer property,
    PolicyType policyType,
    Optional<PolicyResourceType> attachedTo,
    Json document,
    List<String> branches,
    Set<JsonPointer> unknowns,
    Map<JsonPointer, JsonPointer> origins,
    Map<JsonPointer, String> resources,
    S3PublicAccessBlock s3PublicAccessBlock) {

  /** Copies the lists and checks that nothing is null. */
  public EmbeddedPolicy {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(policyType, "policyType");
    Objects.requireNonNull(attachedTo, "attachedTo");
    Objects.requireNonNull(document, "document");
    branches = List.copyOf(branches);
    unknowns = Set.copyOf(unknowns);
    origins = Map.copyOf(origins);
    resources = Map.copyOf(resources);
    Objects.requireNonNull(s3PublicAccessBlock, "s3PublicAccessBlock");
  }

  /** A policy without S3 Block Public Access settings. */
  public EmbeddedPolicy(
      String resource,
      String resourceType,
      JsonPointer property,
      PolicyType policyType,
      Optional<PolicyResourceType> attachedTo,
      Json document,
      List<String> branches,
      Set<JsonPointer> unknowns,
      Map<JsonPointer, JsonPointer> origins,
      Map<JsonPointer, String> resources) {
    this(
        resource,
        resourceType,
        property,
        policyType,
        attachedTo,
        document,
        branches,
        unknowns,
        origins,
        resources,
        S3PublicAccessBlock.NONE);
  }

  /** This policy with the S3 Block Public Access settings of its bucket. */
  public EmbeddedPolicy withS3PublicAccessBlock(S3PublicAccessBlock settings) {
    return new EmbeddedPolicy(
        resource,
        resourceType,
        property,
        policyType,
        attachedTo,
        document,
        branches,
        unknowns,
        origins,
        resources,
        settings);
  }

  /** A policy written by one resource, with the origins of its elements. */
  public EmbeddedPolicy(
      String resource,
      String resourceType,
      JsonPointer property,
      PolicyType policyType,
      Optional<PolicyResourceType> attachedTo,
      Json document,
      List<String> branches,
      Set<JsonPointer> unknowns,
      Map<JsonPointer, JsonPointer> origins) {
    this(
        resource,
        resourceType,
        property,
        policyType,
        attachedTo,
        document,
        branches,
        unknowns,
        origins,
        Map.of());
  }

  /** A policy whose elements all sit at {@code property} plus their pointer. */
  public EmbeddedPolicy(
      String resource,
      String resourceType,
      JsonPointer property,
      PolicyType policyType,
      Optional<PolicyResourceType> attachedTo,
      Json document,
      List<String> branches,
      Set<JsonPointer> unknowns) {
    this(
        resource,
        resourceType,
        property,
        policyType,
        attachedTo,
        document,
        branches,
        unknowns,
        Map.of(),
        Map.of());
  }

  /**
   * The resource that wrote the element at {@code inDocument}: its own entry in {@code resources},
   * else its nearest ancestor's, else {@code resource}.
   */
  public String resourceAt(JsonPointer inDocument) {
    List<String> tokens = inDocument.tokens();
    for (int length = tokens.size(); length >= 0; length--) {
      String owner = resources.get(new JsonPointer(tokens.subList(0, length)));
      if (owner != null) {
        return owner;
      }
    }
    return resource;
  }

  /**
   * Where the element at {@code inDocument} sits in the file: its own origin, else its nearest
   * ancestor's origin with the rest of the pointer appended, else {@code property} plus the
   * pointer.
   */
  public JsonPointer filePointer(JsonPointer inDocument) {
    List<String> tokens = inDocument.tokens();
    for (int length = tokens.size(); length >= 0; length--) {
      JsonPointer origin = origins.get(new JsonPointer(tokens.subList(0, length)));
      if (origin != null) {
        List<String> all = new ArrayList<>(origin.tokens());
        all.addAll(tokens.subList(length, tokens.size()));
        return new JsonPointer(all);
      }
    }
    List<String> all = new ArrayList<>(property.tokens());
    all.addAll(tokens);
    return new JsonPointer(all);
  }

  /**
   * Whether a finding at {@code inDocument} touches a value not known offline: it is at or inside
   * an unknown value, or it is about an element (not the whole document or a whole statement) that
   * holds one.
   */
  public boolean touchesUnknown(JsonPointer inDocument) {
    List<String> tokens = inDocument.tokens();
    for (JsonPointer unknown : unknowns) {
      List<String> u = unknown.tokens();
      if (tokens.size() >= u.size() && tokens.subList(0, u.size()).equals(u)) {
        return true;
      }
      boolean element =
          !tokens.isEmpty()
              && !(tokens.size() == 1 && tokens.get(0).equals("Statement"))
              && !(tokens.size() == 2
                  && tokens.get(0).equals("Statement")
                  && tokens.get(1).matches("[0-9]+"));
      if (element && u.size() > tokens.size() && u.subList(0, tokens.size()).equals(tokens)) {
        return true;
      }
    }
    return false;
  }
}
