package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Explanations name every policy with its kind, its name and, for SCPs and RCPs, its level. */
class ExplanationTextTest {
  private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/deploy/run-1";

  private static Policy allowAll(boolean principal) {
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + (principal ? " \"Principal\": \"*\"," : "")
            + " \"Action\": \"*\", \"Resource\": \"*\"}]}");
  }

  /** Allows everything, and denies s3:DeleteObject in statement 1 ("NoDelete"). */
  private static Policy denyingDeletes(boolean principal) {
    String who = principal ? " \"Principal\": \"*\"," : "";
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + who
            + " \"Action\": \"*\", \"Resource\": \"*\"}, {\"Sid\": \"NoDelete\", \"Effect\":"
            + " \"Deny\","
            + who
            + " \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\"}]}");
  }

  private static NamedPolicy named(String name, Policy policy) {
    return new NamedPolicy(name, policy);
  }

  /**
   * Every kind of policy takes part and allows everything, except that the one of kind {@code
   * denying} also denies s3:DeleteObject; SCP and RCP levels are named when {@code levelName} is
   * not empty.
   */
  private static PolicySet everyKind(String denying, String levelName) {
    PolicySet.Builder set =
        PolicySet.builder()
            .identityPolicy("Deploy", allowAll(false))
            .resourcePolicy(
                "bucket.json", denying.equals("resource") ? denyingDeletes(true) : allowAll(true))
            .permissionsBoundary(
                "DevBoundary", denying.equals("boundary") ? denyingDeletes(false) : allowAll(false))
            .sessionPolicy(
                "ci-session.json",
                denying.equals("session") ? denyingDeletes(false) : allowAll(false))
            .vpcEndpointPolicy(
                "vpce-1a2b.json",
                denying.equals("endpoint") ? denyingDeletes(true) : allowAll(true));
    if (denying.equals("identity")) {
      set.identityPolicy("Storage", denyingDeletes(false));
    }
    List<NamedPolicy> scps = List.of(named("FullAWSAccess", allowAll(false)));
    List<NamedPolicy> accountScps =
        denying.equals("scp")
            ? List.of(
                named("FullAWSAccess", allowAll(false)), named("NoDeletes", denyingDeletes(false)))
            : scps;
    List<NamedPolicy> rcps =
        denying.equals("rcp")
            ? List.of(named("ProtectBuckets", denyingDeletes(true)))
            : List.of(named("RCPFullAWSAccess", allowAll(true)));
    if (levelName.isEmpty()) {
      set.serviceControlPolicyLevel(scps).serviceControlPolicyLevel(accountScps);
      set.resourceControlPolicyLevel(rcps);
    } else {
      set.serviceControlPolicyLevel("root r-ab12", scps)
          .serviceControlPolicyLevel(levelName, accountScps);
      set.resourceControlPolicyLevel(levelName, rcps);
    }
    return set.build();
  }

  private static Request delete() {
    return Request.builder()
        .principal(SESSION)
        .action("s3:DeleteObject")
        .resource("arn:aws:s3:::example-bucket/k")
        .resourceAccount("111122223333")
        .build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "identity||identity policy Storage statement 1 \"NoDelete\" (Deny|identity policy",
        "resource||resource policy bucket.json statement 1 \"NoDelete\" (Deny|resource policy",
        "boundary||permissions boundary DevBoundary statement 1 \"NoDelete\" (Deny"
            + "|permissions boundary",
        "session||session policy ci-session.json statement 1 \"NoDelete\" (Deny|session policy",
        "endpoint||VPC endpoint policy vpce-1a2b.json statement 1 \"NoDelete\" (Deny"
            + "|VPC endpoint policy",
        "scp||SCP NoDeletes at account, statement 1 \"NoDelete\" (Deny|SCP",
        "scp|OU ou-ab12-11111111|SCP NoDeletes at OU ou-ab12-11111111, statement 1 \"NoDelete\""
            + " (Deny|SCP",
        "rcp||RCP ProtectBuckets at root, statement 1 \"NoDelete\" (Deny|RCP",
        "rcp|account 111122223333|RCP ProtectBuckets at account 111122223333, statement 1"
            + " \"NoDelete\" (Deny|RCP",
      })
  void explain_denyInEachKind_namesKindNameAndLevel(
      String denying, String levelName, String deciding, String kind) {
    Explanation explanation =
        Evaluator.of(everyKind(denying, levelName == null ? "" : levelName)).explain(delete());

    assertThat(explanation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(explanation.decisive()).hasSize(1);
    assertThat(explanation.decisive().get(0).toString()).startsWith(deciding);
    assertThat(explanation.summary()).startsWith("Explicitly denied: " + deciding);
    assertThat(explanation.toText(false))
        .contains("Decided by policy type: " + kind + "\n")
        .contains("\nDecided by:\n  " + deciding);
  }

  @Test
  void explain_allowed_namesEveryParticipantWithItsLevel() {
    Request read =
        Request.builder()
            .principal(SESSION)
            .action("s3:GetObject")
            .resource("arn:aws:s3:::example-bucket/k")
            .resourceAccount("111122223333")
            .build();
    Explanation explanation = Evaluator.of(everyKind("", "")).explain(read);

    assertThat(explanation.decision()).isEqualTo(Decision.ALLOWED);
    assertThat(explanation.steps().get(0))
        .isEqualTo(
            "Policies: caller "
                + SESSION
                + " (assumed role); identity policy Deploy; resource policy bucket.json;"
                + " permissions boundary DevBoundary; session policy ci-session.json;"
                + " SCP at root: FullAWSAccess; SCP at account: FullAWSAccess;"
                + " RCP at root: RCPFullAWSAccess; VPC endpoint policy vpce-1a2b.json.");
    assertThat(explanation.decisive())
        .extracting(StatementRef::policy)
        .contains(
            "SCP FullAWSAccess at root",
            "SCP FullAWSAccess at account",
            "RCP RCPFullAWSAccess at root",
            "VPC endpoint policy vpce-1a2b.json");
    assertThat(explanation.toText(false)).contains("Decided by policy types: ");
  }

  @Test
  void explain_trustPolicyDeny_namesTheTrustPolicy() {
    Policy trust =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"},
              {"Sid": "NotAlice", "Effect": "Deny", "Principal": {"AWS": "*"},
               "Action": "sts:AssumeRole"}]}""");
    Explanation explanation =
        Evaluator.of(
                PolicySet.builder()
                    .identityPolicy("AssumeAny", allowAll(false))
                    .resourcePolicy("roles/deploy-trust.json", trust)
                    .build())
            .explain(
                Request.builder()
                    .principal("arn:aws:iam::111122223333:user/alice")
                    .action("sts:AssumeRole")
                    .resource("arn:aws:iam::111122223333:role/deploy")
                    .build());

    assertThat(explanation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(explanation.toText(false))
        .contains("Decided by policy type: trust policy\n")
        .contains("  trust policy roles/deploy-trust.json statement 1 \"NotAlice\" (Deny");
  }

  @Test
  void levelNames_unnamedLevels_areNamedByTheirPlace() {
    List<NamedPolicy> level = List.of(named("FullAWSAccess", allowAll(false)));
    PolicySet set =
        PolicySet.builder()
            .serviceControlPolicyLevel(level)
            .serviceControlPolicyLevel("OU ou-ab12-11111111", level)
            .serviceControlPolicyLevel(level)
            .serviceControlPolicyLevel(level)
            .resourceControlPolicyLevel(level)
            .build();

    assertThat(set.serviceControlPolicyLevelNames())
        .containsExactly("root", "OU ou-ab12-11111111", "OU (level 3)", "account");
    assertThat(set.resourceControlPolicyLevelNames()).containsExactly("root");
    assertThat(set.toBuilder().build().serviceControlPolicyLevelNames())
        .isEqualTo(set.serviceControlPolicyLevelNames());
  }

  @Test
  void toString_isTheFullText() {
    Explanation explanation = Evaluator.of(everyKind("scp", "")).explain(delete());
    assertThat(explanation.toString())
        .isEqualTo(explanation.toText(true))
        .startsWith(explanation.toText(false))
        .contains("\nSteps:\n");
  }
}
