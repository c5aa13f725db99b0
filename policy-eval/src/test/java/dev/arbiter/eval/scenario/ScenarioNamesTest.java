package dev.arbiter.eval.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.eval.NamedPolicy;
import org.junit.jupiter.api.Test;

class ScenarioNamesTest {
  private static final String FULL =
      "{\"name\": \"FullAWSAccess\", \"policy\": {\"Version\": \"2012-10-17\", \"Statement\":"
          + " [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}}";
  private static final String OTHER =
      "{\"name\": \"FullAWSAccess\", \"policy\": {\"Version\": \"2012-10-17\", \"Statement\":"
          + " [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}}";

  private static String scenario(String rootLevel, String accountLevel) {
    return "{\"request\": {\"principal\": \"arn:aws:iam::111122223333:user/a\", \"action\":"
        + " \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\"}, \"identityPolicies\": [{\"Version\":"
        + " \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\":"
        + " \"*\"}}], \"serviceControlPolicies\": [["
        + rootLevel
        + "], ["
        + accountLevel
        + "]]}";
  }

  @Test
  void parse_samePolicyAtEveryScpLevel_keepsItsName() {
    Scenario scenario = Scenario.parse(scenario(FULL, FULL));
    assertThat(scenario.policies().serviceControlPolicies())
        .allSatisfy(
            level ->
                assertThat(level).extracting(NamedPolicy::name).containsExactly("FullAWSAccess"));
  }

  @Test
  void parse_oneNameForTwoDocuments_isRefused() {
    assertThatThrownBy(() -> Scenario.parse(scenario(FULL, OTHER)))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("used for two different documents");
  }
}
