package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static dev.arbiter.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arbiter check} and {@code arbiter diff} over whole policy sets: scenario files and account
 * snapshots (docs/reasoning.md, "Policy sets").
 */
class PolicySetCheckCommandTest {
  private static final String PASSROLE = "../corpus/scenarios/passrole-boundary.json";
  private static final String BEFORE = "../corpus/scenarios/scp-change-before.json";
  private static final String AFTER = "../corpus/scenarios/scp-change-after.json";
  private static final String ACCOUNTS = "../corpus/accounts/example/";
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  @TempDir Path dir;

  /** A scenario with one request by alice and the given policy entries. */
  private String scenario(String name, String entries) throws IOException {
    return write(
            dir,
            name,
            "{\"request\": {\"principal\": \""
                + ALICE
                + "\", \"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\"},\n"
                + entries
                + "}\n")
        .toString();
  }

  private static String allow(String action, String resource) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Grant\", \"Effect\":"
        + " \"Allow\", \"Action\": \""
        + action
        + "\", \"Resource\": \""
        + resource
        + "\"}]}";
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  /** The request of a reason's {@code counterexample} (one without context keys). */
  private static Request request(JsonNode counterexample) {
    assertThat(counterexample.get("context").size()).isZero();
    return Request.builder()
        .principal(counterexample.get("principal").asText())
        .action(counterexample.get("action").asText())
        .resource(counterexample.get("resource").asText())
        .resourceAccount(counterexample.get("resourceAccount").asText())
        .build();
  }

  @Test
  void accessNotGranted_boundaryCapsIdentityPolicy_passes() {
    CliRun run =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "iam:PassRole",
            "--resources",
            "arn:aws:iam::111122223333:role/admin*",
            PASSROLE);

