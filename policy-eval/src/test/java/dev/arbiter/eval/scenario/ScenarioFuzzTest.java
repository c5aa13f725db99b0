package dev.arbiter.eval.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.eval.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the scenario reader (docs/scenario.md): any text either reads as a scenario or throws
 * {@link ScenarioException} with a short one-line message; every request of a scenario that reads
 * is decided without an exception, and explaining it reaches the same decision.
 *
 * <p>Regression inputs, seeded with the corpus scenarios: {@code
 * src/test/resources/dev/arbiter/eval/scenario/ScenarioFuzzTestInputs/}. To fuzz: {@code
 * scripts/fuzz.sh 5 ScenarioFuzzTest}.
 */
class ScenarioFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    String seed =
        "ScenarioFuzzTestInputs/parse_anyText_readsOrThrowsScenarioException/"
            + "s3-read-with-deny.json";
    try (InputStream in =
        Objects.requireNonNull(ScenarioFuzzTest.class.getResourceAsStream(seed))) {
      new ScenarioFuzzTest().parse_anyText_readsOrThrowsScenarioException(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void parse_anyText_readsOrThrowsScenarioException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Scenario scenario;
    try {
      scenario = Scenario.parse(text);
    } catch (ScenarioException e) {
      assertThat(e.getMessage()).hasSizeLessThan(1000).doesNotContain("\n");
      return;
    }
    for (NamedRequest entry : scenario.requests()) {
      Decision decision = scenario.evaluator().evaluate(entry.request());
      assertThat(scenario.evaluator().explain(entry.request()).decision()).isEqualTo(decision);
    }
  }
}
