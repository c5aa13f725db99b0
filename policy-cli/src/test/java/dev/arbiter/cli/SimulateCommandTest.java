package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  @TempDir Path dir;

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static String scenario(String action, String statements) {
    return """
        {"request": {"principal": "%s", "action": "%s", "resource": "arn:aws:s3:::b/k"},
         "identityPolicies": [{"name": "P", "policy": {"Version": "2012-10-17",
           "Statement": %s}}]}
        """
        .formatted(ALICE, action, statements);
  }

  private static final String ALLOW_READ_DENY_DELETE =
      """
      [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"},
       {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]""";

  /** Exit code, stdout, stderr. */
  private Path file(String name, String content) throws IOException {
    return CliRun.write(dir, name, content);
  }

  @Test
  void simulate_allowedScenario_exitsZeroWithExplanation() throws IOException {
    Path scenario = file("s.json", scenario("s3:GetObject", ALLOW_READ_DENY_DELETE));
    CliRun run = run("simulate", scenario.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("Decision: allowed").contains("P statement 0");
  }

  @Test
  void simulate_explicitDeny_exitsOneAndNamesTheStatement() throws IOException {
    Path scenario = file("s.json", scenario("s3:DeleteObject", ALLOW_READ_DENY_DELETE));
    CliRun run = run("simulate", scenario.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).startsWith("Decision: explicitDeny").contains("\"NoDelete\"");
  }

  @Test
  void simulate_implicitDeny_exitsOne() throws IOException {
    Path scenario = file("s.json", scenario("s3:PutObject", ALLOW_READ_DENY_DELETE));
    assertThat(run("simulate", scenario.toString()).code()).isEqualTo(1);
  }

  @Test
  void simulate_jsonFormat_givesTheDecisionAndStatements() throws IOException {
    Path scenario = file("s.json", scenario("s3:DeleteObject", ALLOW_READ_DENY_DELETE));
    CliRun run = run("simulate", "--format", "json", scenario.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().strip())
        .startsWith("{\"decision\":\"explicitDeny\"")
        .contains("\"decisive\":[{\"policy\":\"P\",\"type\":\"identity\",\"statement\":1,")
        .contains("\"sid\":\"NoDelete\"")
        .contains("\"line\":4");
  }

  @Test
  void simulate_invalidPolicy_exitsThreeWithOneLinePosition() throws IOException {
    Path scenario =
        file(
            "bad.json",
            scenario("s3:GetObject", "[{\"Effect\": \"Allow\", \"Action\": \"s3:Get*\"}]"));
    CliRun run = run("simulate", scenario.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .startsWith(scenario + ":3:18: ")
        .contains("MISSING_RESOURCE")
        .contains("/identityPolicies/0/policy/Statement/0");
  }

  @Test
  void simulate_missingFile_exitsThree() {
    CliRun run = run("simulate", dir.resolve("absent.json").toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("no such file");
  }

  @Test
  void simulate_requestList_printsOneLinePerRequestInOrder() throws IOException {
    Path scenario =
        file(
            "many.json",
            """
            {"requests": [
               {"id": "read", "request": {"principal": "%1$s", "action": "s3:GetObject", "resource": "*"}},
               {"id": "delete", "request": {"principal": "%1$s", "action": "s3:DeleteObject", "resource": "*"}},
               {"id": "put", "request": {"principal": "%1$s", "action": "s3:PutObject", "resource": "*"}}],
             "identityPolicies": [{"Version": "2012-10-17", "Statement": %2$s}]}"""
                .formatted(ALICE, ALLOW_READ_DENY_DELETE));
    CliRun run = run("simulate", scenario.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            "{\"id\":\"read\",\"decision\":\"allowed\"}",
            "{\"id\":\"delete\",\"decision\":\"explicitDeny\"}",
            "{\"id\":\"put\",\"decision\":\"implicitDeny\"}");
  }

  private static String caseLine(String id, String action, String expect) {
    return "{\"id\": \""
        + id
        + "\", \"source\": \"test\", \"expect\": \""
        + expect
        + "\", \"scenario\": "
        + scenario(action, ALLOW_READ_DENY_DELETE).replace('\n', ' ')
        + "}";
  }

  @Test
  void batch_invalidCase_isReportedAndTheRunGoesOn() throws IOException {
    Path cases =
        file(
            "cases.jsonl",
            String.join(
                "\n",
                caseLine("c1", "s3:GetObject", "allowed"),
                "{\"id\": \"broken\", \"scenario\": {\"request\": {}}}",
                "",
                caseLine("c2", "s3:DeleteObject", "explicitDeny")));
    CliRun run = run("simulate", "--batch", cases.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out().lines()).hasSize(3);
    assertThat(run.out().lines().toList().get(0))
        .isEqualTo("{\"id\":\"c1\",\"decision\":\"allowed\"}");
    assertThat(run.out().lines().toList().get(1))
        .startsWith("{\"id\":\"broken\",\"error\":\"line 2: ")
        .contains("principal");
    assertThat(run.out().lines().toList().get(2))
        .isEqualTo("{\"id\":\"c2\",\"decision\":\"explicitDeny\"}");
  }

  @Test
  void batch_unknownCaseMembers_areIgnoredWithOneWarningPerRun() throws IOException {
    Path cases =
        file(
            "tagged.jsonl",
            String.join(
                "\n",
                caseLine("c1", "s3:GetObject", "allowed")
                    .replaceFirst("\\{", "{\"tags\": [\"s3\"], "),
                caseLine("c2", "s3:DeleteObject", "explicitDeny")
                    .replaceFirst("\\{", "{\"tags\": [], \"origin\": {\"suite\": \"x\"}, ")));
    CliRun run = run("simulate", "--batch", "--check", cases.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("2 passed, 0 failed" + System.lineSeparator());
    assertThat(run.err().lines())
        .containsExactly(
            "arbiter simulate: warning: ignored members that are not part of a case (origin,"
                + " tags) on 2 lines");
  }

  @Test
  void batch_unknownMemberInsideTheScenario_staysAnError() throws IOException {
    Path cases =
        file(
            "bad.jsonl",
            caseLine("c1", "s3:GetObject", "allowed")
                .replace("\"scenario\": {", "\"scenario\": {\"tags\": [], "));
    CliRun run = run("simulate", "--batch", cases.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("unknown member \\\"tags\\\" in a scenario");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void batch_caseMemberCloseToAKnownOne_isAnError() throws IOException {
    Path cases =
        file(
            "typo.jsonl",
            caseLine("c1", "s3:GetObject", "allowed").replace("\"expect\"", "\"expected\""));
    CliRun run = run("simulate", "--batch", cases.toString());
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("did you mean \\\"expect\\\"?");
  }

  @Test
  void batch_allValid_exitsZero() throws IOException {
    Path cases = file("ok.jsonl", caseLine("c1", "s3:GetObject", "implicitDeny") + "\n");
    CliRun run = run("simulate", "--batch", cases.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .isEqualTo("{\"id\":\"c1\",\"decision\":\"allowed\"}" + System.lineSeparator());
  }

  @Test
  void batchCheck_mismatch_printsItAndTheSummaryAndExitsOne() throws IOException {
    Path cases =
        file(
            "check.jsonl",
            String.join(
                "\n",
                caseLine("good", "s3:GetObject", "allowed"),
                caseLine("wrong", "s3:PutObject", "allowed")));
    CliRun run = run("simulate", "--batch", "--check", cases.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            "MISMATCH wrong (line 2): expected allowed, got implicitDeny: Implicitly denied: no"
                + " identity-based policy allows s3:PutObject on arn:aws:s3:::b/k.",
            "1 passed, 1 failed");
  }

  @Test
  void batchCheck_allPass_exitsZero() throws IOException {
    Path cases = file("pass.jsonl", caseLine("good", "s3:GetObject", "allowed"));
    CliRun run = run("simulate", "--batch", "--check", cases.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out().strip()).isEqualTo("1 passed, 0 failed");
  }

  @Test
  void check_withoutBatch_isAUsageError() throws IOException {
    Path scenario = file("s.json", scenario("s3:GetObject", ALLOW_READ_DENY_DELETE));
    CliRun run = run("simulate", "--check", scenario.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--batch");
  }

  @Test
  void help_answersWithExitCodesAndExamples() {
    CliRun run = run("simulate", "--help");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("Exit codes:")
        .contains("--batch --check")
        .contains("arbiter simulate scenario.json")
        .contains("implicitDeny");
  }

  private static String bucketScenario(String principal, String bucketPolicy) {
    return """
        {"request": {"principal": "%s", "action": "s3:GetObject",
                     "resource": "arn:aws:s3:::reports/q1.csv", "resourceAccount": "111122223333"},
         "identityPolicies": [{"Version": "2012-10-17",
           "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}],
         "resourcePolicy": {"Version": "2012-10-17", "Statement": [%s]},
         "s3BlockPublicAccess": {"bucket": {"restrictPublicBuckets": true}}}
        """
        .formatted(principal, bucketPolicy);
  }

  @Test
  void simulate_restrictPublicBuckets_publicPolicyDecidedByTheReasoner() throws IOException {
    Path scenario =
        file(
            "public.json",
            bucketScenario(
                "arn:aws:iam::444455556666:user/pat",
                """
                {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::reports/*"}"""));
    CliRun run = run("simulate", scenario.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("Decision: implicitDeny")
        .contains("S3 Block Public Access (RestrictPublicBuckets, on for the bucket)")
        .contains("the no-public-access check for AWS::S3::Bucket fails");
  }

  @Test
  void simulate_restrictPublicBuckets_nonPublicPolicyUnaffected() throws IOException {
    // Without the reasoner's verdict every bucket policy would count as public and this grant
    // to a named account would be blocked.
    Path scenario =
        file(
            "partner.json",
            bucketScenario(
                "arn:aws:iam::444455556666:user/pat",
                """
                {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::reports/*"}"""));
    CliRun run = run("simulate", scenario.toString());
    assertThat(run.code()).as(run.out()).isZero();
  }

  @Test
  void simulate_batchCheck_blockPublicAccessCases() {
    CliRun run = run("simulate", "--batch", "--check", "../corpus/eval/bpa.jsonl");
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("12 passed, 0 failed");
  }

  private static final Path MFA_SCENARIO =
      Path.of(
          System.getProperty("corpus.dir", "../corpus"), "scenarios", "create-user-needs-mfa.json");

  @Test
  void simulate_conditionsText_saysUnderWhichMissingKeysTheRequestIsAllowed() {
    CliRun run = run("simulate", "--conditions", MFA_SCENARIO.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("Decision: implicitDeny")
        .contains(
            "Conditions on the missing keys (aws:MultiFactorAuthPresent, aws:PrincipalTag/team,"
                + " aws:SourceIp):\n"
                + "  allowed if aws:MultiFactorAuthPresent = \"true\" (in any case)\n"
                + "    and aws:PrincipalTag/team is absent or ≠ \"contractors\"\n"
                + "    and aws:SourceIp in 10.0.0.0/8\n");
  }

  @Test
  void simulate_conditionsJson_listsAlternativesOfKeyConstraints() {
    CliRun run = run("simulate", "--conditions", "--format", "json", MFA_SCENARIO.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"decision\":\"implicitDeny\"")
        .contains(
            "\"conditions\":{\"result\":\"allowedIf\",\"missingKeys\":"
                + "[\"aws:MultiFactorAuthPresent\",\"aws:PrincipalTag/team\",\"aws:SourceIp\"],"
                + "\"alternatives\":[[{\"key\":\"aws:MultiFactorAuthPresent\","
                + "\"condition\":\"= \\\"true\\\" (in any case)\"},")
        .contains("{\"key\":\"aws:SourceIp\",\"condition\":\"in 10.0.0.0/8\"}]]}");
  }

  @Test
  void simulate_conditionsWhenNothingIsMissingAndDenied_saysSo() throws IOException {
    Path scenario = file("s.json", scenario("s3:PutObject", ALLOW_READ_DENY_DELETE));
    CliRun run = run("simulate", "--conditions", scenario.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .endsWith("\nConditions: the request gives every condition key the policies read.\n");
  }

  @Test
  void simulate_conditionsWithBatch_isAUsageError() throws IOException {
    Path cases = file("c.jsonl", "");
    assertThat(run("simulate", "--conditions", "--batch", cases.toString()).code()).isEqualTo(2);
  }
}
