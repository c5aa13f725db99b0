package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.policy.PolicyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures of {@code corpus/lint/<CODE>/}: each {@code trigger-*.json} must give exactly the
 * findings of that code listed in its {@code .expected.txt} ({@code TYPE CODE /json/pointer}, or
 * {@code -} for a pointer not checked), and each {@code ok-*.json} none of that code. A file named
 * {@code name.<type>.json} is linted as that policy type; others have their type detected. The
 * service catalog is attached, as the command line attaches it.
 */
class LintCorpusTest {

  private static final Path LINT = Path.of(System.getProperty("corpus.dir", "../corpus"), "lint");

  /** Checks that cannot have a fixture file, with the reason. */
  private static final Set<String> WITHOUT_FIXTURES =
      Set.of("UNREADABLE_INPUT"); // a file that cannot be read; covered by the CLI tests

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> walk = Files.walk(LINT)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture_givesExactlyTheExpectedFindingsOfItsCode(Path file) throws IOException {
    String code = LINT.relativize(file).getName(0).toString();
    assertThat(Linter.check(code)).as("check %s exists", code).isPresent();
    String name = file.getFileName().toString();
    Linter.Builder builder = Linter.builder().catalog(Catalog.get());
    typeOf(name).ifPresent(builder::policyType);
    LintResult result = builder.build().lint(name, Files.readAllBytes(file));
    List<String> actual = new ArrayList<>();
    List<String> actualWithoutPointer = new ArrayList<>();
    // allFindings: a finding folded into a more serious one on the same element still counts.
    for (Finding finding : result.allFindings()) {
      if (finding.code().equals(code)) {
        String pointer = finding.pointer().tokens().isEmpty() ? "/" : finding.pointer().toString();
        actual.add(finding.type().awsName() + " " + code + " " + pointer);
        actualWithoutPointer.add(finding.type().awsName() + " " + code + " -");
        assertThat(finding.position().isKnown()).as("position of %s", finding).isTrue();
        assertThat(finding.message()).isNotBlank();
      }
    }
    if (name.startsWith("ok-")) {
      assertThat(actual).as("findings of %s in near-miss %s", code, name).isEmpty();
      return;
    }
    assertThat(name).startsWith("trigger-");
    Path expectedFile = file.resolveSibling(name.replaceAll("\\.json$", ".expected.txt"));
    List<String> expected =
        Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(expected).as("expected findings of %s", name).isNotEmpty();
    boolean pointersChecked = expected.stream().noneMatch(l -> l.endsWith(" -"));
    assertThat(pointersChecked ? actual : actualWithoutPointer)
        .as("findings of %s in %s: %s", code, name, result.findings())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyCheck_hasTriggerAndNearMissFixtures() throws IOException {
    for (Check check : Linter.checks()) {
      if (WITHOUT_FIXTURES.contains(check.code())) {
        continue;
      }
      Path dir = LINT.resolve(check.code());
      assertThat(dir).as("fixtures of %s", check.code()).isDirectory();
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).as(check.code()).anyMatch(n -> n.startsWith("trigger-"));
        assertThat(names).as(check.code()).anyMatch(n -> n.startsWith("ok-"));
      }
    }
  }

  private static Optional<PolicyType> typeOf(String name) {
    String stem = name.substring(0, name.length() - ".json".length());
    int dot = stem.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : PolicyType.fromName(stem.substring(dot + 1));
  }
}
