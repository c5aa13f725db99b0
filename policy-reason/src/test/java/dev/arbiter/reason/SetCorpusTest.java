package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.scenario.Scenario;
import dev.arbiter.policy.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-made cases of corpus/reason/sets/: checks over whole policy sets, each a scenario (its
 * request names the caller and the resource account the check fixes) or a reference and a candidate
 * scenario, with the expected answer and the AWS page it follows.
 */
class SetCorpusTest {
  private static final Path DIR =
      Path.of(System.getProperty("corpus.dir", "../corpus"), "reason", "sets");

  static Stream<Path> cases() throws IOException {
    return ReasonCorpusTest.cases(DIR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_setCase_givesExpectedAnswer(Path file) throws IOException {
    Json.Obj json = ReasonCorpusTest.read(file);
    Reasoner reasoner = Reasoner.create();
    boolean access = ReasonCorpusTest.text(json, "check").equals("access-not-granted");
    Scenario first = scenario(json, access ? "scenario" : "reference");
    Request example = first.requests().get(0).request();
    RequestShape shape = new RequestShape(example.principal(), example.resourceAccount());
    PolicySet candidate = access ? first.policies() : scenario(json, "candidate").policies();
    CheckResult result =
        access
            ? reasoner.accessNotGranted(
                candidate,
                shape,
                ReasonCorpusTest.strings(json, "actions"),
                ReasonCorpusTest.strings(json, "resources"))
            : reasoner.noNewAccess(first.policies(), candidate, shape);
    assertThat(result.outcome().name())
        .as("%s", result)
        .isEqualTo(ReasonCorpusTest.text(json, "expect"));
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        assertThat(dev.arbiter.eval.Evaluator.of(candidate).evaluate(reason.counterexample()))
            .isEqualTo(Decision.ALLOWED);
      }
    }
  }

  private static Scenario scenario(Json.Obj json, String name) {
    return Scenario.parse(JsonText.write(json.get(name).orElseThrow()));
  }
}
