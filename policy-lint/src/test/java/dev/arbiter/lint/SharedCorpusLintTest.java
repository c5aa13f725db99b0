package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints every policy of {@code ../shared/corpus} (skipped when absent): no crash, and not one ERROR
 * on a current AWS managed policy, since AWS accepted those documents.
 */
class SharedCorpusLintTest {

  private static Path corpus() {
    String shared = System.getProperty("shared.dir", "../../shared");
    Path dir = Path.of(shared, "corpus");
    assumeTrue(Files.isDirectory(dir), "no shared corpus at " + dir);
    return dir;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void lint_everySharedFile_doesNotCrash() throws IOException {
    Path dir = corpus();
    Linter linter = Linter.builder().build();
    Map<String, Integer> counts = new TreeMap<>();
    int files = 0;
    for (Path file : files(dir)) {
      LintResult result = linter.lint(dir.relativize(file).toString(), Files.readAllBytes(file));
      files++;
      for (Finding finding : result.findings()) {
        String folder = dir.relativize(file).getName(0).toString();
        counts.merge(
            finding.type().awsName() + " " + finding.code() + " " + folder, 1, Integer::sum);
      }
    }
    counts.forEach((k, v) -> System.out.println("shared-corpus " + v + " " + k));
    assertThat(files).isGreaterThan(2900);
  }

  @Test
  void lint_awsManagedPolicies_hasNoErrors() throws IOException {
    Path dir = corpus().resolve("aws-managed");
    Linter linter = Linter.builder().build();
    List<String> errors = new ArrayList<>();
    for (Path file : files(dir)) {
      LintResult result = linter.lint(file.getFileName().toString(), Files.readAllBytes(file));
      result.findings().stream()
          .filter(f -> f.type() == FindingType.ERROR)
          .forEach(f -> errors.add(f.toString()));
    }
    assertThat(errors).isEmpty();
  }
}
