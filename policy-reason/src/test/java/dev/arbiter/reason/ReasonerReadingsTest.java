package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's per-effect readings of ambiguous constructs (docs/semantics.md §12.0), as the
 * reasoner encodes them (docs/reasoning.md): each answer is compared with the replay.
 */
class ReasonerReadingsTest {
  private static final Reasoner REASONER = Reasoner.create();

  private static Policy policy(String statements) {
    return Policy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}");
  }

  private static Request failing(CheckResult result) {
    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    return ((CheckResult.Fail) result).reasons().get(0).counterexample();
  }

  @Test
  void starPrincipalInResourcePolicyAllow_doesNotReachServices() {
    Policy star =
        policy(
            "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"*\"}");
    Policy service =
        policy(
            "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"s3.amazonaws.com\"},"
                + " \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
    Request request = failing(REASONER.noNewAccess(star, service, PolicyType.RESOURCE));
    assertThat(request.principal()).isEqualTo("s3.amazonaws.com");
    assertThat(REASONER.noNewAccess(service, star, PolicyType.RESOURCE).outcome())
        .isEqualTo(CheckResult.Outcome.FAIL);
    Policy notPrincipal =
        policy(
            "{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"111111111111\"},"
                + " \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
    assertThat(REASONER.noNewAccess(star, notPrincipal, PolicyType.RESOURCE))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void emptyNotElements_grantNothingInAnAllowAndCoverEverythingInADeny() {
    for (String element :
        List.of(
            "\"NotAction\": [], \"Resource\": \"*\"", "\"Action\": \"*\", \"NotResource\": []")) {
      Policy allow = policy("{\"Effect\": \"Allow\", " + element + "}");
      assertThat(REASONER.accessNotGranted(allow, PolicyType.IDENTITY, List.of(), List.of()))
          .isEqualTo(new CheckResult.Pass());
      Policy denied =
          policy(
              "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                  + " {\"Effect\": \"Deny\", "
                  + element
                  + "}");
      assertThat(REASONER.accessNotGranted(denied, PolicyType.IDENTITY, List.of(), List.of()))
          .isEqualTo(new CheckResult.Pass());
    }
    Policy nobody =
        policy(
            "{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": []}, \"Action\": \"*\","
                + " \"Resource\": \"*\"}");
    assertThat(REASONER.accessNotGranted(nobody, PolicyType.RESOURCE, List.of(), List.of()))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void serviceWideArnInADeny_coversTheResourceStarOfThatService() {
    Policy reference =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::*\"}");
    Policy candidate =
        policy("{\"Effect\": \"Allow\", \"Action\": \"s3:ListAllMyBuckets\", \"Resource\": \"*\"}");
    assertThat(REASONER.noNewAccess(reference, candidate, PolicyType.IDENTITY).outcome())
        .isEqualTo(CheckResult.Outcome.FAIL);
    Policy everything =
        policy("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}");
    Request request = failing(REASONER.noNewAccess(reference, everything, PolicyType.IDENTITY));
    assertThat(new Replay(everything, PolicyType.IDENTITY, "c").allows(request)).isTrue();
    assertThat(new Replay(reference, PolicyType.IDENTITY, "r").allows(request)).isFalse();
    assertThat(request.resource()).isNotEqualTo("*");
  }

  @Test
  void serviceWideArnInAnAllowsNotResource_excludesTheResourceStar() {
    Policy notResource =
        policy("{\"Effect\": \"Allow\", \"Action\": \"*\", \"NotResource\": \"arn:aws:s3:::*\"}");
    Replay replay = new Replay(notResource, PolicyType.IDENTITY, "r");
    for (String action : List.of("s3:ListAllMyBuckets", "ec2:DescribeVpcs")) {
      Request request =
          Request.builder()
              .principal("arn:aws:iam::111122223333:user/alice")
              .action(action)
              .resource("*")
              .resourceAccount("999999999999")
              .build();
      assertThat(replay.allows(request)).as(action).isEqualTo(action.startsWith("ec2:"));
    }
    // Another service's actions on "*" stay granted, in both policies.
    Policy ec2 =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"NotResource\": \"arn:aws:s3:::*\"}");
    assertThat(REASONER.noNewAccess(notResource, ec2, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    Policy s3 = policy("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}");
    Request request = failing(REASONER.noNewAccess(notResource, s3, PolicyType.IDENTITY));
    assertThat(replay.allows(request)).isFalse();
  }

  @Test
  void actionsDecidedOutsidePolicies_areLeftOut() {
    Policy all = policy("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}");
    Policy denyingIdentity =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": [\"sts:GetCallerIdentity\","
                + " \"sts:GetSessionToken\"], \"Resource\": \"*\"}");
    assertThat(REASONER.equivalent(all, denyingIdentity, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void emptyStringUnderNull_isPresentAndAbsentAtOnce() {
    Policy present =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"Null\": {\"aws:username\": \"false\"}}}");
    Policy like =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringLike\": {\"aws:username\": \"*\"}}}");
    Request request = failing(REASONER.noNewAccess(present, like, PolicyType.IDENTITY));
    assertThat(request.context().values("aws:username")).contains(List.of(""));
    Policy nonEmpty =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringLike\": {\"aws:username\": \"?*\"}}}");
    assertThat(REASONER.noNewAccess(present, nonEmpty, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void multivaluedKeyWithoutQualifier_readThreeWays() {
    Policy notAlice =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringNotEquals\": {\"aws:username\": \"alice\"}}}");
    Policy notAliceNorBob =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringNotEquals\": {\"aws:username\": [\"alice\","
                + " \"bob\"]}}}");
    assertThat(REASONER.equivalent(notAlice, notAlice, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    assertThat(REASONER.noNewAccess(notAlice, notAliceNorBob, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    assertThat(REASONER.noNewAccess(notAliceNorBob, notAlice, PolicyType.IDENTITY).outcome())
        .isEqualTo(CheckResult.Outcome.FAIL);
    // A Deny with a positive test applies to a list holding a matching value.
    Policy denyAlice =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"aws:username\": \"alice\"}}}");
    Policy denyAliceIfExists =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"StringEqualsIfExists\": {\"aws:username\": \"alice\"}}}");
    assertThat(REASONER.noNewAccess(denyAlice, denyAliceIfExists, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    Request request =
        failing(REASONER.noNewAccess(denyAliceIfExists, denyAlice, PolicyType.IDENTITY));
    assertThat(request.context().contains("aws:username")).isFalse();
  }

  @Test
  void boolValueWithVariable_isUndecided() {
    Policy variable =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"${aws:username}\"}}}");
    Policy present =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"Null\": {\"aws:SecureTransport\": \"false\"}}}");
    // The Deny applies whenever the key is present, as Null false does.
    assertThat(REASONER.equivalent(variable, present, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void accessNotGranted_onActionsAwsAllowsOutsidePolicies_isNeverPass() {
    Policy nothing =
        policy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
    for (List<String> actions :
        List.of(List.of("sts:GetCallerIdentity"), List.of("sts:*"), List.of("*"))) {
      assertThat(
              REASONER.accessNotGranted(nothing, PolicyType.IDENTITY, actions, List.of()).outcome())
          .isEqualTo(CheckResult.Outcome.INCONCLUSIVE);
    }
    assertThat(
            REASONER.accessNotGranted(
                nothing, PolicyType.IDENTITY, List.of("sts:AssumeRole"), List.of()))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noVersion_plainTextAndSubstitutedReadings_allowNeedsBothDenyEither() {
    // docs/semantics.md §12.8: "a${*}" is the pattern a${ * } as plain text, the ARN a*
    // substituted.
    Policy allow =
        Policy.parse(
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::a${*}\"}]}");
    // No resource matches both readings: the Allow grants nothing.
    assertThat(REASONER.accessNotGranted(allow, PolicyType.IDENTITY, List.of(), List.of()))
        .isEqualTo(new CheckResult.Pass());
    Policy deny =
        Policy.parse(
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\","
                + " \"Resource\": \"arn:aws:s3:::a${*}\"}]}");
    List<String> s3 = List.of("s3:GetObject");
    // Denied in the substituted reading (the ARN a*), and in the plain-text one (a${x}).
    for (String denied : List.of("arn:aws:s3:::a${*}", "arn:aws:s3:::a${$}{x}")) {
      assertThat(REASONER.accessNotGranted(deny, PolicyType.IDENTITY, s3, List.of(denied)))
          .as(denied)
          .isEqualTo(new CheckResult.Pass());
    }
    Request request =
        failing(
            REASONER.accessNotGranted(deny, PolicyType.IDENTITY, s3, List.of("arn:aws:s3:::a?")));
    assertThat(request.resource()).isNotEqualTo("arn:aws:s3:::a*");
    // A variable proper: never a pass by approximation.
    Policy variable =
        Policy.parse(
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\","
                + " \"Resource\": \"arn:aws:s3:::home/${aws:username}/*\"}]}");
    assertThat(
            REASONER
                .accessNotGranted(
                    variable,
                    PolicyType.IDENTITY,
                    List.of("s3:DeleteObject"),
                    List.of("arn:aws:s3:::home/alice/x"))
                .outcome())
        .isIn(CheckResult.Outcome.INCONCLUSIVE, CheckResult.Outcome.FAIL);
  }

  private static Policy allowS3(String condition) {
    return policy(
        "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": "
            + condition
            + "}");
  }

  @Test
  void emptyStringsUnderForAllValues_alsoReadAsAnEmptySet() {
    // §12.5: [""] is read as itself and as an empty set. ForAllValues:StringLike "?*" holds for
    // the empty set but not for "", so an Allow does not apply to [""]: no empty string is
    // granted beyond ForAllValues:StringLike "*" without one.
    Policy nonEmpty = allowS3("{\"ForAllValues:StringLike\": {\"aws:TagKeys\": \"?*\"}}");
    Policy any = allowS3("{\"ForAllValues:StringLike\": {\"aws:TagKeys\": \"*\"}}");
    Request request = failing(REASONER.noNewAccess(nonEmpty, any, PolicyType.IDENTITY));
    assertThat(request.context().values("aws:tagkeys").orElseThrow()).contains("");
    assertThat(REASONER.noNewAccess(any, nonEmpty, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    // A Deny with ForAllValues applies to [""] whatever its test, since the empty-set reading
    // holds: denying "?*" fences every list of empty strings too.
    Policy denyNonEmpty =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"ForAllValues:StringLike\": {\"aws:TagKeys\": \"?*\"}}}");
    Policy alsoDenyEmpty =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"ForAllValues:StringLike\": {\"aws:TagKeys\": \"?*\"}}},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"ForAllValues:StringEquals\": {\"aws:TagKeys\": \"\"}}}");
    assertThat(REASONER.equivalent(denyNonEmpty, alsoDenyEmpty, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    // What the Deny leaves: lists holding "" beside a value that is not empty.
    List<String> left =
        failing(REASONER.accessNotGranted(denyNonEmpty, PolicyType.IDENTITY, List.of(), List.of()))
            .context()
            .values("aws:tagkeys")
            .orElseThrow();
    assertThat(left).contains("").anyMatch(v -> !v.isEmpty());
  }

  @Test
  void emptyStringsUnderForAnyValue_needAValueThatIsNotEmpty() {
    // §12.5: ForAnyValue:StringEquals "" never lets an Allow apply: the empty-set reading fails.
    Policy empty = allowS3("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": \"\"}}");
    assertThat(
            REASONER.accessNotGranted(empty, PolicyType.IDENTITY, List.of(), List.of()).outcome())
        .isEqualTo(CheckResult.Outcome.FAIL);
    Request request =
        failing(REASONER.accessNotGranted(empty, PolicyType.IDENTITY, List.of(), List.of()));
    List<String> values = request.context().values("aws:tagkeys").orElseThrow();
    assertThat(values).contains("").anyMatch(v -> !v.isEmpty());
  }

  @Test
  void unreadableTypedValues_stopAnAllowAndLetADenyApply() {
    // §6.4.6: a value the operator cannot read is undecided, negated operators included.
    Policy notFive = allowS3("{\"NumericNotEquals\": {\"s3:max-keys\": \"5\"}}");
    Policy readable =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"NumericLessThan\": {\"s3:max-keys\": \"5\"}}},"
                + " {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"NumericGreaterThan\": {\"s3:max-keys\": \"5\"}}},"
                + " {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"ForAllValues:NumericNotEquals\": {\"s3:max-keys\":"
                + " \"5\"}}}");
    assertThat(REASONER.noNewAccess(readable, notFive, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    Policy denyBig =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\": \"192.0.2.0/24\"}}}");
    Policy inside = allowS3("{\"IpAddress\": {\"aws:SourceIp\": \"192.0.2.0/24\"}}");
    Policy unreadable = allowS3("{\"StringEquals\": {\"aws:SourceIp\": \"localhost\"}}");
    // The Deny fences an unreadable address: the candidate inside the block adds nothing.
    assertThat(REASONER.noNewAccess(denyBig, inside, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    // A key tested as a string and as an address has no exact encoding.
    assertThat(REASONER.noNewAccess(denyBig, unreadable, PolicyType.IDENTITY).outcome())
        .isEqualTo(CheckResult.Outcome.INCONCLUSIVE);
  }
}
