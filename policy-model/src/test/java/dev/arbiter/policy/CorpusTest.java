package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests over the project's own {@code corpus/}:
 *
 * <ul>
 *   <li>{@code policies/<type>/*.json} parse, validate cleanly as that type, and round-trip;
 *   <li>{@code parse/invalid/*.json} fail to parse with exactly the problems in {@code
 *       *.expected.txt};
 *   <li>{@code validate/<type>/*.json} parse and report exactly the problems in {@code
 *       *.expected.txt} when validated as that type.
 * </ul>
 *
 * <p>Problems are written one per line as {@code line:col at /pointer: message [CODE]}. Run with
 * {@code -Dcorpus.update=true} to rewrite the expected files after a deliberate change, then review
 * the diff.
 */
class CorpusTest {
  private static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../corpus"));

  static Stream<Arguments> validPolicies() throws IOException {
    return files(CORPUS.resolve("policies"));
  }

  static Stream<Arguments> invalidDocuments() throws IOException {
    return files(CORPUS.resolve("parse/invalid"));
  }

  static Stream<Arguments> invalidForType() throws IOException {
    return files(CORPUS.resolve("validate"));
  }

  private static Stream<Arguments> files(Path dir) throws IOException {
    assertThat(dir).as("project corpus directory").isDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("files in %s", dir).isNotEmpty();
    return files.stream().map(f -> Arguments.of(CORPUS.relativize(f).toString(), f));
  }

  private static PolicyType typeOf(Path file) {
    Path folder = file.getParent();
    String name = folder == null ? "" : String.valueOf(folder.getFileName());
    return PolicyType.fromName(name)
        .orElseThrow(() -> new IllegalStateException("folder is not a policy type: " + file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPolicies")
  void validPolicy_parsesValidatesAndRoundTrips(String name, Path file) throws IOException {
    Policy policy = Policy.parse(file);
    assertThat(policy.validate(typeOf(file))).isEmpty();
    assertThat(Policy.parse(policy.toJson()).withoutLocations())
        .isEqualTo(policy.withoutLocations());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDocuments")
  void invalidDocument_reportsExpectedProblems(String name, Path file) throws IOException {
    try {
      Policy.parse(file);
      fail("%s parsed, but it is in parse/invalid", name);
    } catch (PolicyParseException e) {
      compare(file, render(e.problems()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidForType")
  void invalidForType_reportsExpectedProblems(String name, Path file) throws IOException {
    Policy policy = Policy.parse(file);
    compare(file, render(policy.validate(typeOf(file))));
  }

  private static String render(List<PolicyProblem> problems) {
    StringBuilder out = new StringBuilder();
    for (PolicyProblem problem : problems) {
      out.append(problem).append(" [").append(problem.code()).append("]\n");
    }
    return out.toString();
  }

  private static void compare(Path file, String actual) throws IOException {
    Path expected =
        file.resolveSibling(file.getFileName().toString().replace(".json", ".expected.txt"));
    if (Boolean.getBoolean("corpus.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expected).as("expected file for %s", file).exists();
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
