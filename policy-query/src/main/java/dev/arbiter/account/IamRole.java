package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IAM role of the snapshot.
 *
 * @param name the role name
 * @param arn the role ARN (with its path)
 * @param id the unique ID ({@code AROA...}); a session's {@code aws:userid} is {@code id:session}
 * @param trustPolicy the role's trust policy (its resource policy for {@code sts:AssumeRole*})
 * @param inlinePolicies its inline policies
 * @param attachedPolicyArns the ARNs of its attached managed policies
 * @param permissionsBoundaryArn the ARN of its permissions boundary, if it has one
 * @param tags its tags
 */
public record IamRole(
    String name,
    String arn,
    String id,
    Policy trustPolicy,
    List<NamedPolicy> inlinePolicies,
    List<String> attachedPolicyArns,
    Optional<String> permissionsBoundaryArn,
    Map<String, String> tags) {

  /** Copies the collections. */
  public IamRole {
    inlinePolicies = List.copyOf(inlinePolicies);
    attachedPolicyArns = List.copyOf(attachedPolicyArns);
    tags = Map.copyOf(tags);
  }

  /** Whether this is a service-linked role (path {@code /aws-service-role/}): SCPs do not apply. */
  public boolean isServiceLinked() {
    return arn.contains(":role/aws-service-role/");
  }
}
