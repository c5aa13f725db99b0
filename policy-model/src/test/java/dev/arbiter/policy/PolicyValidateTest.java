package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyValidateTest {

  private static final String ALLOW = "\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"";
  private static final String DENY = "\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\"";

  private static List<String> codes(String statement, PolicyType type) {
    Policy policy =
        Policy.parse("{\"Version\": \"2012-10-17\", \"Statement\": {" + statement + "}}");
    return policy.validate(type).stream().map(PolicyProblem::code).toList();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      textBlock =
          """
          identity | ALLOW, "Resource": "*"                                         | none
          identity | ALLOW, "Resource": "*", "Principal": "*"                       | UNSUPPORTED_PRINCIPAL
          identity | ALLOW                                                         | MISSING_RESOURCE
          boundary | ALLOW, "Resource": "*", "NotPrincipal": {"AWS": "*"}           | UNSUPPORTED_PRINCIPAL
          session  | ALLOW                                                         | MISSING_RESOURCE
          scp      | DENY, "Resource": "*", "Principal": "*"                        | SCP_SYNTAX_ERROR_PRINCIPAL
          scp      | DENY, "Resource": "*"                                          | none
          resource | ALLOW, "Principal": {"AWS": "111122223333"}                    | none
          resource | ALLOW, "Resource": "*"                                         | MISSING_PRINCIPAL
          resource | ALLOW, "Principal": {"Federated": "accounts.google.com"}       | FEDERATED_PRINCIPAL_NOT_SUPPORTED
          vpce     | ALLOW, "Resource": "*"                                         | MISSING_PRINCIPAL
          trust    | "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "111122223333"} | none
          trust    | "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "accounts.google.com"} | none
          trust    | "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "1"}, "Resource": "*" | ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE
          trust    | "Effect": "Deny", "Action": "sts:AssumeRole", "NotPrincipal": {"AWS": "111122223333"} | ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL
          trust    | "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"  | ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL
          trust    | "Effect": "Allow", "Action": "sts:AssumeRole"                  | MISSING_PRINCIPAL
          rcp      | DENY, "Principal": "*", "Resource": "*"                        | none
          rcp      | DENY, "Principal": {"AWS": "*"}, "Resource": "*"               | none
          rcp      | DENY, "Principal": {"AWS": "111122223333"}, "Resource": "*"    | RCP_SYNTAX_ERROR_PRINCIPAL
          rcp      | DENY, "NotPrincipal": {"AWS": "*"}, "Resource": "*"            | RCP_SYNTAX_ERROR_PRINCIPAL
          rcp      | "Effect": "Deny", "NotAction": "s3:*", "Principal": "*", "Resource": "*" | RCP_SYNTAX_ERROR_NOTACTION
          rcp      | "Effect": "Allow", "Action": "*", "Principal": "*", "Resource": "*" | none
          rcp      | "Effect": "Allow", "Action": "*", "Principal": "*", "Resource": "arn:aws:s3:::b" | RCP_SYNTAX_ERROR_ALLOW
          rcp      | "Effect": "Allow", "Action": "*", "Principal": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}} | RCP_SYNTAX_ERROR_ALLOW
          rcp      | DENY, "Principal": "*"                                         | MISSING_RESOURCE
          identity | "Effect": "Allow", "Action": "s3GetObject", "Resource": "*"    | INVALID_ACTION
          identity | "Effect": "Allow", "Action": "s3:", "Resource": "*"            | INVALID_ACTION
          identity | ALLOW, "Resource": "*", "Condition": {"StringEqual": {"aws:username": "a"}} | INVALID_CONDITION_OPERATOR
          identity | ALLOW, "Resource": "*", "Condition": {"NullIfExists": {"aws:username": "true"}} | NULL_WITH_IF_EXISTS
          identity | ALLOW, "Resource": "*", "Condition": {"StringEquals": {"username": "a"}} | INVALID_CONDITION_KEY_FORMAT
          """)
  void validate_ruleOfType_reportsItsCode(String type, String statement, String expected) {
    String json = statement.replace("ALLOW", ALLOW).replace("DENY", DENY);
    List<String> codes = codes(json, PolicyType.fromName(type).orElseThrow());
    if (expected == null) {
      assertThat(codes).isEmpty();
    } else {
      assertThat(codes).containsExactly(expected);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ForAnyValue:Stringlike      | ForAnyValue:StringLike
          StringEqualsIfExist         | StringEqualsIfExists
          ArnLikeIfExists2            | ArnLikeIfExists
          stringequals                | StringEquals
          """)
  void validate_misspeltOperator_suggestsTheRightOne(String operator, String suggestion) {
    Policy policy =
        Policy.parse(
            "{\"Statement\": {"
                + ALLOW
                + ", \"Resource\": \"*\", \"Condition\": {\""
                + operator
                + "\": {\"aws:TagKeys\": \"a\"}}}}");
    List<PolicyProblem> problems = policy.validate(PolicyType.IDENTITY);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).contains("did you mean \"" + suggestion + "\"");
    assertThat(problems.get(0).pointer()).hasToString("/Statement/Condition/" + operator);
  }
}
