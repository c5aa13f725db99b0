package dev.arbiter.iac.terraform;

import static dev.arbiter.iac.terraform.Plans.quote;
import static dev.arbiter.iac.terraform.TerraformPlansTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.rules.Rules;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The linter's rules on what the plan reader finds: each finding points at the plan's own line and
 * column, inside the escaped policy string, and the document names the plan address it came from.
 */
class PlanLintTest {

  @Test
  void lint_policiesOfAPlan_findingsHavePlanPositions() {
    String trust =
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "",
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": {
                "Service": "ec2.amazonaws.com"
              }
            }
          ]
        }""";
    String passRole =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}]}";
    String plan =
        "{\"format_version\": \"1.2\",\n \"planned_values\": {\"root_module\": {\"child_modules\": [{\"address\": \"module.app\",\n"
            + "  \"resources\": [\n   {\"address\": \"module.app.aws_iam_role.web\", \"mode\": \"managed\", \"type\": \"aws_iam_role\","
            + " \"name\": \"web\",\n    \"values\": {\"assume_role_policy\": "
            + quote(trust)
            + "}},\n   {\"address\": \"module.app.aws_iam_role_policy.deploy\", \"mode\": \"managed\","
            + " \"type\": \"aws_iam_role_policy\", \"name\": \"deploy\",\n    \"values\": {\"policy\": "
            + quote(passRole)
            + "}}]}]}}}";

    List<EmbeddedPolicy> found = Plans.read(plan);
    Json planTree = JsonReader.read(plan, PolicyReader.LIMITS);

    assertThat(found)
        .extracting(EmbeddedPolicy::resource)
        .containsExactly("module.app.aws_iam_role.web", "module.app.aws_iam_role_policy.deploy");
    Finding emptySid = only(lint(found.get(0), planTree), "EMPTY_SID_VALUE");
    assertThat(emptySid.position().line()).isEqualTo(5);
    assertThat(at(plan, emptySid.position()))
        .startsWith("\\\"Sid\\\": \\\"\\\",\\n      \\\"Effect");
    assertThat(emptySid.pointer()).isEqualTo(JsonPointer.parse("/Statement/0/Sid"));

    Finding star = only(lint(found.get(1), planTree), "PASS_ROLE_WITH_STAR_IN_RESOURCE");
    assertThat(star.position().line()).isEqualTo(7);
    assertThat(at(plan, star.position())).startsWith("\\\"iam:PassRole\\\",\\\"Resource\\\":\\\"*");
  }

  /** What {@code arbiter lint} runs on one document: validation for its type, then the rules. */
  private static List<Finding> lint(EmbeddedPolicy embedded, Json plan) {
    Policy policy = PolicyReader.read(embedded.document());
    String text = ((Json.Str) Plans.resolve(plan, embedded.property())).value();
    List<Finding> findings = new ArrayList<>();
    policy
        .validate(embedded.policyType())
        .forEach(
            p ->
                findings.add(
                    new Finding(
                        p.code(),
                        dev.arbiter.lint.FindingType.ERROR,
                        p.message(),
                        "plan.json",
                        p.pointer(),
                        p.position())));
    findings.addAll(
        Rules.enabled(Set.of(), Map.of(Catalog.class, Catalog.get()))
            .check(
                "plan.json",
                policy,
                embedded.policyType(),
                embedded.attachedTo(),
                text.getBytes(StandardCharsets.UTF_8),
                embedded.document()));
    return findings;
  }

  private static Finding only(List<Finding> findings, String code) {
    assertThat(findings).extracting(Finding::code).contains(code);
    return findings.stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
  }
}