    assertThat(run.err()).isEmpty();
    assertThat(run.out().strip()).isEqualTo("PASS");
    assertThat(run.code()).isZero();
  }

  @Test
  void accessNotGranted_identityPolicyAloneWouldFail_setWithoutBoundaryFails() throws IOException {
    String file =
        scenario(
            "no-boundary.json",
            "\"identityPolicies\": [{\"name\": \"Tools\", \"policy\": "
                + allow("iam:PassRole", "arn:aws:iam::111122223333:role/*")
                + "}]");

    CliRun run =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "iam:PassRole",
            "--resources",
            "arn:aws:iam::111122223333:role/admin*",
            file);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("FAIL\n  statement 0 (Grant) at " + file + ":2: ")
        .contains("identity policy \"Tools\"")
        .contains("role/admin");
  }

  @Test
  void accessNotGranted_fail_namesPolicyStatementAndACounterexampleTheScenarioAllows()
      throws IOException {
    CliRun text = run("check", "access-not-granted", "--actions", "iam:PassRole", PASSROLE);
    CliRun run =
        run("check", "access-not-granted", "--actions", "iam:PassRole", "-f", "json", PASSROLE);

    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out())
        .startsWith("FAIL\n  statement 0 (PassAnyRole) at " + PASSROLE + ":13: ")
        .contains("identity policy \"DeployTools\"");
    assertThat(run.code()).isEqualTo(1);
    JsonNode result = json(run.out());
    assertThat(result.get("result").asText()).isEqualTo("FAIL");
    JsonNode reason = result.get("reasons").get(0);
    assertThat(reason.get("line").asInt()).isEqualTo(13);
    assertThat(reason.get("policy").get("part").asText()).isEqualTo("identity policy");
    assertThat(reason.get("policy").get("name").asText()).isEqualTo("DeployTools");
    assertThat(reason.get("policy").get("file").asText()).isEqualTo(PASSROLE);
    Request request = request(reason.get("counterexample"));
    assertThat(request.action()).isEqualTo("iam:PassRole");
    assertThat(request.resource()).startsWith("arn:aws:iam::111122223333:role/app-");
    assertThat(Scenario.read(Path.of(PASSROLE)).evaluator().evaluate(request).isAllowed()).isTrue();
  }

  @Test
  void accessNotGranted_policyFromFileEntry_reasonPointsIntoThatFile() throws IOException {
    write(
        dir,
        "iam/tools.json",
        "{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  "
            + "{\"Sid\": \"Grant\", \"Effect\": \"Allow\", \"Action\": \"iam:PassRole\","
            + " \"Resource\": \"*\"}]}");
    String file =
        scenario(
            "tests/set.json",
            "\"identityPolicies\": [{\"name\": \"Tools\", \"file\": \"../iam/tools.json\"}]");

    CliRun run = run("check", "access-not-granted", "--actions", "iam:PassRole", file);

    String policyFile = dir.resolve("iam/tools.json").toString();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).startsWith("FAIL\n  statement 0 (Grant) at " + policyFile + ":3: ");
  }

  @Test
  void accessNotGranted_unmodelledCondition_isInconclusiveAndExitsByFlag() throws IOException {
    String file =
        scenario(
            "mixed.json",
            "\"identityPolicies\": [{\"name\": \"Mixed\", \"policy\": {\"Version\": \"2012-10-17\","
                + " \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\":"
                + " \"*\", \"Condition\": {\"StringEquals\": {\"s3:max-keys\": \"10\"}}},"
                + " {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
                + " \"Condition\": {\"NumericLessThan\": {\"s3:max-keys\": \"5\"}}}]}}]");

    CliRun run = run("check", "access-not-granted", "--actions", "s3:ListBucket", file);
    CliRun relaxed =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "s3:ListBucket",
            "--inconclusive",
            "pass",
            file);
    CliRun sarif =
        run("check", "access-not-granted", "--actions", "s3:ListBucket", "-f", "sarif", file);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).startsWith("INCONCLUSIVE: ").contains("s3:max-keys");
    assertThat(relaxed.code()).isZero();
    JsonNode result = json(sarif.out()).get("runs").get(0).get("results").get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo(CheckSarif.INCONCLUSIVE);
    assertThat(
            result
                .get("locations")
                .get(0)
                .get("physicalLocation")
                .get("artifactLocation")
                .get("uri")
                .asText())
        .endsWith("/mixed.json");
  }

  @Test
  void accessNotGranted_principalOption_picksTheCallerAmongSeveral() throws IOException {
    String file =
        write(
                dir,
                "two.json",
                "{\"requests\": [\n"
                    + " {\"id\": \"a\", \"request\": {\"principal\": \""
                    + ALICE
                    + "\", \"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\"}},\n"
                    + " {\"id\": \"b\", \"request\": {\"principal\":"
                    + " \"arn:aws:iam::111122223333:user/bob\", \"action\": \"s3:GetObject\","
                    + " \"resource\": \"arn:aws:s3:::b/k\"}}],\n"
                    + " \"resourcePolicy\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\":"
                    + " \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/bob\"},"
                    + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}]}}\n")
            .toString();

    CliRun none = run("check", "access-not-granted", "--actions", "s3:GetObject", file);
    CliRun alice =
        run("check", "access-not-granted", "--actions", "s3:GetObject", "--principal", ALICE, file);
    CliRun bob =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "s3:GetObject",
            "--principal",
            "arn:aws:iam::111122223333:user/bob",
            file);

    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("2 callers").contains("pass --principal");
    assertThat(alice.out().strip()).isEqualTo("PASS");
    assertThat(alice.code()).isZero();
    assertThat(bob.code()).isEqualTo(1);
    assertThat(bob.out()).contains("resource policy");
  }

  @Test
  void usageErrors_exitTwoWithWhatToDo() throws IOException {
    String policy = write(dir, "p.json", allow("s3:*", "*")).toString();

    CliRun role =
        run(
            "check",
            "access-not-granted",
            "--principal",
            "arn:aws:iam::111122223333:role/app",
            PASSROLE);
    CliRun type = run("check", "access-not-granted", "--type", "identity", PASSROLE);
    CliRun mixed = run("check", "no-new-access", "--reference", policy, AFTER);
    CliRun principalOnPolicy =
        run("check", "access-not-granted", "-t", "identity", "--principal", ALICE, policy);
    CliRun nothing = run("check", "access-not-granted", "--actions", "s3:GetObject");
    CliRun snapshotNoPrincipal =
        run("check", "access-not-granted", "--snapshot", ACCOUNTS + "account-111122223333.json");
    CliRun orgAlone =
        run("check", "access-not-granted", "--org", ACCOUNTS + "organization.json", PASSROLE);
    CliRun snapshotAndFile =
        run(
            "check",
            "access-not-granted",
            "--snapshot",
            ACCOUNTS + "account-111122223333.json",
            "--principal",
            "user/carol",
            PASSROLE);

    assertThat(role.code()).isEqualTo(2);
    assertThat(role.err()).contains("assumed-role/app/SESSION");
    assertThat(type.code()).isEqualTo(2);
    assertThat(type.err()).contains("--type is for policy files");
    assertThat(mixed.code()).isEqualTo(2);
    assertThat(mixed.err()).contains("compare a scenario with a scenario");
    assertThat(principalOnPolicy.code()).isEqualTo(2);
    assertThat(principalOnPolicy.err()).contains("is not a scenario");
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err()).contains("POLICY");
    assertThat(snapshotNoPrincipal.code()).isEqualTo(2);
    assertThat(snapshotNoPrincipal.err()).contains("--snapshot needs --principal");
    assertThat(orgAlone.code()).isEqualTo(2);
    assertThat(orgAlone.err()).contains("go with --snapshot");
    assertThat(snapshotAndFile.code()).isEqualTo(2);
    assertThat(snapshotAndFile.err()).contains("give no POLICY file");
  }

  @Test
  void unreadableInputs_exitThreeWithTheirPlace() throws IOException {
    String broken =
        scenario(
            "broken.json",
            "\"identityPolicies\": [{\"name\": \"Bad\", \"policy\": {\"Version\": \"2012-10-17\","
                + " \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\":"
                + " \"*\"}]}}]");

    CliRun scenario = run("check", "access-not-granted", broken);
    CliRun missing =
        run(
            "check",
            "access-not-granted",
            "--snapshot",
            dir.resolve("none.json").toString(),
            "--principal",
            "user/carol");
    CliRun unknown =
        run(
            "check",
            "access-not-granted",
            "--snapshot",
            ACCOUNTS + "account-111122223333.json",
            "--principal",
            "user/nobody");

    assertThat(scenario.code()).isEqualTo(3);
    assertThat(scenario.err()).contains(broken + ":2:").contains("Effect");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("nobody");
  }

  @Test
  void noNewAccess_scpDetached_failsWithTheNewAccess_andTheReverseChangePasses() {
    CliRun run = run("check", "no-new-access", "--reference", BEFORE, AFTER);
    CliRun reverse = run("check", "no-new-access", "--reference", AFTER, BEFORE);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("FAIL\n  statement 0 (AllS3) at " + AFTER + ":11: ")
        .contains("identity policy \"S3Admin\"")
        .contains("s3:DeleteBucket");
    assertThat(reverse.out().strip()).isEqualTo("PASS");
    assertThat(reverse.code()).isZero();
  }

  @Test
  void noNewAccess_sarif_isAnErrorAtTheStatementInTheCandidateScenario() throws IOException {
    CliRun run = run("check", "no-new-access", "-f", "sarif", "--reference", BEFORE, AFTER);

    assertThat(run.code()).isEqualTo(1);
    JsonNode results = json(run.out()).get("runs").get(0).get("results");
    assertThat(results).hasSize(1);
    JsonNode result = results.get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("NO_NEW_ACCESS");
    assertThat(result.get("level").asText()).isEqualTo("error");
    JsonNode location = result.get("locations").get(0).get("physicalLocation");
    assertThat(location.get("artifactLocation").get("uri").asText()).endsWith("after.json");
    assertThat(location.get("region").get("startLine").asInt()).isEqualTo(11);
  }

  @Test
  void diff_scenarios_showsWhatTheScpChangeAdds() throws IOException {
    CliRun run = run("diff", BEFORE, AFTER);
    CliRun same = run("diff", BEFORE, BEFORE);
    CliRun json = run("diff", "-f", "json", BEFORE, AFTER);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("DIFFERENT\nAllowed by " + AFTER + " and not by " + BEFORE + ":\n")
        .contains("statement 0 (AllS3) at " + AFTER + ":11: ")
        .contains("s3:DeleteBucket")
        .endsWith("Allowed by " + BEFORE + " and not by " + AFTER + ":\n  nothing\n");
    assertThat(same.out()).startsWith("EQUIVALENT");
    assertThat(same.code()).isZero();
    JsonNode added = json(json.out()).get("added");
    assertThat(added.get("result").asText()).isEqualTo("FAIL");
    assertThat(added.get("reasons").get(0).get("policy").get("file").asText()).isEqualTo(AFTER);
    assertThat(json(json.out()).get("removed").get("result").asText()).isEqualTo("PASS");
  }

  @Test
  void snapshot_scpOfTheOrganizationDeniesWhatAdminAccessAllows() {
    String account = ACCOUNTS + "account-111122223333.json";

    CliRun withOrg =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "ec2:TerminateInstances",
            "--snapshot",
            account,
            "--org",
            ACCOUNTS + "organization.json",
            "--principal",
            "user/carol");
    CliRun withoutOrg =
        run(
            "check",
            "access-not-granted",
            "--actions",
            "ec2:TerminateInstances",
            "--snapshot",
            account,
            "--principal",
            "user/carol");

    assertThat(withOrg.out().strip()).isEqualTo("PASS");
    assertThat(withOrg.code()).isZero();
    assertThat(withoutOrg.code()).isEqualTo(1);
    assertThat(withoutOrg.out())
        .startsWith("FAIL\n  statement 0: ")
        .contains("identity policy \"AdminAccess\"");
  }

  @Test
  void snapshot_crossAccountBucketPolicy_takesPartOnlyWhenNamed() throws IOException {
    String[] common = {
      "check",
      "access-not-granted",
      "--actions",
      "s3:GetObject",
      "--snapshot",
      ACCOUNTS + "account-111122223333.json",
      "--snapshot",
      ACCOUNTS + "account-444455556666.json",
      "--org",
      ACCOUNTS + "organization.json",
      "--resource-policies",
      ACCOUNTS + "resource-policies",
      "--principal",
      "role/analyst",
      "-f",
      "json"
    };
    String[] named = java.util.Arrays.copyOf(common, common.length + 2);
    named[common.length] = "--resource";
    named[common.length + 1] = "arn:aws:s3:::shared-reports-111122223333";
    String[] otherAccount = java.util.Arrays.copyOf(common, common.length + 2);
    otherAccount[common.length] = "--resource-account";
    otherAccount[common.length + 1] = "111122223333";

    CliRun granted = run(named);
    CliRun noResourcePolicy = run(otherAccount);

    assertThat(granted.code()).isEqualTo(1);
    JsonNode reason = json(granted.out()).get("reasons").get(0);
    assertThat(reason.get("policy").get("part").asText()).isEqualTo("resource policy");
    assertThat(reason.get("counterexample").get("resource").asText())
        .startsWith("arn:aws:s3:::shared-reports-111122223333");
    assertThat(reason.get("counterexample").get("resourceAccount").asText())
        .isEqualTo("111122223333");
    // Cross-account without the bucket's policy: the identity policy alone grants nothing there.
    assertThat(json(noResourcePolicy.out()).get("result").asText()).isEqualTo("PASS");
    assertThat(noResourcePolicy.code()).isZero();
  }
}
