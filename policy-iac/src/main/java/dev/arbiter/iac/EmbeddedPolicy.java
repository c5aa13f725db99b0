package dev.arbiter.iac;

import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import java.util.List;
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
 */
public record EmbeddedPolicy(
    String resource,
    String resourceType,
    JsonPointer property,
    PolicyType policyType,
    Optional<PolicyResourceType> attachedTo,
    Json document,
    List<String> branches,
    Set<JsonPointer> unknowns) {

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
  }
}
