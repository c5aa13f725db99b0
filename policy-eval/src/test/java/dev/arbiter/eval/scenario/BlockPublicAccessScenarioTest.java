package dev.arbiter.eval.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.S3BlockPublicAccess;
import dev.arbiter.policy.SourcePosition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scenario member {@code s3BlockPublicAccess} (docs/scenario.md). */
class BlockPublicAccessScenarioTest {
  private static final String HEAD =
      """
      {"request": {"principal": "anonymous", "action": "s3:GetObject",
                   "resource": "arn:aws:s3:::reports/q1.csv", "resourceAccount": "111122223333"},
       "resourcePolicy": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]},
      """;

  private static Scenario scenario(String settings) {
    return Scenario.parse(HEAD + " \"s3BlockPublicAccess\": " + settings + "}");
  }

  private static Decision decide(Scenario scenario) {
    return scenario.evaluator().evaluate(scenario.requests().get(0).request());
  }

  @Test
  void parse_accountAndBucket_readAsSettings() {
    assertThat(
            scenario(
                    """
                    {"account": {"restrictPublicBuckets": true},
                     "bucket": {"restrictPublicBuckets": false}}""")
                .policies()
                .s3BlockPublicAccess())
        .isEqualTo(new S3BlockPublicAccess(true, false));
    assertThat(
            scenario("{\"bucket\": {\"restrictPublicBuckets\": true}}")
                .policies()
                .s3BlockPublicAccess())
        .isEqualTo(new S3BlockPublicAccess(false, true));
  }

  @Test
  void parse_absentOrNull_allOff() {
    assertThat(scenario("null").policies().s3BlockPublicAccess())
        .isEqualTo(S3BlockPublicAccess.OFF);
    assertThat(scenario("{\"account\": null, \"bucket\": {}}").policies().s3BlockPublicAccess())
        .isEqualTo(S3BlockPublicAccess.OFF);
    assertThat(decide(scenario("{}"))).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void parse_otherSettings_acceptedAndChangeNothing() {
    Scenario scenario =
        scenario(
            """
            {"account": {"blockPublicPolicy": true, "blockPublicAcls": true,
                         "ignorePublicAcls": true, "restrictPublicBuckets": false}}""");

    assertThat(scenario.policies().s3BlockPublicAccess()).isEqualTo(S3BlockPublicAccess.OFF);
    assertThat(decide(scenario)).isEqualTo(Decision.ALLOWED);
  }

  @Test
  void parse_restricted_decidesWithTheGivenTest() {
    String json =
        HEAD + " \"s3BlockPublicAccess\": {\"bucket\": {\"restrictPublicBuckets\": true}}}";

    assertThat(decide(Scenario.parse(json))).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide(Scenario.parse(json, policy -> Optional.empty())))
        .isEqualTo(Decision.ALLOWED);
    String line =
        "{\"id\": \"bpa\", \"expect\": \"implicitDeny\", \"scenario\": "
            + json.replace('\n', ' ')
            + "}";
    ScenarioCase notPublic = ScenarioCase.parse(line, policy -> Optional.empty());
    assertThat(notPublic.scenario().evaluator().evaluate(notPublic.request()))
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void parse_settingNotBoolean_reportsPositionAndPointer() {
    assertThatThrownBy(() -> scenario("{\"bucket\": {\"restrictPublicBuckets\": \"yes\"}}"))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.pointer())
                  .hasToString("/s3BlockPublicAccess/bucket/restrictPublicBuckets");
              assertThat(e.position()).isEqualTo(new SourcePosition(5, 62));
              assertThat(e.getMessage()).contains("must be true or false, got a string");
            });
  }

  @Test
  void parse_levelNotObject_saysWhatIsExpected() {
    assertThatThrownBy(() -> scenario("{\"account\": true}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at /s3BlockPublicAccess/account:")
        .hasMessageContaining(
            "the account's settings must be an object such as {\"restrictPublicBuckets\": true},"
                + " got a boolean");
    assertThatThrownBy(() -> scenario("[]"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at /s3BlockPublicAccess:")
        .hasMessageContaining("must be an object");
  }

  @Test
  void parse_unknownSetting_suggestsTheClosest() {
    assertThatThrownBy(() -> scenario("{\"bucket\": {\"RestrictPublicBuckets\": true}}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at /s3BlockPublicAccess/bucket/RestrictPublicBuckets:")
        .hasMessageContaining("did you mean \"restrictPublicBuckets\"");
    assertThatThrownBy(() -> scenario("{\"buckets\": {}}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("did you mean \"bucket\"");
  }
}
