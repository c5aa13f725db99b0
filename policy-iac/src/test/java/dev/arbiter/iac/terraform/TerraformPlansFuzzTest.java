package dev.arbiter.iac.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.json.PolicyReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the plan reader: whatever the bytes, reading either gives documents or throws {@link
 * TemplateException} with a one-line message and a position; every known document read as a policy
 * either is one or throws {@link PolicyParseException}, and every position is a real one.
 *
 * <p>Under {@code mvn verify} this runs the committed regression inputs in {@code
 * src/test/resources/dev/arbiter/iac/terraform/TerraformPlansFuzzTestInputs/}. To fuzz, run {@code
 * scripts/fuzz.sh 5 TerraformPlansFuzzTest}.
 */
class TerraformPlansFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new TerraformPlansFuzzTest()
        .read_anyBytes_givesDocumentsOrThrowsReadException(
            Plans.oneResource(
                    "aws_iam_role",
                    "{\"assume_role_policy\": "
                        + Plans.quote(TerraformPlansTest.IDENTITY)
                        + ", \"inline_policy\": [{\"policy\": \"{}\"}]}",
                    "{\"inline_policy\": [{}]}",
                    "{\"assume_role_policy\": {}}")
                .getBytes(StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void read_anyBytes_givesDocumentsOrThrowsReadException(byte[] input) {
    Templates.Template template;
    try {
      template = TerraformPlans.read(input, Placeholders.DEFAULT);
    } catch (TemplateException e) {
      assertThat(e.getMessage()).hasSizeLessThan(2000).doesNotContain("\n");
      assertThat(e.location().position().isKnown()).isTrue();
      return;
    }
    for (Templates.Problem problem : template.problems()) {
      assertThat(problem.message()).hasSizeLessThan(2000).doesNotContain("\n");
      assertThat(problem.position().isKnown()).isTrue();
    }
    List<EmbeddedPolicy> found = template.policies();
    for (EmbeddedPolicy policy : found) {
      if (policy.unknowns().contains(JsonPointer.ROOT)) {
        continue;
      }
      assertThat(policy.document().position().isKnown()).isTrue();
      try {
        PolicyReader.read(policy.document());
      } catch (PolicyParseException e) {
        assertThat(e.problems()).isNotEmpty();
      }
    }
  }
}
