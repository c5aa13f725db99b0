package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTypeTest {

  private static PolicyType detect(String statements) {
    return PolicyType.detect(
        Policy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no principal                  | IDENTITY | {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
          AssumeRole, no resource       | TRUST    | {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "111122223333"}}
          AssumeRole and TagSession     | TRUST    | {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Principal": {"Service": "ec2.amazonaws.com"}}
          S3 action with principal      | RESOURCE | {"Effect": "Allow", "Action": "s3:GetObject", "Principal": "*", "Resource": "*"}
          AssumeRole with a resource    | RESOURCE | {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*", "Resource": "*"}
          federated beside a NotAction  | TRUST    | {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/p"}, "Action": "sts:AssumeRoleWithWebIdentity"}, {"Effect": "Allow", "Principal": "*", "NotAction": "sts:AssumeRoleWithSAML"}
          NotPrincipal federated        | RESOURCE | {"Effect": "Deny", "NotPrincipal": {"Federated": "accounts.google.com"}, "Action": "s3:*", "Resource": "*"}
          """)
  void detect_shape_guessesType(String name, PolicyType expected, String statements) {
    assertThat(detect(statements)).isEqualTo(expected);
  }
}
