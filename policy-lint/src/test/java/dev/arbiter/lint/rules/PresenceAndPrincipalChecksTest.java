package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Access Analyzer checks added for condition presence tests, service principals, OIDC audiences,
 * resource control policies and sensitive condition keys: each with an input that triggers it and a
 * near miss that must not.
 */
class PresenceAndPrincipalChecksTest {

  private static final Catalog CATALOG = Catalog.get();

  private static List<Finding> findings(PolicyType type, String code, String statements) {
    String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
    Linter linter = Linter.builder().catalog(CATALOG).policyType(type).build();
    return linter.lint("p.json", policy).allFindings().stream()
        .filter(f -> f.code().equals(code))
        .toList();
  }

  private static String identity(String condition) {
    return "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
        + " \"Resource\": \"arn:aws:s3:::example-bucket/*\", \"Condition\": {"
        + condition
        + "}}";
  }

  @Test
  void equivalentToNullFalse_stringLikeStar_isAPresenceTest() {
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_FALSE",
                identity("\"StringLike\": {\"aws:PrincipalTag/team\": [\"a*\", \"*\"]}")))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("\"Null\": {\"aws:PrincipalTag/team\""));
    // IfExists makes it always true (another check), a prefix makes it a real test.
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_FALSE",
                identity(
                    "\"StringLikeIfExists\": {\"aws:PrincipalTag/team\": \"*\"},"
                        + " \"StringLike\": {\"aws:PrincipalTag/unit\": \"a*\"}")))
        .isEmpty();
  }

  @Test
  void equivalentToNullTrue_stringNotLikeStar_isAnAbsenceTest() {
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_TRUE",
                identity("\"StringNotLike\": {\"aws:PrincipalTag/team\": \"*\"}")))
        .hasSize(1);
    // With ForAllValues the outcome for an empty set of values decides; not reported.
    assertThat(
            findings(
                PolicyType.IDENTITY,
                "EQUIVALENT_TO_NULL_TRUE",
                identity(
                    "\"ForAllValues:StringNotLike\": {\"aws:TagKeys\": \"*\"},"
                        + " \"StringNotLike\": {\"aws:PrincipalTag/team\": \"a?\"}")))
        .isEmpty();
  }

  private static String serviceGrant(String principal, String condition) {
    return "{\"Effect\": \"Allow\", \"Principal\": "
        + principal
        + ","
        + " \"Action\": \"sqs:SendMessage\","
        + " \"Resource\": \"arn:aws:sqs:us-east-1:111122223333:example\""
        + (condition.isEmpty() ? "" : ", \"Condition\": {" + condition + "}")
        + "}";
  }

  @Test
  void restrictAccessToServicePrincipal_onlyResourcePoliciesWithoutSourceKeys() {
    String sns = "{\"Service\": \"sns.amazonaws.com\"}";
    String code = "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL";
    assertThat(findings(PolicyType.RESOURCE, code, serviceGrant(sns, ""))).hasSize(1);
    assertThat(
            findings(
                PolicyType.RESOURCE,
                code,
                serviceGrant(
                    sns,
                    "\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:111122223333:t\"}")))
        .isEmpty();
    assertThat(
            findings(
                PolicyType.RESOURCE,
                code,
                serviceGrant(sns, "\"StringEquals\": {\"aws:SourceOrgID\": \"o-exampleorgid\"}")))
        .isEmpty();
    // Another kind of principal in the statement: the source keys would not apply to it.
    assertThat(
            findings(
                PolicyType.RESOURCE,
                code,
                serviceGrant(
                    "{\"Service\": \"sns.amazonaws.com\", \"AWS\": \"111122223333\"}", "")))
        .isEmpty();
  }

  @Test
  void recommendedConditionKey_refererInsteadOfSourceKeys() {
    String condition = "\"StringEquals\": {\"aws:Referer\": \"111122223333\"}";
    String sns = "{\"Service\": \"sns.amazonaws.com\"}";
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
                serviceGrant(sns, condition)))
        .hasSize(1);
    // The weaker suggestion replaces the security warning, not adds to it.
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
                serviceGrant(sns, condition)))
        .isEmpty();
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
                serviceGrant("{\"AWS\": \"111122223333\"}", condition)))
        .isEmpty();
  }

  @Test
  void unsupportedConditionKeyForServicePrincipal_principalTagsAndOrg() {
    String code = "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL";
    assertThat(
            findings(
                PolicyType.RESOURCE,
                code,
                serviceGrant(
                    "{\"Service\": \"sns.amazonaws.com\"}",
                    "\"StringEquals\": {\"aws:PrincipalTag/team\": \"x\","
                        + " \"aws:SourceAccount\": \"111122223333\"}")))
        .hasSize(1);
    assertThat(
            findings(
                PolicyType.RESOURCE,
                code,
                serviceGrant(
                    "{\"AWS\": \"*\"}",
                    "\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-exampleorgid\"}")))
        .isEmpty();
  }

  @Test
  void invalidServicePrincipalFormat_literalsOnly() {
    String code = "INVALID_SERVICE_PRINCIPAL_FORMAT";
    String statement =
        "{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"*\","
            + " \"Condition\": {\"StringEquals\": {\"kms:ViaService\": \"%s\"}}}";
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("s3"))).hasSize(1);
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("arn:aws:s3:::b")))
        .hasSize(1);
    assertThat(
            findings(PolicyType.IDENTITY, code, statement.formatted("s3.eu-west-1.amazonaws.com")))
        .isEmpty();
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("${aws:PrincipalTag/svc}")))
        .isEmpty();
  }

  private static String trust(String actions, String condition) {
    return "{\"Effect\": \"Allow\", \"Principal\": {\"Federated\":"
        + " \"arn:aws:iam::111122223333:oidc-provider/auth.example.com\"}, \"Action\": "
        + actions
        + ", \"Condition\": {"
        + condition
        + "}}";
  }

  @Test
  void audienceKeys_singleValuedWarnOthersAskToConfirm() {
    String cognito =
        trust(
            "\"sts:AssumeRoleWithWebIdentity\"",
            "\"ForAnyValue:StringEquals\": {\"cognito-identity.amazonaws.com:aud\": \"pool\"}");
    assertThat(findings(PolicyType.TRUST, "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE", cognito))
        .hasSize(1);
    assertThat(findings(PolicyType.TRUST, "CONFIRM_AUDIENCE_CLAIM_TYPE", cognito)).isEmpty();
    String custom =
        trust(
            "\"sts:AssumeRoleWithWebIdentity\"",
            "\"ForAnyValue:StringEquals\": {\"auth.example.com:aud\": \"app\"}");
    assertThat(findings(PolicyType.TRUST, "CONFIRM_AUDIENCE_CLAIM_TYPE", custom)).hasSize(1);
    assertThat(findings(PolicyType.TRUST, "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE", custom))
        .isEmpty();
    String amr =
        trust(
            "\"sts:AssumeRoleWithWebIdentity\"",
            "\"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": \"authenticated\"}");
    assertThat(findings(PolicyType.TRUST, "CONFIRM_AUDIENCE_CLAIM_TYPE", amr)).isEmpty();
  }

  @Test
  void missingActionForConditionKey_tagSessionAnywhereInThePolicySuffices() {
    String tagged =
        trust(
            "\"sts:AssumeRoleWithWebIdentity\"",
            "\"StringEquals\": {\"aws:RequestTag/team\": \"x\"}");
    assertThat(findings(PolicyType.TRUST, "MISSING_ACTION_FOR_CONDITION_KEY", tagged)).hasSize(1);
    String elsewhere =
        tagged
            + ", {\"Effect\": \"Allow\", \"Principal\": {\"Federated\":"
            + " \"arn:aws:iam::111122223333:oidc-provider/auth.example.com\"},"
            + " \"Action\": \"sts:TagSession\"}";
    assertThat(findings(PolicyType.TRUST, "MISSING_ACTION_FOR_CONDITION_KEY", elsewhere)).isEmpty();
    assertThat(
            findings(
                PolicyType.TRUST,
                "MISSING_ACTION_FOR_CONDITION_KEY",
                trust("\"sts:*\"", "\"StringEquals\": {\"aws:RequestTag/team\": \"x\"}")))
        .isEmpty();
  }

  private static String rcpDeny(String condition) {
    return "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"},"
        + " {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\","
        + " \"Resource\": \"*\", \"Condition\": {"
        + condition
        + "}}";
  }

  @Test
  void rcpChecks_onlyOperatorsThatCatchAnAbsentKey() {
    String negated = "\"StringNotEquals\": {\"aws:PrincipalAccount\": \"111122223333\"}";
    assertThat(
            findings(
                PolicyType.RCP, "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY", rcpDeny(negated)))
        .hasSize(1);
    String positive = "\"StringEquals\": {\"aws:PrincipalAccount\": \"444455556666\"}";
    assertThat(
            findings(
                PolicyType.RCP, "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY", rcpDeny(positive)))
        .isEmpty();
    // The same statement as a resource policy is not an RCP.
    assertThat(
            findings(
                PolicyType.RESOURCE,
                "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY",
                rcpDeny(negated)))
        .isEmpty();
    String source = "\"StringNotEqualsIfExists\": {\"aws:SourceAccount\": \"111122223333\"}";
    assertThat(
            findings(
                PolicyType.RCP,
                "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY",
                rcpDeny(source)))
        .hasSize(1);
    assertThat(
            findings(
                PolicyType.RCP, "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK", rcpDeny(source)))
        .hasSize(1);
  }

  @Test
  void wildcardUsageTooPermissive_onlyWhereTheWildcardWidensAccess() {
    String code = "WILDCARD_USAGE_TOO_PERMISSIVE";
    String allow =
        "{\"Effect\": \"%s\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\","
            + " \"Resource\": \"arn:aws:s3:::b/*\", \"Condition\": {\"%s\": {\"aws:SourceAccount\":"
            + " \"%s\"}}}";
    assertThat(findings(PolicyType.RESOURCE, code, allow.formatted("Allow", "StringLike", "11*")))
        .hasSize(1);
    assertThat(findings(PolicyType.RESOURCE, code, allow.formatted("Deny", "StringNotLike", "?1*")))
        .hasSize(1);
    assertThat(findings(PolicyType.RESOURCE, code, allow.formatted("Deny", "StringLike", "11*")))
        .isEmpty();
    assertThat(
            findings(PolicyType.RESOURCE, code, allow.formatted("Allow", "StringLike", "111122*")))
        .isEmpty();
    assertThat(findings(PolicyType.RESOURCE, code, allow.formatted("Allow", "StringEquals", "1*")))
        .isEmpty();
  }

  @Test
  void invalidKmsKeyValue_wildcardedArnsAreJudgedByTheirFixedStart() {
    String code = "INVALID_KMS_KEY_VALUE";
    String statement =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"*\","
            + " \"Condition\": {\"StringLike\":"
            + " {\"s3:x-amz-server-side-encryption-aws-kms-key-id\": \"%s\"}}}";
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("alias/*"))).hasSize(1);
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("arn:aws:s3:::*")))
        .hasSize(1);
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("arn:aws:kms:*"))).isEmpty();
    assertThat(findings(PolicyType.IDENTITY, code, statement.formatted("*"))).isEmpty();
  }

  @Test
  void resourcePolicyKind_onlyDocumentsThatCanOnlyBeABucketOrTablePolicy() {
    String bucket =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": %s,"
            + " \"Resource\": [\"arn:aws:s3:::example-bucket/*\", \"%s\"]}";
    String code = "UNSUPPORTED_RESOURCE_ARN_IN_POLICY";
    String sqs = "arn:aws:sqs:us-east-1:111122223333:q";
    assertThat(findings(PolicyType.RESOURCE, code, bucket.formatted("\"s3:GetObject\"", sqs)))
        .hasSize(1);
    // "*" actions, other services' actions or an identity policy: the resource is unknown.
    assertThat(findings(PolicyType.RESOURCE, code, bucket.formatted("\"*\"", sqs))).isEmpty();
    assertThat(
            findings(
                PolicyType.RESOURCE, code, bucket.formatted("[\"s3:GetObject\", \"sqs:*\"]", sqs)))
        .isEmpty();
    String table =
        "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},"
            + " \"Action\": \"dynamodb:GetItem\", \"Resource\":"
            + " [\"arn:aws:dynamodb:us-east-1:111122223333:table/orders\", \"%s\"]}";
    assertThat(findings(PolicyType.RESOURCE, code, table.formatted("arn:aws:s3:::b"))).hasSize(1);
    assertThat(
            findings(
                PolicyType.RESOURCE,
                code,
                table.formatted("arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*")))
        .isEmpty();
    assertThat(
            AttachedResourceRule.infer(
                dev.arbiter.policy.Policy.parse(
                    "{\"Statement\": [" + table.formatted("arn:aws:s3:::b") + "]}")))
        .contains(dev.arbiter.lint.PolicyResourceType.DYNAMODB_TABLE);
  }

  @Test
  void useConditionKeyOnlyWithSupportedServices_onlyWhenNoActionCanCarryTheKey() {
    String code = "USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES";
    String statement =
        "{\"Effect\": \"Deny\", \"Action\": %s, \"Resource\": \"*\", \"Condition\":"
            + " {\"StringNotEqualsIfExists\": {\"aws:VpceOrgPaths\": \"o-a1b2c3d4e5/*\"}}}";
    assertThat(findings(PolicyType.SCP, code, statement.formatted("\"dynamodb:GetItem\"")))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("dynamodb"));
    assertThat(findings(PolicyType.SCP, code, statement.formatted("\"sqs:SendMessage\"")))
        .isEmpty();
    assertThat(findings(PolicyType.SCP, code, statement.formatted("\"*\""))).isEmpty();
    assertThat(findings(PolicyType.SCP, code, statement.formatted("\"*:GetItem\""))).isEmpty();
  }
}
