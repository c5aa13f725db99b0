package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of policy is added the same two ways: a {@link NamedPolicy}, or a name and policy. */
class PolicySetBuilderTest {
  private static final Policy ALLOW =
      Policy.parse(
          "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
              + " \"Resource\": \"*\"}]}");
  private static final Policy TRUST =
      Policy.parse(
          "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
              + " {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\"}]}");

  private static NamedPolicy named(String name, Policy policy) {
    return new NamedPolicy(name, policy);
  }

  @Test
  void shortcuts_buildTheSameSetAsNamedPolicies() {
    PolicySet shortcuts =
        PolicySet.builder()
            .identityPolicy("Id", ALLOW)
            .resourcePolicy("bucket.json", ALLOW)
            .permissionsBoundary("Boundary", ALLOW)
            .sessionPolicy("Session", ALLOW)
            .vpcEndpointPolicy("vpce.json", ALLOW)
            .build();
    PolicySet named =
        PolicySet.builder()
            .identityPolicy(named("Id", ALLOW))
            .resourcePolicy(named("bucket.json", ALLOW))
            .permissionsBoundary(named("Boundary", ALLOW))
            .sessionPolicy(named("Session", ALLOW))
            .vpcEndpointPolicy(named("vpce.json", ALLOW))
            .build();

    assertThat(shortcuts.identityPolicies()).isEqualTo(named.identityPolicies());
    assertThat(shortcuts.resourcePolicy()).isEqualTo(named.resourcePolicy());
    assertThat(shortcuts.permissionsBoundaries()).isEqualTo(named.permissionsBoundaries());
    assertThat(shortcuts.sessionPolicies()).isEqualTo(named.sessionPolicies());
    assertThat(shortcuts.vpcEndpointPolicy()).isEqualTo(named.vpcEndpointPolicy());
  }

  @Test
  void resourcePolicyWithType_shortcutKeepsTheType() {
    PolicySet set =
        PolicySet.builder().resourcePolicy("trust.json", TRUST, PolicyType.TRUST).build();
    assertThat(set.resourcePolicyType()).isEqualTo(PolicyType.TRUST);
    assertThat(set.resourcePolicy()).contains(named("trust.json", TRUST));
    assertThatThrownBy(() -> PolicySet.builder().resourcePolicy("x", ALLOW, PolicyType.SCP))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shortcuts_emptyName_throwAsNamedPolicyDoes() {
    PolicySet.Builder builder = PolicySet.builder();
    assertThatThrownBy(() -> builder.sessionPolicy("", ALLOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must not be empty");
    assertThatThrownBy(() -> builder.serviceControlPolicyLevel("", List.of(named("F", ALLOW))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("level name must not be empty");
  }

  @Test
  void permissionsBoundary_second_throwsIllegalState() {
    PolicySet.Builder builder = PolicySet.builder().permissionsBoundary("One", ALLOW);
    assertThatThrownBy(() -> builder.permissionsBoundary("Two", ALLOW))
        .isInstanceOf(IllegalStateException.class);
  }
}
