package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.policy.PolicyType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviours that make the linter say what IAM Access Analyzer says (issue 13): the resource
 * type of a resource policy, ARN findings in its order and number, tag keys per Action entry, SCPs
 * in the full policy language, and write actions on every resource.
 */
class AccessAnalyzerParityTest {

  private static final Linter LINTER = Linter.builder().build();

  private static String policy(String statements) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
  }

  private static List<String> codes(LintResult result) {
    return result.findings().stream().map(Finding::code).toList();
  }

  private static LintResult lint(PolicyResourceType type, String statements) {
    return Linter.builder().resourceType(type).build().lint("p.json", policy(statements));
  }

  private static final String PUT =
      "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
          + " \"Action\": \"s3:GetObject\"";

  @Test
  void resourceType_accessPoint_rejectsABucketArnAndAcceptsItsOwn() {
    LintResult bucket =
        lint(PolicyResourceType.S3_ACCESS_POINT, PUT + ", \"Resource\": \"arn:aws:s3:::b/*\"}");
    assertThat(codes(bucket)).contains("UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
    assertThat(bucket.policyType()).contains(PolicyType.RESOURCE);
    assertThat(bucket.resourceType()).contains(PolicyResourceType.S3_ACCESS_POINT);
    assertThat(bucket.resourceTypeInferred()).isFalse();
    LintResult own =
        lint(
            PolicyResourceType.S3_ACCESS_POINT,
            PUT
                + ", \"Resource\":"
                + " \"arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*\"}");
    assertThat(codes(own)).doesNotContain("UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
  }

  @Test
  void resourceType_multiRegionAccessPoint_acceptsItsObjectsWithoutAnyOtherFinding() {
    LintResult result =
        lint(
            PolicyResourceType.S3_MULTI_REGION_ACCESS_POINT,
            PUT
                + ", \"Resource\":"
                + " \"arn:aws:s3::111122223333:accesspoint/abc.mrap/object/*\"}");
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void resourceType_bucket_rejectsStarAndRequiresAResource() {
    assertThat(codes(lint(PolicyResourceType.S3_BUCKET, PUT + ", \"Resource\": \"*\"}")))
        .contains("UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
    assertThat(codes(lint(PolicyResourceType.S3_BUCKET, PUT + "}"))).contains("MISSING_RESOURCE");
    // A generic resource policy (a queue, a key) may leave Resource out.
    assertThat(codes(LINTER.lint("p.json", policy(PUT.replace("s3:GetObject", "sqs:*") + "}"))))
        .doesNotContain("MISSING_RESOURCE");
  }

  @Test
  void resourceType_trustDocument_impliesATrustPolicy() {
    LintResult result =
        Linter.builder()
            .resourceType(PolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT)
            .build()
            .lint(
                "t.json",
                policy(
                    "{\"Effect\": \"Allow\", \"Principal\": {\"Service\":"
                        + " \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}"));
    assertThat(result.policyType()).contains(PolicyType.TRUST);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void resourceType_notGiven_isInferredFromTheArnsAndSaidSo() {
    LintResult result =
        LINTER.lint(
            "bucket.json",
            policy(
                PUT
                    + ", \"Resource\": [\"arn:aws:s3:::b/*\","
                    + " \"arn:aws:kms:us-east-1:111122223333:key/k\"]}"));
    assertThat(result.resourceType()).contains(PolicyResourceType.S3_BUCKET);
    assertThat(result.resourceTypeInferred()).isTrue();
    assertThat(result.findings())
        .filteredOn(f -> f.code().equals("UNSUPPORTED_RESOURCE_ARN_IN_POLICY"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("kms").contains("inferred"));
    // Inferred, "*" is not reported: the policy may be of another kind.
    LintResult star = LINTER.lint("b.json", policy(PUT + ", \"Resource\": \"*\"}"));
    assertThat(star.resourceType()).isEmpty();
    assertThat(codes(star)).doesNotContain("UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
  }

  @Test
  void resourceType_fromConfig_byPathGlob() {
    LintConfig config =
        LintConfig.parse(
            """
            policy-types:
              - path: aps/**
                resource-type: aws::s3::accesspoint
            """,
            "test.yaml",
            Path.of("/repo"));
    assertThat(config.resourceTypeOf("/repo/aps/x.json"))
        .contains(PolicyResourceType.S3_ACCESS_POINT);
    assertThat(config.policyTypeOf("/repo/aps/x.json")).contains(PolicyType.RESOURCE);
    assertThat(config.resourceTypeOf("/repo/other/x.json")).isEmpty();
    LintResult result =
        Linter.builder()
            .config(config)
            .build()
            .lint("/repo/aps/x.json", policy(PUT + ", \"Resource\": \"arn:aws:s3:::b/*\"}"));
    assertThat(codes(result)).contains("UNSUPPORTED_RESOURCE_ARN_IN_POLICY");
  }

  private static List<String> arnCodes(String resource) {
    return codes(
            LINTER.lint(
                "p.json",
                policy(
                    "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \""
                        + resource
                        + "\"}")))
        .stream()
        .filter(c -> c.contains("ARN") || c.equals("INVALID_PARTITION"))
        .toList();
  }

  @Test
  void arn_oneFindingPerValue_inAccessAnalyzersOrder() {
    assertThat(arnCodes("fakeArn")).containsExactly("MISSING_ARN_FIELD");
    assertThat(arnCodes("aws:aws:s3:::b/*")).containsExactly("INVALID_ARN_PREFIX");
    assertThat(arnCodes("arn:aws:iam:eu-west-1::role/*")).containsExactly("ARN_REGION_NOT_ALLOWED");
    assertThat(arnCodes("arn:aws:lambda:invalid-region-1::test/*"))
        .containsExactly("INVALID_ARN_REGION");
    assertThat(arnCodes("arn:aws:s3::111122223333:my-bucket"))
        .containsExactly("ARN_ACCOUNT_NOT_ALLOWED");
    assertThat(arnCodes("arn:aws:sqs::111122223333:queue")).containsExactly("MISSING_ARN_REGION");
    assertThat(arnCodes("arn:aws:iam::role/x:y")).containsExactly("INVALID_ARN_ACCOUNT");
    // A wildcard resource part that fits a format once the account is set aside: left alone.
    assertThat(arnCodes("arn:aws:s3::111122223333:test/*")).isEmpty();
  }

  private static List<String> tagCodes(String effect, String action) {
    return codes(
        LINTER.lint(
            "p.json",
            policy(
                "{\"Effect\": \""
                    + effect
                    + "\", \"Action\": \""
                    + action
                    + "\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\":"
                    + " {\"aws:ResourceTag/env\": \"prod\"}}}")));
  }

  @Test
  void tagKey_perActionEntry() {
    assertThat(tagCodes("Allow", "ec2:Describe*"))
        .contains("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE");
    assertThat(tagCodes("Deny", "ec2:DescribeInstances"))
        .contains("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE");
    assertThat(tagCodes("Allow", "ec2:DescribeInstanceAttribute"))
        .doesNotContain("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE");
    assertThat(tagCodes("Allow", "ec2:StartInstances"))
        .doesNotContain("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE");
  }

  @Test
  void scp_fullPolicyLanguage_isNoError() {
    LintResult result =
        Linter.builder()
            .policyType(PolicyType.SCP)
            .build()
            .lint(
                "scp.json",
                policy(
                    "{\"Effect\": \"Deny\", \"Action\": \"s3:*Object\", \"NotResource\":"
                        + " \"arn:aws:s3:::logs/*\"},"
                        + " {\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"Resource\": \"*\","
                        + " \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\":"
                        + " \"eu-west-1\"}}}"));
    assertThat(result.hasFindingsAtLeast(FindingType.ERROR)).isFalse();
  }

  private static List<String> writeCodes(String action, String resource) {
    return codes(
        LINTER.lint(
            "p.json",
            policy(
                "{\"Effect\": \"Allow\", \"Action\": \""
                    + action
                    + "\", \"Resource\": \""
                    + resource
                    + "\"}")));
  }

  @Test
  void infrastructureModification_onlyOnStarAndResourceLevelActions() {
    assertThat(writeCodes("dynamodb:PutItem", "*")).contains("INFRASTRUCTURE_MODIFICATION");
    assertThat(writeCodes("dynamodb:PutItem", "arn:aws:dynamodb:*:*:table/*"))
        .doesNotContain("INFRASTRUCTURE_MODIFICATION");
    assertThat(writeCodes("logs:PutLogEvents", "arn:aws:logs:*:*:*"))
        .doesNotContain("INFRASTRUCTURE_MODIFICATION");
  }

  @Test
  void fold_arbitersFindingsOnOneElement_intoTheMostSerious() {
    LintResult result =
        LINTER.lint(
            "admin.json",
            policy("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}"));
    java.util.Map<dev.arbiter.policy.JsonPointer, Long> perElement =
        result.findings().stream()
            .filter(f -> Linter.check(f.code()).orElseThrow().origin() == Check.Origin.ARBITER)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    Finding::pointer, java.util.stream.Collectors.counting()));
    assertThat(perElement.values()).allMatch(n -> n == 1);
    List<Finding> folded = result.findings().stream().filter(f -> !f.related().isEmpty()).toList();
    assertThat(folded).isNotEmpty();
    for (Finding head : folded) {
      assertThat(head.related())
          .allMatch(r -> head.type().atLeast(r.type()))
          .allMatch(r -> r.pointer().equals(head.pointer()));
      assertThat(head.toString()).contains("[also: ");
    }
    // Access Analyzer's own findings are each kept.
    assertThat(codes(result))
        .contains(
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE");
    System.out.println("fold: " + result.findings());
  }

  @Test
  void catalog_isOnByDefault_andCanBeTurnedOff() {
    String unknown =
        policy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"*\"}");
    assertThat(codes(LINTER.lint("p.json", unknown))).contains("INVALID_ACTION");
    assertThat(codes(Linter.builder().withoutCatalog().build().lint("p.json", unknown)))
        .doesNotContain("INVALID_ACTION");
  }
}
