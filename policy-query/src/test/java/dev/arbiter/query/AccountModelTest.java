package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.account.VpcEndpointPolicy;
import dev.arbiter.catalog.AccessLevel;
import dev.arbiter.eval.Decision;
import dev.arbiter.reason.Conditions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-checked answers over corpus/accounts/example: two accounts of one organization (111122223333
 * in a production OU whose SCP denies ec2:TerminateInstances, 444455556666 in an analytics OU), and
 * a bucket policy in 111122223333 that grants the analyst role of 444455556666.
 */
class AccountModelTest {
  static final Path EXAMPLE =
      Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("accounts/example");
  static final AccountModel MODEL =
      AccountModel.builder()
          .account(AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json")))
          .account(AccountSnapshot.load(EXAMPLE.resolve("account-444455556666.json")))
          .organization(Organization.load(EXAMPLE.resolve("organization.json")))
          .resourcePolicies(ResourcePolicies.load(EXAMPLE.resolve("resource-policies")))
          .clock(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC))
          .build();
  static final String REPORT = "arn:aws:s3:::shared-reports-111122223333/q1.csv";

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          user/alice      | s3:GetObject         | arn:aws:s3:::dev-logs/app.log                       | allowed
          user/alice      | s3:GetObject         | arn:aws:s3:::prod-logs/app.log                      | implicitDeny
          user/bob        | s3:GetObject         | arn:aws:s3:::anything/x                             | allowed
          user/bob        | s3:PutObject         | arn:aws:s3:::anything/x                             | implicitDeny
          user/carol      | ec2:RunInstances     | arn:aws:ec2:us-east-1:111122223333:instance/i-1     | allowed
          user/carol      | ec2:TerminateInstances | arn:aws:ec2:us-east-1:111122223333:instance/i-1   | explicitDeny
          role/deploy/ci  | s3:PutObject         | arn:aws:s3:::artifacts-111122223333/build.zip       | allowed
          role/deploy/ci  | iam:PassRole         | arn:aws:iam::111122223333:role/service/lambda-exec  | implicitDeny
          user/alice      | sts:AssumeRole       | arn:aws:iam::111122223333:role/deploy               | allowed
          user/bob        | sts:AssumeRole       | arn:aws:iam::111122223333:role/deploy               | implicitDeny
          role/analyst    | s3:GetObject         | arn:aws:s3:::shared-reports-111122223333/q1.csv     | allowed
          role/analyst    | s3:PutObject         | arn:aws:s3:::shared-reports-111122223333/q1.csv     | implicitDeny
          user/eve        | s3:GetObject         | arn:aws:s3:::shared-reports-111122223333/q1.csv     | implicitDeny
          user/dave       | iam:CreateUser       | arn:aws:iam::111122223333:user/new                  | implicitDeny
          """)
  void can_handCheckedCases(String principal, String action, String resource, String expected) {
    Answer.Can answer = MODEL.can(principal, action, resource, Map.of());
    assertThat(answer.decision().json()).as(answer.explanation().toString()).isEqualTo(expected);
  }

  @Test
  void can_throughVpcEndpoint_endpointPolicyMustAllowAndIsNamed() {
    AccountModel model =
        AccountModel.builder()
            .account(AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json")))
            .account(AccountSnapshot.load(EXAMPLE.resolve("account-444455556666.json")))
            .organization(Organization.load(EXAMPLE.resolve("organization.json")))
            .resourcePolicies(ResourcePolicies.load(EXAMPLE.resolve("resource-policies")))
            .vpcEndpoint(VpcEndpointPolicy.load(EXAMPLE.resolve("vpc-endpoint.json")))
            .clock(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC))
            .build();
    Answer.Can read =
        model.can("user/alice", "s3:GetObject", "arn:aws:s3:::dev-logs/app.log", Map.of());
    assertThat(read.decision()).as(read.explanation().toString()).isEqualTo(Decision.ALLOWED);
    assertThat(read.explanation().decisive())
        .extracting(ref -> ref.policyName())
        .contains("VPC endpoint vpce-0a1b2c3d4e5f60718 (vpc-endpoint.json)");

    // The analyst role of the other account is granted by the bucket policy, but the endpoint
    // policy admits only principals of 111122223333.
    Answer.Can foreign = model.can("role/analyst", "s3:GetObject", REPORT, Map.of());
    assertThat(foreign.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(foreign.explanation().summary()).contains("VPC endpoint");
    assertThat(MODEL.can("role/analyst", "s3:GetObject", REPORT, Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void can_groupPolicy_isTheGrant() {
    Answer.Can answer =
        MODEL.can("user/alice", "s3:GetObject", "arn:aws:s3:::dev-logs/app.log", Map.of());
    assertThat(answer.explanation().decisive())
        .filteredOn(ref -> ref.policyType() == dev.arbiter.policy.PolicyType.IDENTITY)
        .extracting(ref -> ref.policyName())
        .containsExactly("DevRead (via group developers)");
    // The SCP levels contributed their FullAWSAccess allows too, each named with its level.
    assertThat(answer.explanation().decisive())
        .extracting(ref -> ref.policy())
        .contains("SCP FullAWSAccess at root r-ex01", "SCP FullAWSAccess at account 111122223333");
  }

  @Test
  void can_boundaryCutsIdentityGrant_explanationSaysSo() {
    Answer.Can answer = MODEL.can("user/bob", "s3:PutObject", "arn:aws:s3:::anything/x", Map.of());
    assertThat(answer.explanation().toString()).containsIgnoringCase("boundary");
  }

  @Test
  void can_missingMfa_saysWhatWouldAllow() {
    Answer.Can answer =
        MODEL.can("user/dave", "iam:CreateUser", "arn:aws:iam::111122223333:user/new", Map.of());
    // Dave's only grant is iam:* under Bool aws:MultiFactorAuthPresent "true": the reasoner's one
    // alternative is exactly that key being true (Bool compares without case).
    assertThat(answer.dependsOn()).hasSize(1);
    ContextDependency dependency = answer.dependsOn().get(0);
    assertThat(dependency.asked()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(dependency.conditions())
        .isEqualTo(
            new Conditions.AllowedIf(
                List.of("aws:MultiFactorAuthPresent"),
                List.of(
                    new Conditions.Alternative(
                        List.of(
                            new Conditions.Constraint(
                                "aws:MultiFactorAuthPresent", "= \"true\" (in any case)"))))));
    assertThat(dependency)
        .hasToString(
            """
            Conditions on the missing keys (aws:MultiFactorAuthPresent):
              allowed if aws:MultiFactorAuthPresent = "true" (in any case)
            """);

    Answer.Can withMfa =
        MODEL.can(
            "user/dave",
            "iam:CreateUser",
            "arn:aws:iam::111122223333:user/new",
            Map.of("aws:MultiFactorAuthPresent", List.of("true")));
    assertThat(withMfa.decision()).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void can_roleSession_fillsPrincipalKeys() {
    Answer.Can answer =
        MODEL.can(
            "arn:aws:sts::111122223333:assumed-role/deploy/ci",
            "s3:GetObject",
            "arn:aws:s3:::artifacts-111122223333/a",
            Map.of());
    assertThat(answer.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(answer.principal().arn())
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/deploy/ci");
    assertThat(answer.principal().principalArn())
        .isEqualTo("arn:aws:iam::111122223333:role/deploy");
  }

  @Test
  void whoCan_sharedReport_sameAccountAndCrossAccountGrants() {
    Answer.WhoCan answer = MODEL.whoCan("s3:GetObject", REPORT, Map.of());
    assertThat(answer.allowed())
        .extracting(g -> g.principal().shortName())
        .containsExactly(
            "user/bob", "user/carol", "role/analyst/" + AccountPrincipal.DEFAULT_SESSION);
    assertThat(answer.principalsChecked()).isEqualTo(8);
  }

  @Test
  void whoCan_passRole_listsAdminAndConditionalMfaUser() {
    Answer.WhoCan answer =
        MODEL.whoCan(
            "iam:PassRole", "arn:aws:iam::111122223333:role/service/lambda-exec", Map.of());
    assertThat(answer.allowed())
        .extracting(g -> g.principal().shortName())
        .containsExactly("user/carol");
    assertThat(answer.conditional())
        .extracting(g -> g.principal().shortName())
        .containsExactly("user/dave");
    assertThat(answer.conditional().get(0).dependsOn().get(0).conditions().toText())
        .contains("allowed if aws:MultiFactorAuthPresent = \"true\" (in any case)");
    // Carol's grant does not hinge on a key the question left out.
    assertThat(answer.allowed().get(0).dependsOn()).isEmpty();
  }

  @Test
  void whatCan_lambdaRole_onlyItsLogActionsAndGetCallerIdentity() {
    Answer.WhatCan answer =
        MODEL.whatCan("role/lambda-exec", Optional.empty(), Optional.empty(), Map.of());
    // sts:GetCallerIdentity needs no permission (docs/semantics.md §9.12); a role session cannot
    // call sts:GetSessionToken.
    assertThat(answer.allowed())
        .extracting(Answer.ActionGrant::action)
        .containsExactly("logs:CreateLogStream", "logs:PutLogEvents", "sts:GetCallerIdentity");
    assertThat(answer.allowed())
        .filteredOn(grant -> grant.action().startsWith("logs:"))
        .extracting(Answer.ActionGrant::accessLevel)
        .containsOnly(AccessLevel.WRITE);
    assertThat(answer.actionsChecked()).isGreaterThan(20_000);
  }

  @Test
  void whatCan_aliceInS3AndSts() {
    assertThat(MODEL.whatCan("user/alice", Optional.empty(), Optional.of("s3"), Map.of()).allowed())
        .extracting(Answer.ActionGrant::action)
        .containsExactly("s3:GetObject");
    Answer.WhatCan sts =
        MODEL.whatCan("user/alice", Optional.empty(), Optional.of("sts"), Map.of());
    // GetCallerIdentity and GetSessionToken need no permission (docs/semantics.md §9.12).
    assertThat(sts.allowed())
        .extracting(Answer.ActionGrant::action)
        .containsExactly("sts:AssumeRole", "sts:GetCallerIdentity", "sts:GetSessionToken");
    assertThat(sts.allowed().get(0).grant().resource())
        .isEqualTo("arn:aws:iam::111122223333:role/deploy");
  }

  @Test
  void whatCan_onResource_limitsToIt() {
    Answer.WhatCan answer =
        MODEL.whatCan("role/analyst", Optional.of(REPORT), Optional.of("s3"), Map.of());
    assertThat(answer.allowed())
        .extracting(Answer.ActionGrant::action)
        .containsExactly("s3:GetObject");
  }

  @Test
  void whatCan_onObject_onlyActionsWhoseResourceTypesFit() {
    Answer.WhatCan answer =
        MODEL.whatCan("user/carol", Optional.of(REPORT), Optional.empty(), Map.of());
    assertThat(answer.allowed()).extracting(Answer.ActionGrant::action).contains("s3:GetObject");
    assertThat(answer.allowed())
        .extracting(Answer.ActionGrant::action)
        .noneMatch(a -> a.startsWith("ec2:"))
        .doesNotContain("s3:ListAllMyBuckets", "s3:CreateBucket");
    assertThat(answer.actionsChecked()).isLessThan(1000);
  }

  @Test
  void whatCan_onStar_includesActionsThatTakeOnlyStar() {
    Answer.WhatCan answer =
        MODEL.whatCan("user/carol", Optional.of("*"), Optional.of("s3"), Map.of());
    assertThat(answer.allowed())
        .extracting(Answer.ActionGrant::action)
        .contains("s3:ListAllMyBuckets");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          user/nobody           | no user/nobody in the loaded accounts
          group/developers      | write an ARN, user/NAME, role/NAME or role/NAME/SESSION
          role/deploy/a/b       | write role/NAME or role/NAME/SESSION
          arn:aws:iam::111122223333:user/ghost | no user arn:aws:iam::111122223333:user/ghost in the loaded accounts
          """)
  void can_unknownPrincipal_saysWhatToWrite(String principal, String message) {
    assertThatThrownBy(() -> MODEL.can(principal, "s3:GetObject", "*", Map.of()))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining(message);
  }

  @Test
  void whatCan_unknownService_suggests() {
    assertThatThrownBy(
            () -> MODEL.whatCan("user/alice", Optional.empty(), Optional.of("s33"), Map.of()))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("unknown service s33");
  }

  @Test
  void whoCan_fromEightThreads_sameAnswersAsOne() throws Exception {
    AccountModel fresh =
        AccountModel.builder()
            .account(AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json")))
            .account(AccountSnapshot.load(EXAMPLE.resolve("account-444455556666.json")))
            .organization(Organization.load(EXAMPLE.resolve("organization.json")))
            .resourcePolicies(ResourcePolicies.load(EXAMPLE.resolve("resource-policies")))
            .build();
    List<String> questions =
        List.of(
            "who can s3:GetObject " + REPORT,
            "who can iam:PassRole arn:aws:iam::111122223333:role/service/lambda-exec",
            "who can sts:AssumeRole arn:aws:iam::111122223333:role/deploy",
            "who can ec2:TerminateInstances *");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<List<String>>> futures = new java.util.ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        futures.add(
            pool.submit(
                () ->
                    questions.stream()
                        .map(q -> (Answer.WhoCan) fresh.ask(Query.parse(q)))
                        .map(
                            a ->
                                a.allowed().stream().map(g -> g.principal().arn()).toList()
                                    + "/"
                                    + a.conditional().size())
                        .toList()));
      }
      List<String> expected =
          questions.stream()
              .map(q -> (Answer.WhoCan) MODEL.ask(Query.parse(q)))
              .map(
                  a ->
                      a.allowed().stream().map(g -> g.principal().arn()).toList()
                          + "/"
                          + a.conditional().size())
              .toList();
      for (java.util.concurrent.Future<List<String>> future : futures) {
        assertThat(future.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ask_parsedQuery_sameAsDirectCall() {
    Answer answer =
        MODEL.ask(Query.parse("can user/alice s3:GetObject arn:aws:s3:::dev-logs/app.log"));
    assertThat(((Answer.Can) answer).decision()).isEqualTo(Decision.ALLOWED);
  }
}
