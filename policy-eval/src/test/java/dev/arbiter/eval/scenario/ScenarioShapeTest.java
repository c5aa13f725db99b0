package dev.arbiter.eval.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.NamedPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Scenario#isScenario} and {@link Scenario#fileOf}, which the command line's set checks use.
 */
class ScenarioShapeTest {
  private static final String REQUEST =
      "\"request\": {\"principal\": \"arn:aws:iam::111122223333:user/alice\", \"action\":"
          + " \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\"}";
  private static final String POLICY =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
          + " \"Resource\": \"*\"}]}";

  @TempDir Path dir;

  @Test
  void isScenario_requestOrRequestsWithoutStatement_isOne() {
    assertThat(Scenario.isScenario("{" + REQUEST + "}")).isTrue();
    assertThat(Scenario.isScenario("{\"requests\": []}")).isTrue();
  }

  @Test
  void isScenario_policiesTemplatesAndOtherText_areNot() {
    assertThat(Scenario.isScenario(POLICY)).isFalse();
    assertThat(Scenario.isScenario("{\"Statement\": [], \"request\": {}}")).isFalse();
    assertThat(Scenario.isScenario("{\"Resources\": {}}")).isFalse();
    assertThat(Scenario.isScenario("[{\"request\": {}}]")).isFalse();
    assertThat(Scenario.isScenario("{\"request\": ")).isFalse();
    assertThat(Scenario.isScenario("")).isFalse();
  }

  @Test
  void fileOf_policyFromFileEntry_givesThePathAsWritten_inlinePolicyNone() throws IOException {
    Files.createDirectories(dir.resolve("iam"));
    Files.writeString(dir.resolve("iam/deploy.json"), POLICY, StandardCharsets.UTF_8);
    Path file = dir.resolve("scenario.json");
    Files.writeString(
        file,
        "{"
            + REQUEST
            + ", \"identityPolicies\": [{\"name\": \"deploy\", \"file\": \"iam/deploy.json\"},"
            + " {\"name\": \"inline\", \"policy\": "
            + POLICY
            + "}]}",
        StandardCharsets.UTF_8);

    Scenario scenario = Scenario.read(file);

    NamedPolicy fromFile = scenario.policies().identityPolicies().get(0);
    NamedPolicy inline = scenario.policies().identityPolicies().get(1);
    assertThat(scenario.fileOf(fromFile.policy())).contains("iam/deploy.json");
    assertThat(scenario.fileOf(inline.policy())).isEmpty();
    // By identity: an equal document written elsewhere is not the file's policy.
    assertThat(fromFile.policy().withoutLocations()).isEqualTo(inline.policy().withoutLocations());
  }
}
