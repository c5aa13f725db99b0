package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-world policy of {@code ../shared/corpus} parses and round-trips to an equal AST;
 * validation for the folder's policy type reports problems as data, never by crashing. Skipped when
 * the shared directory is absent (a user's clone does not have it).
 */
class SharedCorpusTest {

  /** The policy type of each folder of the shared corpus. */
  static final Map<String, PolicyType> FOLDER_TYPES =
      Map.of(
          "aws-managed", PolicyType.IDENTITY,
          "identity", PolicyType.IDENTITY,
          "boundary", PolicyType.PERMISSIONS_BOUNDARY,
          "scp", PolicyType.SCP,
          "rcp", PolicyType.RCP,
          "trust", PolicyType.TRUST,
          "resource", PolicyType.RESOURCE);

  static Stream<Arguments> corpusFiles() throws IOException {
    Path corpus = Path.of(System.getProperty("shared.dir", "../../shared")).resolve("corpus");
    assumeTrue(Files.isDirectory(corpus), "no shared corpus at " + corpus);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream()
        .map(
            f ->
                Arguments.of(corpus.relativize(f).toString(), f, folderType(corpus.relativize(f))));
  }

  private static PolicyType folderType(Path relative) {
    PolicyType type = FOLDER_TYPES.get(relative.getName(0).toString());
    if (type == null) {
      throw new IllegalStateException("unknown corpus folder of " + relative);
    }
    return type;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void parse_realPolicy_roundTripsAndValidates(String name, Path file, PolicyType type)
      throws IOException {
    Policy policy = Policy.parse(file);
    assertThat(Policy.parse(policy.toJson()).withoutLocations())
        .isEqualTo(policy.withoutLocations());
    List<PolicyProblem> problems = policy.validate(type);
    problems.forEach(
        p ->
            System.out.println(
                "corpus-validate "
                    + name
                    + ":"
                    + p.position()
                    + ": "
                    + p.code()
                    + " "
                    + p.message()));
  }
}
