package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static Request request(String action, String resource, RequestContext context) {
    return Request.builder()
        .principal(ALICE)
        .action(action)
        .resource(resource)
        .context(context)
        .build();
  }

  @Test
  void explain_explicitDeny_namesTheDenyWithSidAndPosition() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
              {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
            ]}""");
    Evaluator evaluator =
        Evaluator.of(PolicySet.builder().identityPolicy("Storage", policy).build());
    Explanation explanation =
        evaluator.explain(request("s3:DeleteObject", "arn:aws:s3:::b/k", RequestContext.empty()));

    assertThat(explanation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(explanation.decisive()).hasSize(1);
    StatementRef deny = explanation.decisive().get(0);
    assertThat(deny.policyName()).isEqualTo("Storage");
    assertThat(deny.policyType()).isEqualTo(PolicyType.IDENTITY);
    assertThat(deny.index()).isEqualTo(1);
    assertThat(deny.sid()).contains("NoDeletes");
    assertThat(deny.location().position()).isEqualTo(new SourcePosition(3, 3));
    assertThat(explanation.summary()).startsWith("Explicitly denied").contains("NoDeletes");
    assertThat(explanation.toString()).contains("Decision: explicitDeny");
  }

  @Test
  void explain_allowed_listsTheGrantingStatements() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""");
    Explanation explanation =
        Evaluator.of(PolicySet.builder().identityPolicy("Reader", policy).build())
            .explain(request("s3:GetObject", "arn:aws:s3:::b/k", RequestContext.empty()));

    assertThat(explanation.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(explanation.decisive())
        .extracting(StatementRef::policyName)
        .containsExactly("Reader");
    assertThat(explanation.applied()).hasSize(1);
    assertThat(explanation.notApplied()).isEmpty();
  }

  @Test
  void explain_statementsThatDidNotApply_sayWhichElementAndWhy() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
               "Condition": {"StringEquals": {"aws:username": "bob"}}},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
               "Condition": {"NumericLessThan": {"s3:max-keys": "10"}}}
            ]}""");
    Explanation explanation =
        Evaluator.of(PolicySet.builder().identityPolicy("Mixed", policy).build())
            .explain(
                request(
                    "s3:GetObject",
                    "arn:aws:s3:::b/k",
                    RequestContext.builder().put("aws:username", "alice").build()));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.notApplied())
        .extracting(NotApplied::element)
        .containsExactly(
            NotApplied.Element.ACTION,
            NotApplied.Element.RESOURCE,
            NotApplied.Element.CONDITION,
            NotApplied.Element.CONDITION);
    assertThat(explanation.notApplied().get(0).reason()).contains("s3:GetObject").contains("sqs:*");
    assertThat(explanation.notApplied().get(1).reason()).contains("arn:aws:s3:::other/*");
    assertThat(explanation.notApplied().get(2).reason())
        .contains("StringEquals aws:username")
        .contains("\"alice\"")
        .contains("\"bob\"");
    assertThat(explanation.notApplied().get(3).reason()).contains("absent");
    assertThat(explanation.notApplied().get(2).location().position().line()).isEqualTo(5);
  }

  @Test
  void explain_allowNotPrincipalListingTheAccount_saysTheCallerIsExcluded() {
    Policy bucket =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
              "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}}""");
    Explanation explanation =
        Evaluator.of(PolicySet.builder().resourcePolicy(new NamedPolicy("Bucket", bucket)).build())
            .explain(request("s3:GetObject", "arn:aws:s3:::b/k", RequestContext.empty()));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.notApplied()).hasSize(1);
    assertThat(explanation.notApplied().get(0).element()).isEqualTo(NotApplied.Element.PRINCIPAL);
    assertThat(explanation.notApplied().get(0).reason())
        .contains("lists the caller " + ALICE + " (at the account level)")
        .contains("an Allow excludes every listed level");
  }

  @Test
  void explain_allowNotResourceWithUnresolvedVariable_saysItGrantsNothing() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:*",
              "NotResource": "arn:aws:ec2:us-east-1:111122223333:instance/${aws:PrincipalTag/Foo}"}}""");
    Explanation explanation =
        Evaluator.of(PolicySet.builder().identityPolicy("Tagged", policy).build())
            .explain(
                request(
                    "ec2:TerminateInstances",
                    "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
                    RequestContext.empty()));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.notApplied()).hasSize(1);
    assertThat(explanation.notApplied().get(0).element()).isEqualTo(NotApplied.Element.RESOURCE);
    assertThat(explanation.notApplied().get(0).reason())
        .contains("has a policy variable with no value here")
        .contains("an Allow grants nothing");
  }

  @Test
  void explain_noVersionAllowMatchingOnlyAsText_saysBothReadingsMustApply() {
    Policy policy =
        Policy.parse(
            """
            {"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::home/${aws:username}/*"}}""");
    RequestContext alice = RequestContext.builder().put("aws:username", "alice").build();
    Evaluator evaluator = Evaluator.of(PolicySet.builder().identityPolicy("Home", policy).build());

    Explanation asText =
        evaluator.explain(request("s3:GetObject", "arn:aws:s3:::home/${aws:username}/k", alice));
    assertThat(asText.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(asText.applied()).isEmpty();
    assertThat(asText.notApplied()).hasSize(1);
    assertThat(asText.notApplied().get(0).reason())
        .startsWith("read with its policy variables substituted")
        .contains("§12.8");
    // Substituted alone, the grant applies; as plain text it does not: no reading grants it.
    assertThat(
            evaluator
                .explain(request("s3:GetObject", "arn:aws:s3:::home/alice/k", alice))
                .decision())
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void explain_noVersionDenyMatchingOnlySubstituted_appliesAndWarns() {
    Policy deny =
        Policy.parse(
            """
            {"Statement": {"Effect": "Deny", "Action": "s3:DeleteObject",
              "Resource": "arn:aws:s3:::home/${aws:username}/*"}}""");
    Policy all =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
              "Resource": "*"}}""");
    Evaluator evaluator =
        Evaluator.of(
            PolicySet.builder().identityPolicy("All", all).identityPolicy("Keep", deny).build());
    RequestContext alice = RequestContext.builder().put("aws:username", "alice").build();

    Explanation explanation =
        evaluator.explain(request("s3:DeleteObject", "arn:aws:s3:::home/alice/k", alice));
    assertThat(explanation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(explanation.notApplied()).isEmpty();
    assertThat(explanation.warnings()).anySatisfy(w -> assertThat(w).contains("§12.8"));
    assertThat(evaluator.evaluate(request("s3:DeleteObject", "arn:aws:s3:::home/bob/k", alice)))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void explain_multivaluedKeyWithoutQualifier_warns() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags",
             "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "env"}}}]}""");
    Explanation explanation =
        Evaluator.of(PolicySet.builder().identityPolicy("Tags", policy).build())
            .explain(
                request(
                    "ec2:CreateTags",
                    "*",
                    RequestContext.builder().put("aws:TagKeys", List.of("env", "team")).build()));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.warnings()).anySatisfy(w -> assertThat(w).contains("§12.1"));
  }

  @Test
  void explain_getCallerIdentityDenied_isAllowedAndSaysTheDenyHasNoEffect() {
    Policy deny =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Deny", "Action": "sts:*", "Resource": "*"}
            ]}""");
    Evaluator evaluator = Evaluator.of(PolicySet.builder().identityPolicy("NoSts", deny).build());
    Explanation explanation =
        evaluator.explain(request("sts:GetCallerIdentity", "*", RequestContext.empty()));

    assertThat(explanation.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(explanation.summary()).contains("needs no permission").contains("§9.12");
    assertThat(explanation.steps()).anySatisfy(s -> assertThat(s).contains("1 Deny statement(s)"));
    assertThat(evaluator.evaluate(request("sts:GetCallerIdentity", "*", RequestContext.empty())))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void explain_getSessionTokenWithTemporaryCredentials_isRefusedAndSaysWhy() {
    Evaluator evaluator = Evaluator.of(PolicySet.builder().build());
    RequestContext temporary =
        RequestContext.builder().put("aws:TokenIssueTime", "2026-12-04T20:00:00Z").build();
    Explanation explanation = evaluator.explain(request("sts:GetSessionToken", "*", temporary));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.summary())
        .contains("long-term credentials")
        .contains("aws:TokenIssueTime");
    assertThat(evaluator.evaluate(request("sts:GetSessionToken", "*", RequestContext.empty())))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void evaluate_unparseableValue_neverAllowsAndDenyFailsClosed() {
    Policy allow =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
             "Resource": "*", "Condition": {"DateNotEquals": {"aws:CurrentTime": "2020-01-01"}}}]}""");
    Policy deny =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
             {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
              "Condition": {"DateEquals": {"aws:CurrentTime": "2020-01-01"}}}]}""");
    RequestContext notADate = RequestContext.builder().put("aws:CurrentTime", "yesterday").build();
    Request request = request("s3:GetObject", "*", notADate);

    assertThat(
            Evaluator.of(PolicySet.builder().identityPolicy("A", allow).build()).evaluate(request))
        .isEqualTo(Decision.IMPLICIT_DENY);
    Explanation denied =
        Evaluator.of(PolicySet.builder().identityPolicy("D", deny).build()).explain(request);
    assertThat(denied.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(denied.warnings()).anySatisfy(w -> assertThat(w).contains("\"yesterday\""));
  }

  @Test
  void explain_trustNamesUserButBoundaryRefuses_blamesTheBoundary() {
    Policy trust =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]}""");
    Policy boundary =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}""");
    Evaluator evaluator =
        Evaluator.of(
            PolicySet.builder()
                .resourcePolicy(new NamedPolicy("Trust", trust))
                .permissionsBoundary(new NamedPolicy("Boundary", boundary))
                .build());
    Explanation explanation =
        evaluator.explain(
            request(
                "sts:AssumeRole", "arn:aws:iam::111122223333:role/target", RequestContext.empty()));

    assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(explanation.summary())
        .contains("role trust policy allows the caller")
        .contains("permissions boundary does not allow sts:AssumeRole");
  }

  @Test
  void of_principalInIdentityPolicy_namesPolicyElementAndPosition() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}""");
    PolicySet set = PolicySet.builder().identityPolicy("Broken", policy).build();

    assertThatThrownBy(() -> Evaluator.of(set))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.policyName()).isEqualTo("Broken");
              assertThat(e.policyType()).isEqualTo(PolicyType.IDENTITY);
              assertThat(e.problems().get(0).code()).isEqualTo("UNSUPPORTED_PRINCIPAL");
              assertThat(e.getMessage())
                  .startsWith("Broken (identity): 2:36 at /Statement/0/Principal: ");
            });
  }

  @Test
  void of_resourcePolicyShapedLikeTrust_isValidatedAsTrust() {
    Policy trust =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"Federated": "accounts.google.com"},
             "Action": "sts:AssumeRoleWithWebIdentity"}]}""");
    PolicySet set = PolicySet.builder().resourcePolicy(new NamedPolicy("Trust", trust)).build();

    assertThat(set.resourcePolicyType()).isEqualTo(PolicyType.TRUST);
    assertThat(Evaluator.of(set)).isNotNull();
    assertThatThrownBy(
            () ->
                Evaluator.of(
                    PolicySet.builder()
                        .resourcePolicy(new NamedPolicy("Trust", trust), PolicyType.RESOURCE)
                        .build()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("FEDERATED_PRINCIPAL_NOT_SUPPORTED");
  }

  @Test
  void evaluate_manyThreads_giveTheSameDecisions() throws Exception {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/*"},
              {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*",
               "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");
    Evaluator evaluator = Evaluator.of(PolicySet.builder().identityPolicy("P", policy).build());
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      requests.add(
          request(
              i % 3 == 0 ? "s3:DeleteObject" : "s3:GetObject",
              "arn:aws:s3:::b/" + (i % 2 == 0 ? "alice" : "bob") + "/k",
              RequestContext.builder()
                  .put("aws:username", "alice")
                  .put("aws:SourceIp", i % 5 == 0 ? "10.1.1.1" : "8.8.8.8")
                  .build()));
    }
    List<Decision> expected = requests.stream().map(evaluator::evaluate).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Decision>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<Decision> out = new ArrayList<>();
                  for (int round = 0; round < 200; round++) {
                    out = requests.stream().map(evaluator::evaluate).toList();
                  }
                  return out;
                }));
      }
      for (Future<List<Decision>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected).contains(Decision.ALLOWED, Decision.EXPLICIT_DENY, Decision.IMPLICIT_DENY);
  }

  /**
   * Adversarial wildcards through the whole evaluator: a bound so generous that only exponential
   * matching could exceed it (the figure is in policy-bench's WildcardBench).
   */
  @Test
  void evaluate_adversarialWildcardsOnLongInputs_isNotExponential() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:*a*a*a*a*a*a*a*b",
               "Resource": "arn:aws:s3:::*a*a*a*a*a*a*a*b",
               "Condition": {"StringLike": {"aws:PrincipalTag/x": "*a*a*a*a*a*a*a*b"}}},
              {"Effect": "Deny", "Action": "s3:*",
               "Resource": "arn:aws:s*a*a*a*a*:*a*a*a*b:*:*:*",
               "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*a*a*a*a*a*a*a*b"}}}]}""");
    Evaluator evaluator =
        Evaluator.of(PolicySet.builder().identityPolicy("Hostile", policy).build());
    String as = "a".repeat(10_000);
    Request miss =
        request(
            "s3:" + as,
            "arn:aws:s3:::" + as,
            RequestContext.builder()
                .put("aws:PrincipalTag/x", as)
                .put("aws:SourceArn", "arn:aws:s3:::" + as)
                .build());
    Request hit =
        request(
            "s3:" + as + "b",
            "arn:aws:s3:::" + as + "b",
            RequestContext.builder().put("aws:PrincipalTag/x", as + "b").build());
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 100; i++) {
            assertThat(evaluator.evaluate(miss)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluator.evaluate(hit)).isEqualTo(Decision.ALLOWED);
          }
        });
  }

  @Test
  void request_roleArnAsPrincipal_isRefusedWithTheSessionForm() {
    assertThatThrownBy(
            () ->
                Request.builder()
                    .principal("arn:aws:iam::111122223333:role/admin")
                    .action("s3:GetObject")
                    .resource("*")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("assumed-role");
  }

  @Test
  void request_checkPrincipal_refusesWhatBuildRefuses() {
    Request.checkPrincipal(ALICE);
    Request.checkPrincipal("anonymous");
    assertThatThrownBy(() -> Request.checkPrincipal("arn:aws:iam::111122223333:role/admin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("assumed-role");
    assertThatThrownBy(() -> Request.checkPrincipal(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("principal \"\" is not a request principal");
  }

  @Test
  void request_isTrustRequest_onlyForAssumeRoleAndCompanionsOnARole() {
    String role = "arn:aws:iam::111122223333:role/target";
    assertThat(Request.builder().principal(ALICE).action("sts:AssumeRole").resource(role).build())
        .matches(Request::isTrustRequest);
    assertThat(Request.builder().principal(ALICE).action("STS:TagSession").resource(role).build())
        .matches(Request::isTrustRequest);
    assertThat(Request.builder().principal(ALICE).action("iam:GetRole").resource(role).build())
        .matches(request -> !request.isTrustRequest());
    assertThat(
            Request.builder()
                .principal(ALICE)
                .action("sts:AssumeRole")
                .resource("arn:aws:iam::111122223333:user/bob")
                .build())
        .matches(request -> !request.isTrustRequest());
  }

  @Test
  void request_resourceAccount_followsScenarioRules() {
    Request fromArn =
        Request.builder()
            .principal(ALICE)
            .action("sqs:SendMessage")
            .resource("arn:aws:sqs:us-east-1:444455556666:q")
            .build();
    Request bucket =
        Request.builder()
            .principal(ALICE)
            .action("s3:GetObject")
            .resource("arn:aws:s3:::b/k")
            .build();
    assertThat(fromArn.resourceAccount()).isEqualTo("444455556666");
    assertThat(bucket.resourceAccount()).isEqualTo("111122223333");
  }

  @Test
  void requestContext_sameKeyInOtherCase_isRefused() {
    RequestContext.Builder builder = RequestContext.builder().put("aws:username", "a");
    assertThatThrownBy(() -> builder.put("AWS:UserName", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("case-insensitive");
  }

  @Test
  void requestContext_lookups_ignoreKeyCase() {
    RequestContext context =
        RequestContext.builder()
            .put("aws:SourceIp", "10.0.0.1")
            .put("aws:TagKeys", List.of("a", "b"))
            .build();
    assertThat(context.value("AWS:SOURCEIP")).contains("10.0.0.1");
    assertThat(context.values("aws:tagkeys")).contains(List.of("a", "b"));
    assertThat(context.isMultivalued("aws:TagKeys")).isTrue();
    assertThat(context.value("aws:TagKeys")).isEmpty();
    assertThat(context.contains("aws:username")).isFalse();
  }

  @Test
  void decision_jsonSpellings_roundTrip() {
    for (Decision decision : Decision.values()) {
      assertThat(Decision.fromJson(decision.json())).contains(decision);
    }
    assertThat(Decision.EXPLICIT_DENY.json()).isEqualTo("explicitDeny");
    assertThat(Decision.fromJson("Allowed")).isEmpty();
  }
}
