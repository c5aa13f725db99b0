package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.S3BlockPublicAccess;
import dev.arbiter.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policy sets with S3 Block Public Access restricting public buckets (docs/semantics.md §9.13): a
 * public bucket policy's Allows reach only AWS service principals and the owner account's
 * principals, on S3 resources; a bucket policy that is not public is not affected. Whether the
 * policy is public is the reasoner's own no-public-access check; where that is inconclusive, so is
 * the set check. Every FAIL is confirmed on the set's evaluator with the reasoner's public test.
 */
class SetBlockPublicAccessTest {
  private static final Reasoner REASONER = Reasoner.create();
  private static final String OWNER = "111122223333";
  private static final RequestShape OUTSIDER =
      new RequestShape("arn:aws:iam::444455556666:user/pat", OWNER);
  private static final RequestShape INSIDER =
      new RequestShape("arn:aws:iam::" + OWNER + ":user/dana", OWNER);
  private static final RequestShape ANONYMOUS = new RequestShape("anonymous", OWNER);
  private static final RequestShape CLOUDTRAIL =
      new RequestShape("cloudtrail.amazonaws.com", OWNER);
  private static final S3BlockPublicAccess RESTRICT = new S3BlockPublicAccess(false, true);

  /** Names one principal of another account: not public (S3's "fixed principal"). */
  private static final Policy TO_PAT =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::444455556666:user/pat"},
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}""");

  /**
   * Everyone may read; CloudTrail may write; and, oddly, everyone may send to a queue (a Resource
   * outside S3, which Block Public Access does not concern).
   */
  private static final Policy TO_EVERYONE =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": "*",
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
            {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/AWSLogs/*"},
            {"Effect": "Allow", "Principal": "*",
             "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}""");

  /** A public grant the no-public-access check cannot decide (a set qualifier on aws:SourceIp). */
  private static final Policy UNDECIDED =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::reports/*",
             "Condition": {"ForAnyValue:IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");

  private static final Policy READER =
      Policy.parse(
          """
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "*"}]}""");

  private static PolicySet bucketSet(Policy bucket, S3BlockPublicAccess settings) {
    return PolicySet.builder()
        .identityPolicy("reader", READER)
        .resourcePolicy("reports", bucket)
        .s3BlockPublicAccess(settings)
        .build();
  }

  private static CheckResult granted(
      Policy bucket, S3BlockPublicAccess settings, RequestShape shape, String action) {
    PolicySet set = bucketSet(bucket, settings);
    CheckResult result = REASONER.accessNotGranted(set, shape, List.of(action), List.of());
    if (result instanceof CheckResult.Fail fail) {
      Evaluator evaluator =
          Evaluator.of(set.toBuilder().publicPolicyTest(S3PublicPolicyTest.create()).build());
      for (Reason reason : fail.reasons()) {
        assertThat(evaluator.evaluate(reason.counterexample()))
            .as("%s is allowed by the set", reason.counterexample())
            .isEqualTo(Decision.ALLOWED);
      }
    }
    return result;
  }

  @Test
  void accessNotGranted_notPublicPolicyRestricted_stillGrantsTheNamedOutsider() {
    CheckResult result = granted(TO_PAT, RESTRICT, OUTSIDER, "s3:GetObject");

    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    assertThat(((CheckResult.Fail) result).reasons().get(0).counterexample().resource())
        .startsWith("arn:aws:s3:::reports/");
  }

  @Test
  void accessNotGranted_settingsOff_decided() {
    assertThat(granted(TO_PAT, S3BlockPublicAccess.OFF, OUTSIDER, "s3:GetObject"))
        .isInstanceOf(CheckResult.Fail.class);
  }

  @Test
  void accessNotGranted_publicPolicyRestricted_outsiderGetsNothing() {
    assertThat(granted(TO_EVERYONE, S3BlockPublicAccess.OFF, OUTSIDER, "s3:GetObject"))
        .isInstanceOf(CheckResult.Fail.class);

    assertThat(granted(TO_EVERYONE, RESTRICT, OUTSIDER, "s3:GetObject"))
        .isEqualTo(new CheckResult.Pass());
    assertThat(granted(TO_EVERYONE, new S3BlockPublicAccess(true, false), OUTSIDER, "s3:*"))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void accessNotGranted_publicPolicyRestricted_anonymousGetsNothing() {
    assertThat(granted(TO_EVERYONE, S3BlockPublicAccess.OFF, ANONYMOUS, "s3:GetObject"))
        .isInstanceOf(CheckResult.Fail.class);

    assertThat(granted(TO_EVERYONE, RESTRICT, ANONYMOUS, "s3:GetObject"))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void accessNotGranted_publicPolicyRestricted_ownerAccountKeepsTheGrant() {
    // dana has no identity policy for s3:GetObject in her own account beyond "reader"; the bucket
    // policy's "*" grants her directly, and Block Public Access leaves the owner's principals be.
    PolicySet set =
        PolicySet.builder()
            .resourcePolicy("reports", TO_EVERYONE)
            .s3BlockPublicAccess(RESTRICT)
            .build();
    CheckResult result =
        REASONER.accessNotGranted(set, INSIDER, List.of("s3:GetObject"), List.of());

    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    Evaluator evaluator =
        Evaluator.of(set.toBuilder().publicPolicyTest(S3PublicPolicyTest.create()).build());
    assertThat(evaluator.evaluate(((CheckResult.Fail) result).reasons().get(0).counterexample()))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void accessNotGranted_publicPolicyRestricted_serviceKeepsTheGrant() {
    assertThat(granted(TO_EVERYONE, RESTRICT, CLOUDTRAIL, "s3:PutObject"))
        .isInstanceOf(CheckResult.Fail.class);
  }

  @Test
  void accessNotGranted_publicPolicyRestricted_resourcesOutsideS3Unaffected() {
    assertThat(granted(TO_EVERYONE, RESTRICT, ANONYMOUS, "sqs:SendMessage"))
        .isInstanceOf(CheckResult.Fail.class);
    assertThat(granted(TO_EVERYONE, RESTRICT, OUTSIDER, "sqs:SendMessage"))
        .isInstanceOf(CheckResult.Fail.class);
  }

  @Test
  void accessNotGranted_publicityInconclusive_inconclusive() {
    assertThat(REASONER.noPublicAccess(UNDECIDED, PublicResourceType.S3_BUCKET).outcome())
        .isEqualTo(CheckResult.Outcome.INCONCLUSIVE);

    CheckResult result = granted(UNDECIDED, RESTRICT, OUTSIDER, "s3:GetObject");

    assertThat(result).isInstanceOf(CheckResult.Inconclusive.class);
    assertThat(((CheckResult.Inconclusive) result).cause())
        .contains("whether the bucket policy is public");
    // Without the setting the same set is decided: the grant reaches pat.
    assertThat(granted(UNDECIDED, S3BlockPublicAccess.OFF, OUTSIDER, "s3:GetObject"))
        .isInstanceOf(CheckResult.Fail.class);
  }

  @Test
  void noNewAccess_turningRestrictionOn_addsNothing() {
    for (RequestShape shape : List.of(OUTSIDER, INSIDER, ANONYMOUS, CLOUDTRAIL)) {
      assertThat(
              REASONER.noNewAccess(
                  bucketSet(TO_EVERYONE, S3BlockPublicAccess.OFF),
                  bucketSet(TO_EVERYONE, RESTRICT),
                  shape))
          .as("%s", shape)
          .isEqualTo(new CheckResult.Pass());
    }
  }

  @Test
  void noNewAccess_turningRestrictionOff_givesThePublicBack() {
    PolicySet restricted = bucketSet(TO_EVERYONE, RESTRICT);
    PolicySet open = bucketSet(TO_EVERYONE, S3BlockPublicAccess.OFF);

    CheckResult result = REASONER.noNewAccess(restricted, open, OUTSIDER);

    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    assertThat(((CheckResult.Fail) result).reasons().get(0).counterexample().action())
        .isEqualTo("s3:GetObject");
    // The owner's principals and services lose nothing to the setting.
    assertThat(REASONER.noNewAccess(restricted, open, INSIDER)).isEqualTo(new CheckResult.Pass());
    assertThat(REASONER.noNewAccess(restricted, open, CLOUDTRAIL))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noNewAccess_notPublicPolicy_settingChangesNothing() {
    Differences differences =
        REASONER.differences(
            bucketSet(TO_PAT, S3BlockPublicAccess.OFF), bucketSet(TO_PAT, RESTRICT), OUTSIDER);

    assertThat(differences.added()).isEqualTo(new CheckResult.Pass());
    assertThat(differences.removed()).isEqualTo(new CheckResult.Pass());
  }

  /**
   * simulate --conditions on a set with the setting on: the set's own test of publicity decides, as
   * its evaluator does. Outside the VPC endpoint the bucket policy grants everyone, which makes it
   * public, so the outsider is never allowed; the owner's principal is, under that condition.
   */
  @Test
  void conditions_publicPolicyRestricted_outsiderNeverOwnerIfEndpoint() {
    Policy endpointOnly =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::reports/*",
               "Condition": {"StringLike": {"aws:SourceVpce": "vpce-*"}}}]}""");
    PolicySet set =
        PolicySet.builder()
            .identityPolicy("reader", READER)
            .resourcePolicy("reports", endpointOnly)
            .s3BlockPublicAccess(RESTRICT)
            .publicPolicyTest(S3PublicPolicyTest.of(REASONER))
            .build();
    Request outsider =
        Request.builder()
            .principal(OUTSIDER.principal())
            .action("s3:GetObject")
            .resource("arn:aws:s3:::reports/q1.csv")
            .resourceAccount(OWNER)
            .build();
    Request dana =
        Request.builder()
            .principal(INSIDER.principal())
            .action("s3:GetObject")
            .resource("arn:aws:s3:::reports/q1.csv")
            .resourceAccount(OWNER)
            .build();

    assertThat(REASONER.conditions(set, outsider)).isInstanceOf(Conditions.Never.class);
    assertThat(
            REASONER.conditions(
                set.toBuilder().s3BlockPublicAccess(S3BlockPublicAccess.OFF).build(), outsider))
        .isInstanceOf(Conditions.AllowedIf.class);
    // dana's own identity policy allows her whatever the endpoint.
    assertThat(REASONER.conditions(set, dana)).isInstanceOf(Conditions.AllowedIf.class);
  }
}
