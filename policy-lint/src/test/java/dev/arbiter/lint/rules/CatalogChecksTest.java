package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ResourceType;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks that need the service catalog, beyond what the corpus fixtures show. */
class CatalogChecksTest {

  private static final Catalog CATALOG = Catalog.get();
  private static final Linter LINTER =
      Linter.builder().catalog(CATALOG).policyType(PolicyType.IDENTITY).build();

  private static List<Finding> findings(Linter linter, String code, String statements) {
    String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
    return linter.lint("p.json", policy).allFindings().stream()
        .filter(f -> f.code().equals(code))
        .toList();
  }

  private static List<Finding> findings(String code, String statements) {
    return findings(LINTER, code, statements);
  }

  @Test
  void invalidAction_misspeltAction_suggestsTheClosestAction() {
    List<Finding> found =
        findings(
            "INVALID_ACTION",
            "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"*\"}");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).contains("did you mean \"s3:GetObject\"?");
    assertThat(found.get(0).message()).contains("service catalog of 20");
  }

  @Test
  void invalidServiceInAction_misspeltPrefix_suggestsTheClosestService() {
    List<Finding> found =
        findings(
            "INVALID_SERVICE_IN_ACTION",
            "{\"Effect\": \"Allow\", \"Action\": \"dynamodbb:GetItem\", \"Resource\": \"*\"}");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).contains("did you mean \"dynamodb:GetItem\"?");
  }

  @Test
  void invalidConditionKeys_misspelt_suggestTheClosestKeys() {
    String statement =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"*\","
            + " \"Condition\": {\"StringLike\": {\"s3:prefx\": \"home/*\"},"
            + " \"IpAddress\": {\"aws:SourceIpp\": \"203.0.113.0/24\"}}}";
    assertThat(findings("INVALID_SERVICE_CONDITION_KEY", statement))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("did you mean \"s3:prefix\"?"));
    assertThat(findings("INVALID_GLOBAL_CONDITION_KEY", statement))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("did you mean \"aws:SourceIp\"?"));
  }

  @Test
  void lint_withoutCatalog_runsNoCatalogCheck() {
    Linter plain = Linter.builder().policyType(PolicyType.IDENTITY).withoutCatalog().build();
    String statement =
        "{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObjekt\", \"iam:PassRole\","
            + " \"ec2:RunInstances\"], \"Resource\": \"*\"}";
    assertThat(findings(plain, "INVALID_ACTION", statement)).isEmpty();
    assertThat(findings(plain, "PRIVILEGE_ESCALATION", statement)).isEmpty();
    assertThat(findings(LINTER, "PRIVILEGE_ESCALATION", statement)).hasSize(1);
    // PassRole on "*" is a plain text match and needs no catalog.
    assertThat(findings(plain, "PASS_ROLE_WITH_STAR_IN_RESOURCE", statement)).hasSize(1);
  }

  @Test
  void privilegeEscalation_pathsAcrossStatements_reportsOnlyTheSmallest() {
    List<Finding> found =
        findings(
            "PRIVILEGE_ESCALATION",
            "{\"Effect\": \"Allow\", \"Action\": \"iam:AttachRolePolicy\", \"Resource\": \"*\"},"
                + "{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}");
    assertThat(found).hasSize(1);
    // iam-009 (AttachRolePolicy alone) is reported; iam-014 (with sts:AssumeRole) adds nothing.
    assertThat(found.get(0).message()).contains("iam-009").doesNotContain("iam-014");
  }

  @Test
  void privilegeEscalation_notActionExpansion_findsPassRolePaths() {
    List<Finding> found =
        findings(
            "PRIVILEGE_ESCALATION",
            "{\"Effect\": \"Allow\", \"NotAction\": [\"s3:*\"], \"Resource\": \"*\"}");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).pointer()).hasToString("/Statement/0/NotAction");
  }

  @Test
  void privilegeEscalation_notResourceLeavingOutEveryRole_isNotReported() {
    String statements =
        "{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\", \"ec2:RunInstances\"],"
            + " \"NotResource\": [\"arn:aws:iam::*:role/*\"]}";
    assertThat(findings("PRIVILEGE_ESCALATION", statements)).isEmpty();
    String someRoles = statements.replace("role/*", "role/admin");
    assertThat(findings("PRIVILEGE_ESCALATION", someRoles)).hasSize(1);
  }

  @Test
  void riskChecks_denyStatements_neverTrigger() {
    String deny = "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}";
    for (String code :
        List.of(
            "PRIVILEGE_ESCALATION",
            "CREDENTIALS_EXPOSURE",
            "DATA_EXFILTRATION",
            "RESOURCE_EXPOSURE",
            "INFRASTRUCTURE_MODIFICATION",
            "RESOURCE_STAR_ON_RESOURCE_LEVEL_ACTION")) {
      assertThat(findings(code, deny)).as(code).isEmpty();
    }
  }

  @Test
  void riskData_everyCuratedAction_isInTheCatalog() {
    Stream.of(RiskData.CREDENTIAL_ACTIONS, RiskData.DATA_ACTIONS)
        .flatMap(List::stream)
        .forEach(a -> assertThat(CATALOG.action(a)).as(a).isPresent());
    assertThat(RiskData.PATHS).hasSizeGreaterThan(40);
    for (RiskData.Path path : RiskData.PATHS) {
      for (String action : path.actions()) {
        assertThat(CATALOG.action(action)).as(path.id() + " " + action).isPresent();
      }
    }
  }

  @Test
  void awsRegions_knowsPartitionsAndRegions() {
    assertThat(AwsRegions.isPartition("aws-us-gov")).isTrue();
    assertThat(AwsRegions.isPartition("partition")).isFalse();
    assertThat(AwsRegions.isRegion("eu-central-2")).isTrue();
    assertThat(AwsRegions.isRegion("us-east-7")).isFalse();
    assertThat(AwsRegions.partitionOf("cn-north-1")).contains("aws-cn");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:s3:::example-bucket",
        "arn:aws:s3:::example-bucket/*",
        "arn:aws:iam::111122223333:role/path/example",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
        "arn:aws:ec2:us-east-1:111122223333:security-group/*",
        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/example:*",
        "arn:aws:lambda:us-east-1:111122223333:function:example",
        "arn:aws:lambda:us-east-1:111122223333:function:example:prod",
        "arn:aws:sqs:us-east-1:111122223333:example-queue",
        "arn:aws:ssm:us-east-1:111122223333:parameter/app/*",
        "arn:aws:dynamodb:us-east-1:111122223333:table/example/stream/*",
        "arn:aws:kms:us-east-1:111122223333:alias/example",
        "arn:aws:iam::111122223333:robot/example",
        "arn:aws:s3:::*"
      })
  void matchingTypes_plainFields_equalTheCatalogsAnswer(String arn) {
    CatalogView view = new CatalogView(CATALOG);
    ResourcePattern pattern = ResourcePattern.of(arn);
    assertThat(view.matchingTypes(pattern))
        .containsExactlyInAnyOrderElementsOf(CATALOG.matchingResourceTypes(pattern));
    assertThat(view.quickTypes(pattern)).contains(view.matchingTypes(pattern));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:ec2:*:*:instance/*",
        "arn:*:iam::*:role/*",
        "arn:aws:logs:*:*:log-group:*",
        "arn:aws:s3:*:*:accesspoint/*",
        "arn:aws-*:kms:*:*:key/*"
      })
  void quickTypes_wildcardFields_areASubsetOfTheCatalogsAnswer(String arn) {
    CatalogView view = new CatalogView(CATALOG);
    ResourcePattern pattern = ResourcePattern.of(arn);
    Set<ResourceType> quick = view.quickTypes(pattern).orElseThrow();
    assertThat(quick).isNotEmpty();
    assertThat(CATALOG.matchingResourceTypes(pattern)).containsAll(quick);
  }

  static Stream<String[]> coverage() {
    return Stream.of(
        new String[] {"s3:get*", "s3:getobject", "true"},
        new String[] {"s3:get*", "s3:getobject*", "true"},
        new String[] {"*", "ec2:describe*", "true"},
        new String[] {"s3:*object", "s3:getobject", "true"},
        new String[] {"s3:get*", "s3:*object", "false"},
        new String[] {"s3:*object", "s3:get*object", "false"},
        new String[] {"ec2:describe*", "ec2:*instances", "false"},
        new String[] {"s3:getobject", "s3:get*", "false"});
  }

  @ParameterizedTest
  @MethodSource("coverage")
  void covers_onlyClaimsCoverageThatHoldsForEveryAction(String wide, String narrow, String yes) {
    assertThat(ActionNameRule.covers(wide, narrow)).isEqualTo(Boolean.parseBoolean(yes));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::111122223333:role/*",
        "arn:aws:iam::*:user/*",
        "arn:aws:lambda:*:*:function:*",
        "arn:aws:s3:::*",
        "arn:aws:dynamodb:us-east-1:111122223333:table/*"
      })
  void broad_patternsForEveryResourceOfAType_areBroad(String arn) {
    assertThat(PermissionRiskRule.broad(new CatalogView(CATALOG), ResourcePattern.of(arn)))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:s3:::example-bucket/*",
        "arn:aws:iam::111122223333:role/app-*",
        "arn:aws:iam::111122223333:user/${aws:username}",
        "arn:aws:lambda:*:*:function:example"
      })
  void broad_namedResources_areNotBroad(String arn) {
    assertThat(PermissionRiskRule.broad(new CatalogView(CATALOG), ResourcePattern.of(arn)))
        .isFalse();
  }

  @Test
  void readVerb_readsAreNotModifications() {
    assertThat(PermissionRiskRule.readVerb("GetResourcePolicy")).isTrue();
    assertThat(PermissionRiskRule.readVerb("ListSubscriptions")).isTrue();
    assertThat(PermissionRiskRule.readVerb("Getaway")).isFalse();
    assertThat(PermissionRiskRule.readVerb("PutBucketPolicy")).isFalse();
  }
}
