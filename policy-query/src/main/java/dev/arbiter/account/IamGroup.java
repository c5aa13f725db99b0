package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import java.util.List;

/**
 * An IAM group of the snapshot.
 *
 * @param name the group name
 * @param arn the group ARN
 * @param inlinePolicies its inline policies
 * @param attachedPolicyArns the ARNs of its attached managed policies
 */
public record IamGroup(
    String name, String arn, List<NamedPolicy> inlinePolicies, List<String> attachedPolicyArns) {

  /** Copies the lists. */
  public IamGroup {
    inlinePolicies = List.copyOf(inlinePolicies);
    attachedPolicyArns = List.copyOf(attachedPolicyArns);
  }
}
