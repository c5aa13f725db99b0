package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class PrincipalKeysTest {

  @Test
  void of_user_givesArnAccountTypeAndUserName() {
    assertThat(PrincipalKeys.of("arn:aws:iam::111122223333:user/team/alice"))
        .containsExactly(
            entry("aws:PrincipalArn", "arn:aws:iam::111122223333:user/team/alice"),
            entry("aws:PrincipalAccount", "111122223333"),
            entry("aws:PrincipalType", "User"),
            entry("aws:username", "alice"));
  }

  @Test
  void of_roleSession_givesTheRoleArnAndNoUserName() {
    assertThat(PrincipalKeys.of("arn:aws-cn:sts::111122223333:assumed-role/deploy/run-1"))
        .containsExactly(
            entry("aws:PrincipalArn", "arn:aws-cn:iam::111122223333:role/deploy"),
            entry("aws:PrincipalAccount", "111122223333"),
            entry("aws:PrincipalType", "AssumedRole"));
  }

  @Test
  void of_roleSessionWithKnownRoleArn_keepsTheRolePath() {
    assertThat(
            PrincipalKeys.of(
                    "arn:aws:sts::111122223333:assumed-role/deploy/run-1",
                    "arn:aws:iam::111122223333:role/ci/deploy")
                .get("aws:PrincipalArn"))
        .isEqualTo("arn:aws:iam::111122223333:role/ci/deploy");
  }

  @Test
  void of_roleArnOfAnotherRole_isRefused() {
    assertThatThrownBy(
            () ->
                PrincipalKeys.of(
                    "arn:aws:sts::111122223333:assumed-role/deploy/run-1",
                    "arn:aws:iam::111122223333:role/ci/redeploy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the role of the session");
  }

  @Test
  void of_rootAndFederatedUser_giveTheirTypes() {
    assertThat(PrincipalKeys.of("arn:aws:iam::111122223333:root"))
        .containsEntry("aws:PrincipalType", "Account")
        .containsEntry("aws:PrincipalArn", "arn:aws:iam::111122223333:root")
        .doesNotContainKey("aws:username");
    assertThat(PrincipalKeys.of("arn:aws:sts::111122223333:federated-user/dana"))
        .containsEntry("aws:PrincipalType", "FederatedUser")
        .containsEntry("aws:PrincipalArn", "arn:aws:sts::111122223333:federated-user/dana");
  }

  @Test
  void of_callersThatAreNotIamPrincipals_deriveNothing() {
    assertThat(PrincipalKeys.of("anonymous")).isEmpty();
    assertThat(PrincipalKeys.of("lambda.amazonaws.com")).isEmpty();
    assertThat(PrincipalKeys.of("arn:aws:iam::111122223333:saml-provider/corp")).isEmpty();
  }

  @Test
  void fillPrincipalKeys_keepsGivenKeysAndSaysWhichItFilled() {
    Request request =
        Request.builder()
            .principal("arn:aws:iam::111122223333:user/alice")
            .action("s3:GetObject")
            .resource("*")
            .context(RequestContext.builder().put("AWS:USERNAME", "bob").build())
            .fillPrincipalKeys()
            .build();

    assertThat(request.context().value("aws:username")).contains("bob");
    assertThat(request.filledKeys())
        .containsExactly("aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType");
    assertThat(request.context().value("aws:PrincipalType")).contains("User");
  }

  @Test
  void build_withoutFillPrincipalKeys_takesTheContextAsGiven() {
    Request request =
        Request.builder()
            .principal("arn:aws:iam::111122223333:user/alice")
            .action("s3:GetObject")
            .resource("*")
            .build();

    assertThat(request.context().keys()).isEmpty();
    assertThat(request.filledKeys()).isEmpty();
  }

  @Test
  void explain_filledKeys_areNamedInTheSteps() {
    Request request =
        Request.builder()
            .principal("arn:aws:iam::111122223333:user/alice")
            .action("s3:GetObject")
            .resource("*")
            .fillPrincipalKeys()
            .build();
    Explanation explanation = Evaluator.of(PolicySet.builder().build()).explain(request);

    assertThat(explanation.steps())
        .anySatisfy(
            step ->
                assertThat(step)
                    .startsWith("Context keys filled in from the caller")
                    .contains("aws:username = alice")
                    .contains("aws:PrincipalType = User"));
  }
}
