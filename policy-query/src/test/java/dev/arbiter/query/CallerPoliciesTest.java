package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.PolicyType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountModel#policies}: the whole set query assembles for one caller, over
 * corpus/accounts/example (see {@link AccountModelTest}).
 */
class CallerPoliciesTest {
  private static final AccountModel MODEL = AccountModelTest.MODEL;

  @Test
  void policies_user_identityAndOrganizationLevels_noResourcePolicy() {
    CallerPolicies carol = MODEL.policies("user/carol", Optional.empty(), Optional.empty());

    assertThat(carol.caller().arn()).endsWith(":user/admins/carol");
    assertThat(carol.resourceAccount()).isEqualTo("111122223333");
    assertThat(carol.policies().identityPolicies())
        .extracting(NamedPolicy::name)
        .contains("AdminAccess");
    assertThat(carol.policies().serviceControlPolicies()).hasSize(3);
    assertThat(carol.policies().resourceControlPolicies()).hasSize(3);
    assertThat(carol.policies().resourcePolicy()).isEmpty();
  }

  @Test
  void policies_userWithBoundary_hasTheBoundary() {
    CallerPolicies bob = MODEL.policies("user/bob", Optional.empty(), Optional.empty());

    assertThat(bob.policies().permissionsBoundaries()).hasSize(1);
  }

  @Test
  void policies_namedBucket_takesItsPolicyAndOwner() {
    CallerPolicies analyst =
        MODEL.policies(
            "role/analyst",
            Optional.of("arn:aws:s3:::shared-reports-111122223333"),
            Optional.empty());

    assertThat(analyst.caller().arn()).contains(":assumed-role/analyst/");
    assertThat(analyst.resourceAccount()).isEqualTo("111122223333");
    assertThat(analyst.policies().resourcePolicy()).isPresent();
    assertThat(analyst.policies().resourcePolicyType()).isEqualTo(PolicyType.RESOURCE);
  }

  @Test
  void policies_roleArn_takesItsTrustPolicy() {
    CallerPolicies alice =
        MODEL.policies(
            "user/alice", Optional.of("arn:aws:iam::111122223333:role/deploy"), Optional.empty());

    assertThat(alice.policies().resourcePolicy()).isPresent();
    assertThat(alice.policies().resourcePolicyType()).isEqualTo(PolicyType.TRUST);
  }

  @Test
  void policies_resourceAccountOtherThanTheResourceOwner_isRefused() {
    assertThatThrownBy(
            () ->
                MODEL.policies(
                    "role/analyst",
                    Optional.of("arn:aws:s3:::shared-reports-111122223333"),
                    Optional.of("444455556666")))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("belongs to account 111122223333");
  }

  @Test
  void policies_unknownPrincipal_isRefused() {
    assertThatThrownBy(() -> MODEL.policies("user/nobody", Optional.empty(), Optional.empty()))
        .isInstanceOf(QueryException.class);
  }
}
