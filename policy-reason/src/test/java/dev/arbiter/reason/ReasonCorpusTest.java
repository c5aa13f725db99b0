package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
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
 * The hand-made cases of corpus/reason/: one JSON file per case with the check, the policy type,
 * the policies and the expected answer, each citing the AWS page its outcome follows.
 */
class ReasonCorpusTest {
  private static final Path DIR = Path.of(System.getProperty("corpus.dir", "../corpus"), "reason");

  static Stream<Path> cases() throws IOException {
    return cases(DIR);
  }

  /** The cases of one corpus directory: its JSON files, sorted; a directory with none fails. */
  static Stream<Path> cases(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(list).isNotEmpty();
      return list.stream();
    }
  }

  /** One case file, checked to cite its AWS page and to describe itself. */
  static Json.Obj read(Path file) throws IOException {
    Json.Obj json =
        (Json.Obj)
            JsonReader.read(
                Files.readString(file, StandardCharsets.UTF_8), new Limits(1 << 20, 64));
    assertThat(text(json, "source")).startsWith("https://docs.aws.amazon.com/");
    assertThat(text(json, "description")).isNotBlank();
    return json;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_corpusCase_givesExpectedAnswer(Path file) throws IOException {
    Json.Obj json = read(file);
    PolicyType type = PolicyType.fromName(text(json, "type")).orElseThrow();
    Reasoner reasoner = Reasoner.create();
    CheckResult result =
        switch (text(json, "check")) {
          case "no-new-access" ->
              reasoner.noNewAccess(policy(json, "reference"), policy(json, "candidate"), type);
          case "equivalent" ->
              reasoner.equivalent(policy(json, "reference"), policy(json, "candidate"), type);
          case "access-not-granted" ->
              reasoner.accessNotGranted(
                  policy(json, "policy"),
                  type,
                  strings(json, "actions"),
                  strings(json, "resources"));
          case "no-public-access" ->
              reasoner.noPublicAccess(
                  policy(json, "policy"),
                  PublicResourceType.fromAwsName(text(json, "resourceType")).orElseThrow());
          default -> throw new IllegalArgumentException("unknown check in " + file);
        };
    assertThat(result.outcome().name()).as("%s", result).isEqualTo(text(json, "expect"));
  }

  static String text(Json.Obj json, String name) {
    return json.get(name).flatMap(Json::scalarText).orElseThrow();
  }

  private static Policy policy(Json.Obj json, String name) {
    return Policy.parse(JsonText.write(json.get(name).orElseThrow()));
  }

  static List<String> strings(Json.Obj json, String name) {
    return ((Json.Arr) json.get(name).orElseThrow())
        .elements().stream().map(e -> e.scalarText().orElseThrow()).toList();
  }
}
