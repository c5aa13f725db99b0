package dev.arbiter.iac.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.json.PolicyReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the template reader: whatever the bytes, reading them as a template either gives its
 * policies or throws {@link TemplateException} with a one-line message; each policy found either
 * parses or throws {@link PolicyParseException}.
 *
 * <p>Under {@code mvn verify} this runs the committed regression inputs in {@code
 * src/test/resources/dev/arbiter/iac/cloudformation/TemplateReaderFuzzTestInputs/}. To fuzz, run
 * {@code scripts/fuzz.sh 5 TemplateReaderFuzzTest}.
 */
class TemplateReaderFuzzTest {

  @BeforeAll
  static void warmUp() {
    new TemplateReaderFuzzTest()
        .read_anyBytes_givesPoliciesOrThrowsTemplateException(
            ("Resources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    + "      PolicyDocument: {Statement: [{Effect: Allow, Action: '*', Resource:"
                    + " !Sub 'arn:${AWS::Partition}:s3:::b'}]}\n")
                .getBytes(StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void read_anyBytes_givesPoliciesOrThrowsTemplateException(byte[] input) {
    Templates.Template template;
    try {
      template =
          Templates.read(
              "fuzz", input, Optional.of(Templates.Kind.CLOUDFORMATION), Templates.Options.DEFAULT);
    } catch (TemplateException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      assertThat(e.location().position().isKnown()).isTrue();
      return;
    }
    for (Templates.Problem problem : template.problems()) {
      assertThat(problem.message()).doesNotContain("\n");
      assertThat(problem.position().isKnown()).isTrue();
    }
    for (EmbeddedPolicy policy : template.policies()) {
      assertThat(policy.document().position().isKnown()).isTrue();
      try {
        PolicyReader.read(policy.document());
      } catch (PolicyParseException e) {
        assertThat(e.problems()).isNotEmpty();
      }
    }
  }
}
