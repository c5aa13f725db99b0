package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.scenario.ScenarioCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance cases of {@code corpus/eval/} that turn S3 Block Public Access's
 * RestrictPublicBuckets on (docs/semantics.md §9.13), decided with {@link S3PublicPolicyTest}: the
 * evaluator's module cannot tell a public bucket policy from one that is not, so its
 * ConformanceTest leaves these cases to this one.
 */
class BlockPublicAccessConformanceTest {
  private static final S3PublicPolicyTest PUBLIC = S3PublicPolicyTest.create();

  static Stream<Arguments> restrictedCases() throws IOException {
    Path dir = Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("eval");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    List<Arguments> cases = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        ScenarioCase scenarioCase = ScenarioCase.parse(line, PUBLIC);
        if (scenarioCase.scenario().policies().s3BlockPublicAccess().restrictPublicBuckets()) {
          cases.add(Arguments.of(scenarioCase.id(), file.getFileName().toString(), i + 1, line));
        }
      }
    }
    return cases.stream();
  }

  @Test
  void corpus_hasRestrictedCases() throws IOException {
    assertThat(restrictedCases().count()).isGreaterThanOrEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restrictedCases")
  void restrictedCase_decidedWithTheReasonersTest_matchesExpectedDecision(
      String id, String file, int line, String json) {
    ScenarioCase scenarioCase = ScenarioCase.parse(json, PUBLIC);
    Evaluator evaluator = scenarioCase.scenario().evaluator();
    Decision decision = evaluator.evaluate(scenarioCase.request());
    Explanation explanation = evaluator.explain(scenarioCase.request());

    assertThat(explanation.decision()).as("explain agrees with evaluate").isEqualTo(decision);
    assertThat(decision)
        .as("%s (%s:%d)%nsource: %s%n%s", id, file, line, scenarioCase.source(), explanation)
        .isEqualTo(scenarioCase.expected().orElseThrow());
  }
}
