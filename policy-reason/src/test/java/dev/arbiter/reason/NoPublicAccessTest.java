package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Reasoner#noPublicAccess}: the adversary of docs/reasoning.md ("No public access"), the
 * fixed-value boundary for every restricting key, and the reasons' wording.
 */
class NoPublicAccessTest {
  private static final Reasoner REASONER = Reasoner.create();

  private static Policy bucket(String principal, String condition) {
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Read\", \"Effect\": \"Allow\","
            + " \"Principal\": "
            + principal
            + ", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\""
            + (condition.isEmpty() ? "" : ", \"Condition\": " + condition)
            + "}]}");
  }

  private static CheckResult check(Policy policy) {
    return REASONER.noPublicAccess(policy, PublicResourceType.S3_BUCKET);
  }

  private static CheckResult.Fail failed(CheckResult result) {
    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    return (CheckResult.Fail) result;
  }

  @Test
  void noPublicAccess_starPrincipal_failsWithAnAnonymousRequest() {
    CheckResult.Fail fail = failed(check(bucket("\"*\"", "")));
    Reason reason = fail.reasons().get(0);
    assertThat(reason.statementIndex()).isZero();
    assertThat(reason.sid()).contains("Read");
    assertThat(reason.line()).isEqualTo(1);
    Request request = reason.counterexample();
    assertThat(request.principal()).isEqualTo("anonymous");
    assertThat(request.action()).isEqualTo("s3:GetObject");
    assertThat(request.resource()).startsWith("arn:aws:s3:::reports/");
    assertThat(reason.description()).contains("anyone, anonymously");
  }

  @Test
  void noPublicAccess_namedAccountOrRole_passes() {
    assertThat(check(bucket("{\"AWS\": \"111122223333\"}", ""))).isEqualTo(new CheckResult.Pass());
    assertThat(check(bucket("{\"AWS\": \"arn:aws:iam::111122223333:role/reader\"}", "")))
        .isEqualTo(new CheckResult.Pass());
    assertThat(check(bucket("{\"Service\": \"cloudtrail.amazonaws.com\"}", "")))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noPublicAccess_otherResourceTypeActions_areNotAccessToTheBucket() {
    Policy sqs =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " \"*\", \"Action\": \"sqs:SendMessage\", \"Resource\": \"*\"}]}");
    assertThat(check(sqs)).isEqualTo(new CheckResult.Pass());
    assertThat(REASONER.noPublicAccess(sqs, PublicResourceType.SQS_QUEUE).outcome())
        .isEqualTo(CheckResult.Outcome.FAIL);
  }

  @Test
  void noPublicAccess_denyForOutsiders_passes() {
    Policy policy =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " \"*\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::reports/*\"},"
                + " {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\":"
                + " \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:PrincipalOrgID\":"
                + " \"o-a1b2c3d4e5\"}}}]}");
    assertThat(check(policy)).isEqualTo(new CheckResult.Pass());
  }

  /** Per restricting key: a fixed value is not public, a wildcard or a negation is. */
  static Stream<Arguments> restrictingKeys() {
    return Stream.of(
        Arguments.of("aws:PrincipalAccount", "StringEquals", "111122223333", "1111*"),
        Arguments.of(
            "aws:PrincipalArn",
            "ArnEquals",
            "arn:aws:iam::111122223333:role/reader",
            "arn:aws:iam::*:role/reader"),
        Arguments.of("aws:PrincipalOrgID", "StringEquals", "o-a1b2c3d4e5", "o-*"),
        Arguments.of(
            "aws:PrincipalOrgPaths",
            "StringEquals",
            "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/",
            "o-*"),
        Arguments.of("aws:userid", "StringEquals", "AIDAEXAMPLEUSERID", "AIDA*"),
        Arguments.of("aws:userid", "StringLike", "AROAEXAMPLEROLEID:*", "AROA*"),
        Arguments.of("aws:SourceAccount", "StringEquals", "111122223333", "*"),
        Arguments.of(
            "aws:SourceArn",
            "ArnLike",
            "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE",
            "arn:aws:cloudfront::*:distribution/*"),
        Arguments.of("aws:SourceOwner", "StringEquals", "111122223333", "11112222333?"),
        Arguments.of("aws:SourceVpc", "StringEquals", "vpc-1a2b3c4d", "vpc-*"),
        Arguments.of("aws:SourceVpce", "StringEquals", "vpce-1a2b3c4d", "vpce-*"),
        Arguments.of("aws:SourceOrgID", "StringEquals", "o-a1b2c3d4e5", "o-*"),
        Arguments.of("aws:SourceOrgPaths", "StringEquals", "o-a1b2c3d4e5/r-ab12/", "o-*"),
        Arguments.of("kms:CallerAccount", "StringEquals", "111122223333", "*"),
        Arguments.of("s3:DataAccessPointAccount", "StringEquals", "111122223333", "*"),
        Arguments.of(
            "s3:x-amz-server-side-encryption-aws-kms-key-id",
            "StringEquals",
            "arn:aws:kms:us-east-1:111122223333:key/example",
            "arn:aws:kms:*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restrictingKeys")
  void noPublicAccess_restrictingKey_fixedPassesWildcardFails(
      String key, String operator, String fixed, String wildcard) {
    String like = operator.startsWith("Arn") ? "ArnLike" : "StringLike";
    assertThat(check(bucket("\"*\"", cond(operator, key, fixed))))
        .as("%s fixed", key)
        .isEqualTo(new CheckResult.Pass());
    CheckResult.Fail open = failed(check(bucket("\"*\"", cond(like, key, wildcard))));
    assertThat(open.reasons().get(0).description())
        .contains(key.toLowerCase(java.util.Locale.ROOT));
    String negated = operator.startsWith("Arn") ? "ArnNotEquals" : "StringNotEquals";
    assertThat(check(bucket("\"*\"", cond(negated, key, fixed))).outcome())
        .as("%s negated", key)
        .isEqualTo(CheckResult.Outcome.FAIL);
  }

  private static String cond(String operator, String key, String value) {
    return "{\"" + operator + "\": {\"" + key + "\": \"" + value + "\"}}";
  }

  @Test
  void noPublicAccess_sourceIp_blockIsNotPublicSlashZeroIs() {
    assertThat(check(bucket("\"*\"", cond("IpAddress", "aws:SourceIp", "192.0.2.0/24"))))
        .isEqualTo(new CheckResult.Pass());
    CheckResult.Fail open =
        failed(check(bucket("\"*\"", cond("IpAddress", "aws:SourceIp", "0.0.0.0/0"))));
    assertThat(open.reasons().get(0).counterexample().context().value("aws:sourceip")).isPresent();
    assertThat(
            check(bucket("\"*\"", cond("NotIpAddress", "aws:SourceIp", "192.0.2.0/24"))).outcome())
        .isEqualTo(CheckResult.Outcome.FAIL);
    // A Deny outside the block closes the grant, even for requests without the key.
    Policy closed =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"},"
                + " {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\":"
                + " \"arn:aws:s3:::b/*\", \"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\":"
                + " [\"192.0.2.0/24\", \"2001:db8::/32\"]}}}]}");
    assertThat(check(closed)).isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noPublicAccess_principalArnFixedButAccountWildcardPrincipal_fails() {
    CheckResult.Fail fail = failed(check(bucket("{\"AWS\": \"*\"}", "")));
    assertThat(fail.reasons().get(0).counterexample().principal()).isEqualTo("anonymous");
    CheckResult.Fail secure =
        failed(check(bucket("\"*\"", cond("Bool", "aws:SecureTransport", "true"))));
    assertThat(secure.reasons().get(0).counterexample().context().value("aws:securetransport"))
        .contains("true");
  }

  @Test
  void noPublicAccess_trustPolicy_webIdentityWithoutAudienceIsPublic() {
    Policy google =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"Federated\": \"accounts.google.com\"}, \"Action\":"
                + " \"sts:AssumeRoleWithWebIdentity\"}]}");
    CheckResult.Fail fail =
        failed(REASONER.noPublicAccess(google, PublicResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT));
    assertThat(fail.reasons().get(0).description()).contains("signs in with accounts.google.com");
    Policy audience =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"Federated\": \"accounts.google.com\"}, \"Action\":"
                + " \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\":"
                + " {\"accounts.google.com:aud\": \"66677.apps.googleusercontent.com\"}}}]}");
    assertThat(
            REASONER.noPublicAccess(audience, PublicResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT))
        .isEqualTo(new CheckResult.Pass());
    Policy account =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"sts:AssumeRole\"}]}");
    assertThat(REASONER.noPublicAccess(account, PublicResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT))
        .isEqualTo(new CheckResult.Pass());
    Policy everyone =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}]}");
    Request request =
        failed(
                REASONER.noPublicAccess(
                    everyone, PublicResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT))
            .reasons()
            .get(0)
            .counterexample();
    assertThat(request.action()).isEqualTo("sts:AssumeRole");
  }

  @Test
  void noPublicAccess_kmsKeyPolicy_rootOfOwnAccountIsNotPublic() {
    Policy key =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}, {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"},"
                + " \"Action\": \"kms:Decrypt\", \"Resource\": \"*\", \"Condition\":"
                + " {\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\", \"kms:ViaService\":"
                + " \"s3.us-east-1.amazonaws.com\"}}}]}");
    assertThat(REASONER.noPublicAccess(key, PublicResourceType.KMS_KEY))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void fromAwsName_everyType_roundTrips() {
    for (PublicResourceType type : PublicResourceType.values()) {
      assertThat(PublicResourceType.fromAwsName(type.awsName())).contains(type);
    }
    assertThat(PublicResourceType.values()).hasSize(26);
    assertThat(PublicResourceType.fromAwsName("AWS::EC2::Instance")).isEmpty();
  }
}
