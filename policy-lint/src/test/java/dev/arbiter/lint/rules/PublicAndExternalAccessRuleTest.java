package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicAndExternalAccessRuleTest {

  private static List<Finding> findings(PolicyType type, String code, String statements) {
    String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
    return Linter.builder().policyType(type).build().lint("p.json", policy).findings().stream()
        .filter(f -> f.code().equals(code))
        .toList();
  }

  private static String bucketStatement(String principal, String condition) {
    return "{\"Effect\": \"Allow\", \"Principal\": "
        + principal
        + ", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\""
        + (condition.isEmpty() ? "" : ", \"Condition\": " + condition)
        + "}";
  }

  @Test
  void check_publicBucketPolicy_reportsPublicAccessWithARequest() {
    assertThat(findings(PolicyType.RESOURCE, "PUBLIC_ACCESS", bucketStatement("\"*\"", "")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).contains("anyone, anonymously", "\"s3:GetObject\"");
              assertThat(f.pointer().toString()).isEqualTo("/Statement/0");
            });
  }

  @Test
  void check_fixedOrganizationOrNamedAccount_isNotPublic() {
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "PUBLIC_ACCESS",
                bucketStatement(
                    "\"*\"", "{\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}")))
        .isEmpty();
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "PUBLIC_ACCESS",
                bucketStatement("{\"AWS\": \"111122223333\"}", "")))
        .isEmpty();
  }

  @Test
  void check_publicKeyPolicyWithGivenType_isReported() {
    String policy =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
            + " {\"AWS\": \"*\"}, \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}]}";
    List<Finding> kms =
        Linter.builder()
            .policyType(PolicyType.RESOURCE)
            .resourceType(PolicyResourceType.S3_BUCKET)
            .build()
            .lint("key.json", policy)
            .findings()
            .stream()
            .filter(f -> f.code().equals("PUBLIC_ACCESS"))
            .toList();
    // Attached to a bucket, kms:Decrypt reaches nothing: not public there.
    assertThat(kms).isEmpty();
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "PUBLIC_ACCESS",
                "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\":"
                    + " \"kms:Decrypt\", \"Resource\": \"*\"}"))
        .hasSize(1);
  }

  @Test
  void check_trustPolicyForAnyAccount_isPublic() {
    assertThat(
            findings(
                PolicyType.TRUST,
                "PUBLIC_ACCESS",
                "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\":"
                    + " \"sts:AssumeRole\"}"))
        .hasSize(1);
  }

  @Test
  void check_otherAccount_reportsExternalAccessNamingIt() {
    String statement =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::444455556666:root\","
            + " \"arn:aws:iam::111122223333:role/r\"], \"Service\": \"sns.amazonaws.com\"},"
            + " \"Action\": \"sqs:SendMessage\", \"Resource\":"
            + " \"arn:aws:sqs:us-east-1:111122223333:queue\"}";
    assertThat(findings(PolicyType.RESOURCE, "EXTERNAL_ACCESS", statement))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains(
                        "own account 111122223333, to the account 444455556666,",
                        "sns.amazonaws.com"));
  }

  @Test
  void check_ownAccountUnknown_reportsOnlySeveralAccountsOrAnOrganization() {
    String one =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"},"
            + " \"Action\": \"sts:AssumeRole\"}";
    assertThat(findings(PolicyType.TRUST, "EXTERNAL_ACCESS", one)).isEmpty();
    String two =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"111122223333\", \"444455556666\"]},"
            + " \"Action\": \"sts:AssumeRole\"}";
    assertThat(findings(PolicyType.TRUST, "EXTERNAL_ACCESS", two))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("not known", "444455556666"));
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "EXTERNAL_ACCESS",
                bucketStatement(
                    "\"*\"", "{\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}")))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("organization o-a1b2c3d4e5"));
  }
}
