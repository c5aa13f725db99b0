package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.lint.Finding;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotResourceVariableRuleTest {

  private static final String CODE = "ALLOW_NOT_RESOURCE_WITH_UNRESOLVABLE_VARIABLE";

  private static List<Finding> findings(PolicyType type, String version, String statement) {
    String policy = "{" + version + "\"Statement\": [" + statement + "]}";
    return Linter.builder().policyType(type).build().lint("p.json", policy).allFindings().stream()
        .filter(f -> f.code().equals(CODE))
        .toList();
  }

  private static List<Finding> identity(String statement) {
    return findings(PolicyType.IDENTITY, "\"Version\": \"2012-10-17\", ", statement);
  }

  private static String allowNot(String notResource) {
    return "{\"Effect\": \"Allow\", \"Action\": \"ec2:*\", \"NotResource\": " + notResource + "}";
  }

  @Test
  void check_allowNotResourceWithPrincipalTag_reportsTheEntry() {
    assertThat(
            identity(
                allowNot(
                    "\"arn:aws:ec2:us-east-1:111122223333:instance/${aws:PrincipalTag/Foo}\"")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).contains("${aws:PrincipalTag/Foo}");
              assertThat(f.pointer().toString()).startsWith("/Statement/0/NotResource");
            });
  }

  @Test
  void check_usernameInIdentityPolicy_isReported_rolesHaveNone() {
    assertThat(identity(allowNot("\"arn:aws:s3:::home/${aws:username}/*\""))).hasSize(1);
  }

  @Test
  void check_secondEntryOnly_reportsOneFindingAtThatEntry() {
    assertThat(
            identity(
                allowNot(
                    "[\"arn:aws:s3:::fixed/*\", \"arn:aws:s3:::home/${aws:PrincipalTag/team}/*\"]")))
        .singleElement()
        .satisfies(f -> assertThat(f.pointer().toString()).isEqualTo("/Statement/0/NotResource/1"));
  }

  @Test
  void check_defaultValueDenyResourceOrAlwaysPresentKey_isNotReported() {
    assertThat(identity(allowNot("\"arn:aws:s3:::home/${aws:PrincipalTag/team, 'none'}/*\"")))
        .isEmpty();
    assertThat(
            identity(
                "{\"Effect\": \"Deny\", \"Action\": \"s3:*\","
                    + " \"NotResource\": \"arn:aws:s3:::home/${aws:PrincipalTag/team}/*\"}"))
        .isEmpty();
    assertThat(
            identity(
                "{\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                    + " \"Resource\": \"arn:aws:s3:::home/${aws:PrincipalTag/team}/*\"}"))
        .isEmpty();
    assertThat(identity(allowNot("\"arn:aws:s3:::home/${aws:PrincipalAccount}/*\""))).isEmpty();
  }

  @Test
  void check_principalKeyInResourcePolicy_isReported_anonymousCallersLackIt() {
    String statement =
        "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\","
            + " \"NotResource\": \"arn:aws:s3:::bucket/${aws:PrincipalAccount}/*\"}";
    assertThat(findings(PolicyType.RESOURCE, "\"Version\": \"2012-10-17\", ", statement))
        .hasSize(1);
  }

  @Test
  void check_version2008_variablesArePlainText_notReported() {
    String statement = allowNot("\"arn:aws:s3:::home/${aws:PrincipalTag/team}/*\"");
    assertThat(findings(PolicyType.IDENTITY, "\"Version\": \"2008-10-17\", ", statement)).isEmpty();
  }

  @Test
  void check_noVersion_mayBeReadAsVariable_isReported() {
    // docs/semantics.md §12.8: without a Version, AWS may read the text as 2012-10-17 does.
    String statement = allowNot("\"arn:aws:s3:::home/${aws:PrincipalTag/team}/*\"");
    assertThat(findings(PolicyType.IDENTITY, "", statement))
        .singleElement()
        .satisfies(f -> assertThat(f.pointer().toString()).isEqualTo("/Statement/0/NotResource"));
  }
}
