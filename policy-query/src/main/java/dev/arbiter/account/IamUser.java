package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IAM user of the snapshot.
 *
 * @param name the user name
 * @param arn the user ARN
 * @param id the unique ID ({@code AIDA...}), the value of {@code aws:userid}
 * @param groups the names of the groups it belongs to
 * @param inlinePolicies its inline policies
 * @param attachedPolicyArns the ARNs of its attached managed policies
 * @param permissionsBoundaryArn the ARN of its permissions boundary, if it has one
 * @param tags its tags
 */
public record IamUser(
    String name,
    String arn,
    String id,
    List<String> groups,
    List<NamedPolicy> inlinePolicies,
    List<String> attachedPolicyArns,
    Optional<String> permissionsBoundaryArn,
    Map<String, String> tags) {

  /** Copies the collections. */
  public IamUser {
    groups = List.copyOf(groups);
    inlinePolicies = List.copyOf(inlinePolicies);
    attachedPolicyArns = List.copyOf(attachedPolicyArns);
    tags = Map.copyOf(tags);
  }
}
