package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.eval.scenario.ScenarioCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the conformance cases: the project's own, {@code corpus/eval/*.jsonl} (always), and the
 * shared floor, {@code ../shared/conformance/cases.jsonl} (when that directory is present). Cases
 * that turn S3 Block Public Access's RestrictPublicBuckets on are skipped here and run by
 * policy-reason's {@code BlockPublicAccessConformanceTest}, which has the public-policy test.
 */
class ConformanceTest {

  static Stream<Arguments> projectCases() throws IOException {
    Path dir = Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("eval");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertThat(files).as("corpus/eval holds the project's conformance files").isNotEmpty();
    List<Arguments> cases = new ArrayList<>();
    for (Path file : files) {
      cases.addAll(read(file));
    }
    return cases.stream();
  }

  static Stream<Arguments> sharedCases() {
    Path file =
        Path.of(System.getProperty("shared.dir", "../../shared"))
            .resolve("conformance")
            .resolve("cases.jsonl");
    if (!Files.isRegularFile(file)) {
      return Stream.of(Arguments.of("shared cases absent", file.toString(), 0, ""));
    }
    return read(file).stream();
  }

  private static List<Arguments> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String id = ScenarioCase.peekId(line).orElse(file.getFileName() + ":" + (i + 1));
      cases.add(Arguments.of(id, file.getFileName().toString(), i + 1, line));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("projectCases")
  void projectCase_evaluated_matchesExpectedDecision(
      String id, String file, int line, String json) {
    check(id, file, line, json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedCases")
  void sharedCase_evaluated_matchesExpectedDecision(String id, String file, int line, String json) {
    assumeTrue(line > 0, "../shared is absent: " + file);
    check(id, file, line, json);
  }

  private static void check(String id, String file, int line, String json) {
    ScenarioCase scenarioCase = ScenarioCase.parse(json);
    // docs/semantics.md §9.13: whether the bucket policy is public is policy-reason's answer, which
    // this module cannot ask; policy-reason's BlockPublicAccessConformanceTest runs these cases.
    assumeFalse(
        scenarioCase.scenario().policies().s3BlockPublicAccess().restrictPublicBuckets(),
        "RestrictPublicBuckets needs policy-reason's public-policy test");
    assertThat(scenarioCase.expected())
        .as("%s:%d states its expected decision", file, line)
        .isPresent();
    Evaluator evaluator = scenarioCase.scenario().evaluator();
    Decision decision = evaluator.evaluate(scenarioCase.request());
    Explanation explanation = evaluator.explain(scenarioCase.request());
    assertThat(explanation.decision()).as("explain agrees with evaluate").isEqualTo(decision);
    assertThat(decision)
        .as("%s (%s:%d)%nsource: %s%n%s", id, file, line, scenarioCase.source(), explanation)
        .isEqualTo(scenarioCase.expected().orElseThrow());
  }
}
