package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.scenario.Scenario;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(list).isNotEmpty();
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_setCase_givesExpectedAnswer(Path file) throws IOException {
    Json.Obj json =
        (Json.Obj)
            JsonReader.read(
                Files.readString(file, StandardCharsets.UTF_8), new Limits(1 << 20, 64));
    assertThat(text(json, "source")).startsWith("https://docs.aws.amazon.com/");
    assertThat(text(json, "description")).isNotBlank();
    Reasoner reasoner = Reasoner.create();
    boolean access = text(json, "check").equals("access-not-granted");
    Scenario first = scenario(json, access ? "scenario" : "reference");
    Request example = first.requests().get(0).request();
    RequestShape shape = new RequestShape(example.principal(), example.resourceAccount());
    PolicySet candidate = access ? first.policies() : scenario(json, "candidate").policies();
    CheckResult result =
        access
            ? reasoner.accessNotGranted(
                candidate, shape, strings(json, "actions"), strings(json, "resources"))
            : reasoner.noNewAccess(first.policies(), candidate, shape);
    assertThat(result.outcome().name()).as("%s", result).isEqualTo(text(json, "expect"));
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

  private static String text(Json.Obj json, String name) {
    return json.get(name).flatMap(Json::scalarText).orElseThrow();
  }

  private static List<String> strings(Json.Obj json, String name) {
    return ((Json.Arr) json.get(name).orElseThrow())
        .elements().stream().map(e -> e.scalarText().orElseThrow()).toList();
  }
}
