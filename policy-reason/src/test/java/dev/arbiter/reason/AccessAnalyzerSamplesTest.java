package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The labelled pairs of AWS's Access Analyzer custom-check samples (../shared/reasoning/aa-samples,
 * from aws-samples/iam-access-analyzer-custom-policy-check-samples): each candidate policy against
 * its reference, with the answer AWS documents for {@code CheckNoNewAccess}. Skipped when the
 * shared directory is absent.
 */
class AccessAnalyzerSamplesTest {

  private static final Path FILE =
      Path.of(System.getProperty("shared.dir", "../../shared"))
          .resolve("reasoning/aa-samples/no-new-access.jsonl");

  /** One labelled pair. */
  record Sample(
      String id, int n, PolicyType type, Policy reference, Policy candidate, String expect) {}

  static List<Sample> samples() throws IOException {
    List<Sample> out = new ArrayList<>();
    for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Json.Obj entry = (Json.Obj) JsonReader.read(line, new Limits(1 << 22, 64));
      String id = text(entry, "id");
      PolicyType type =
          text(entry, "aaPolicyType").equals("IDENTITY_POLICY")
              ? PolicyType.IDENTITY
              : text(entry, "type").equals("trust") ? PolicyType.TRUST : PolicyType.RESOURCE;
      // Two trust-policy samples write the provider's account as the placeholder "<ACCOUNT ID>"
      // in the reference and as 111111111111 in the candidates; their labels assume the two are
      // the same account.
      Policy reference =
          Policy.parse(
              JsonText.write(entry.get("reference").orElseThrow())
                  .replace("<ACCOUNT ID>", "111111111111"));
      for (Json candidate : ((Json.Arr) entry.get("candidates").orElseThrow()).elements()) {
        Json.Obj c = (Json.Obj) candidate;
        out.add(
            new Sample(
                id,
                Integer.parseInt(c.get("n").orElseThrow().scalarText().orElseThrow()),
                type,
                reference,
                Policy.parse(JsonText.write(c.get("policy").orElseThrow())),
                text(c, "expect")));
      }
    }
    return out;
  }

  private static String text(Json.Obj object, String name) {
    return object.get(name).flatMap(Json::scalarText).orElseThrow();
  }

  /**
   * The pairs on which this reasoner's answer differs from AWS's label, each with the answer it
   * gives and why. None is a PASS that a correct reading of the policies would refute.
   */
  private static final Map<String, String> KNOWN =
      Map.of(
          // The evaluator reads a * that ends an ARN segment as stretching over colons
          // (docs/semantics.md §4.5, §12.2), so the reference's Deny and the candidate's Allow
          // overlap on resources such as arn:aws:cloudformation:::stack/MySensitiveStack/:stack/
          // NotMySensitiveStack/, which the reference denies and the candidate allows; the
          // evaluator confirms the counterexample. Access Analyzer does not let * cross a colon.
          "identity-policies__check-access-to-sensitive-resource__cloudformation-stack #1",
          "FAIL",
          "identity-policies__check-access-to-sensitive-resource__ecs-task-definition #1",
          "FAIL",
          // The label contradicts the sample's own text: the reference denies only
          // network-acl/acl-sensitive, the candidate allows only network-acl/acl-123456, and no
          // resource matches both patterns (both end in a different fixed name), so the candidate
          // grants nothing the reference does not.
          "identity-policies__check-access-to-sensitive-resource__ec2-network-acl #3",
          "PASS",
          // "Federated": "*" matches no caller in the evaluator (docs/semantics.md §5.2) and every
          // provider in Access Analyzer; a proof must hold under both, so it is not decided.
          "resource-policies__role-trust-policies__allowlist-federated-access-oidc #5",
          "INCONCLUSIVE",
          "resource-policies__role-trust-policies__allowlist-federated-access-saml #5",
          "INCONCLUSIVE",
          // The reference grants with "Principal": "*", which in an Allow of a trust policy does
          // not reach AWS service principals in the evaluator (docs/semantics.md §9.8, §12.0: AWS
          // does not say whether it does); the candidate names ec2.amazonaws.com, so the
          // evaluator confirms the new access. Access Analyzer reads "*" as covering services.
          "resource-policies__role-trust-policies__allowlist-federated-access-oidc #2",
          "FAIL",
          "resource-policies__role-trust-policies__allowlist-federated-access-saml #2",
          "FAIL");

  @Test
  void noNewAccess_awsLabelledPairs_agree() throws IOException {
    assumeTrue(Files.isRegularFile(FILE), "shared reasoning samples absent");
    List<Sample> samples = samples();
    assertThat(samples).hasSize(207);
    assertThat(samples.stream().filter(s -> s.expect().equals("PASS"))).hasSize(92);
    Reasoner reasoner = Reasoner.create();
    int agree = 0;
    List<String> unexpected = new ArrayList<>();
    for (Sample sample : samples) {
      CheckResult result =
          reasoner.noNewAccess(sample.reference(), sample.candidate(), sample.type());
      String name = sample.id() + " #" + sample.n();
      String got = result.outcome().name();
      if (got.equals(sample.expect())) {
        agree++;
      } else {
        System.out.println(
            "differs from AWS: " + name + ": expected " + sample.expect() + ", got " + result);
      }
      String wanted = KNOWN.getOrDefault(name, sample.expect());
      if (!got.equals(wanted)) {
        unexpected.add(name + ": wanted " + wanted + ", got " + result);
      }
    }
    System.out.println("Access Analyzer samples: " + agree + " of " + samples.size() + " agree");
    assertThat(unexpected).isEmpty();
    assertThat(agree).isEqualTo(samples.size() - KNOWN.size());
  }
}
