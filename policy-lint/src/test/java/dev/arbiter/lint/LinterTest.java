package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.lint.config.LintConfig;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinterTest {

  private static final Linter LINTER = Linter.builder().build();

  private static Finding only(LintResult result, String code) {
    List<Finding> findings = result.findings().stream().filter(f -> f.code().equals(code)).toList();
    assertThat(findings).as("%s in %s", code, result.findings()).hasSize(1);
    return findings.get(0);
  }

  @Test
  void lint_conditionValue_reportsLineAndColumnOfTheValue() {
    String policy =
        """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "*",
            "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.1/33"]}}
          }]
        }
        """;
    Finding finding = only(LINTER.lint("p.json", policy), "TYPE_MISMATCH_IP_RANGE");
    assertThat(finding.position()).isEqualTo(new SourcePosition(7, 68));
    assertThat(finding.pointer()).hasToString("/Statement/0/Condition/IpAddress/aws:SourceIp/1");
    assertThat(finding.toString())
        .startsWith("p.json:7:68: ERROR TYPE_MISMATCH_IP_RANGE IpAddress value \"10.0.0.1/33\"");
  }

  @Test
  void lint_sid_reportsThePositionOfTheSidMember() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
           "Sid": "read-all"}]}
        """;
    Finding finding =
        only(
            Linter.builder().policyType(PolicyType.IDENTITY).build().lint("p.json", policy),
            "UNSUPPORTED_SID");
    assertThat(finding.position()).isEqualTo(new SourcePosition(3, 4));
  }

  @Test
  void lint_unparseable_givesParseProblemsAsFindings() {
    LintResult result = LINTER.lint("p.json", "{\"Statement\": {\"Effect\": \"allow\"}}");
    assertThat(result.parsed()).isFalse();
    assertThat(result.policyType()).isEmpty();
    assertThat(result.findings())
        .extracting(Finding::code)
        .containsExactlyInAnyOrder("INVALID_EFFECT", "MISSING_ACTION");
  }

  @Test
  void lint_detectsTypes_trustResourceIdentityAndRcp() {
    String trust =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}}";
    String rcp =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:*\",\"sts:*\"],"
            + "\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:SecureTransport\":\"false\"}}}]}";
    String endpoint =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    assertThat(LINTER.lint("t", trust).policyType()).contains(PolicyType.TRUST);
    assertThat(LINTER.lint("r", rcp).policyType()).contains(PolicyType.RCP);
    assertThat(LINTER.lint("e", endpoint).policyType()).contains(PolicyType.RESOURCE);
    assertThat(LINTER.lint("e", endpoint).typeDetected()).isTrue();
  }

  @Test
  void lint_withConfig_disablesRetypesAndIgnores() {
    LintConfig config =
        LintConfig.parse(
            """
            checks:
              MISSING_VERSION: suggestion
              ALLOW_SERVICE_WILDCARD: off
            ignore:
              - code: ALLOW_ALL_ACTIONS
                paths: ["admin/*.json"]
                reason: break-glass
            """,
            "test.yaml",
            Path.of("/repo"));
    Linter linter = Linter.builder().config(config).withoutCatalog().build();
    String policy =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"*\",\"s3:*\"],\"Resource\":\"*\"}]}";
    LintResult ignored = linter.lint("/repo/admin/a.json", policy);
    // "*" also allows iam:PassRole and iam:CreateServiceLinkedRole on "*", and covers "s3:*".
    assertThat(ignored.findings())
        .extracting(Finding::code)
        .containsExactlyInAnyOrder(
            "MISSING_VERSION",
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
            "REDUNDANT_ACTION");
    assertThat(ignored.findings().get(0).type()).isEqualTo(FindingType.SUGGESTION);
    assertThat(ignored.suppressed()).isEqualTo(1);
    LintResult elsewhere = linter.lint("/repo/other/a.json", policy);
    // ALLOW_ALL_ACTIONS is folded into the PassRole finding on the same element ("*").
    assertThat(elsewhere.allFindings())
        .extracting(Finding::code)
        .contains("ALLOW_ALL_ACTIONS")
        .doesNotContain("ALLOW_SERVICE_WILDCARD");
  }

  @Test
  void checks_haveUniqueCodesAndHelp() {
    Set<String> codes = new HashSet<>();
    for (Check check : Linter.checks()) {
      assertThat(codes.add(check.code())).as(check.code()).isTrue();
      assertThat(check.help()).isNotBlank();
    }
    assertThat(codes).hasSizeGreaterThan(90);
  }

  @Test
  void lint_inParallel_givesTheSameResults() {
    String policy =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[\"a\",\"*\"],"
            + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}}}]}";
    List<Finding> expected = LINTER.lint("p", policy).findings();
    IntStream.range(0, 200)
        .parallel()
        .forEach(i -> assertThat(LINTER.lint("p", policy).findings()).isEqualTo(expected));
  }
}
