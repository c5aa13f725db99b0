package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Reasoner#conditions}: the exact conditions on the keys a request leaves out. */
class ConditionsTest {
  private static final Reasoner REASONER = Reasoner.create();
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static Policy policy(String statements) {
    return Policy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
  }

  private static Request request(String action, Map<String, String> context) {
    RequestContext.Builder builder = RequestContext.builder();
    context.forEach(builder::put);
    return Request.builder()
        .principal(ALICE)
        .action(action)
        .resource("arn:aws:iam::111122223333:user/new")
        .context(builder.build())
        .build();
  }

  private static List<String> texts(Conditions conditions) {
    assertThat(conditions).isInstanceOf(Conditions.AllowedIf.class);
    return ((Conditions.AllowedIf) conditions)
        .alternatives().stream().map(Conditions.Alternative::toString).toList();
  }

  @Test
  void conditions_mfaAndSourceIpMissing_oneAlternativeWithBoth() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"iam:CreateUser\", \"Resource\": \"*\","
                        + " \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"},"
                        + " \"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}"))
            .build();
    Conditions conditions = REASONER.conditions(set, request("iam:CreateUser", Map.of()));
    assertThat(conditions.missingKeys())
        .containsExactly("aws:MultiFactorAuthPresent", "aws:SourceIp");
    assertThat(texts(conditions))
        .containsExactly(
            "aws:MultiFactorAuthPresent = \"true\" (in any case) and aws:SourceIp in 10.0.0.0/8");
  }

  @Test
  void conditions_denyOnTagValue_allowedIfAbsentOrOtherValue() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                        + " {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"x\"}}}"))
            .build();
    Conditions conditions = REASONER.conditions(set, request("iam:CreateUser", Map.of()));
    // AWS documents aws:PrincipalTag/${TagKey} as single-valued: never a list.
    assertThat(texts(conditions)).containsExactly("aws:PrincipalTag/team is absent or ≠ \"x\"");
  }

  @Test
  void conditions_denyOnUndocumentedKey_listsStayAnAlternative() {
    // A key the catalog does not know may come as a list, and a list of values that each differ
    // from "x" misses the Deny (docs/semantics.md §12.1).
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                        + " {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"StringEquals\": {\"example:team\": \"x\"}}}"))
            .build();
    Conditions conditions = REASONER.conditions(set, request("iam:CreateUser", Map.of()));
    assertThat(texts(conditions))
        .containsExactly("example:team is absent or ≠ \"x\" or has several values, each ≠ \"x\"");
  }

  @Test
  void conditions_givenKeyOutsideTheBlock_never() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"},"
                        + " \"Bool\": {\"aws:SecureTransport\": \"true\"}}}"))
            .build();
    Conditions conditions =
        REASONER.conditions(set, request("s3:GetObject", Map.of("aws:SourceIp", "192.0.2.1")));
    assertThat(conditions.outcome()).isEqualTo(Conditions.Outcome.NEVER);
    assertThat(conditions.missingKeys()).containsExactly("aws:SecureTransport");
  }

  @Test
  void conditions_givenKeyInsideTheBlock_onlyTheMissingKeyIsConstrained() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"},"
                        + " \"NumericLessThan\": {\"s3:max-keys\": \"10\"}}}"))
            .build();
    Conditions conditions =
        REASONER.conditions(set, request("s3:ListBucket", Map.of("aws:SourceIp", "10.1.2.3")));
    assertThat(texts(conditions)).containsExactly("s3:max-keys < 10");
  }

  @Test
  void conditions_twoWaysToBeAllowed_twoAlternatives() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\","
                        + " \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"red\"}}},"
                        + " {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\","
                        + " \"Condition\": {\"StringLike\": {\"s3:prefix\": \"home/*\"}}}"))
            .build();
    Conditions conditions = REASONER.conditions(set, request("s3:GetObject", Map.of()));
    assertThat(texts(conditions)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(String.join("\n", texts(conditions)))
        .contains("aws:PrincipalTag/team = \"red\"")
        .contains("s3:prefix is like \"home/*\"");
  }

  @Test
  void conditions_scpDeniesTheAction_never() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "admin",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}"))
            .serviceControlPolicyLevel(
                List.of(
                    new dev.arbiter.eval.NamedPolicy(
                        "NoIam",
                        policy(
                            "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                                + " {\"Effect\": \"Deny\", \"Action\": \"iam:*\","
                                + " \"Resource\": \"*\"}"))))
            .build();
    assertThat(REASONER.conditions(set, request("iam:CreateUser", Map.of())).outcome())
        .isEqualTo(Conditions.Outcome.NEVER);
  }
}
