package dev.arbiter.eval.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.eval.Request;
import dev.arbiter.policy.JsonPointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ties the streamed reading of a scenario's {@code "requests"} (each entry read as it is parsed,
 * without positions) to the positioned reading of the whole tree: on any text, both give the same
 * requests, policies and decisions, or the same error, position included.
 */
class ScenarioStreamingTest {

  private static final String SCENARIO =
      """
      {"description": "streaming",
       "identityPolicies": [{"name": "Home", "policy": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::home/${aws:username}/*"},
         {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
          "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}}]}}],
       "requests": [
         {"id": "own", "request": {"principal": "arn:aws:iam::111122223333:user/alice",
           "action": "s3:GetObject", "resource": "arn:aws:s3:::home/alice/a.txt",
           "context": {"aws:username": "alice", "aws:MultiFactorAuthAge": 10}}},
         {"id": 2, "expect": "implicitDeny", "request": {
           "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::home/bob/a.txt", "resourceAccount": "111122223333",
           "context": {"aws:username": ["alice"], "aws:SecureTransport": true}}},
         {"id": "old", "request": {"principal": "arn:aws:sts::111122223333:assumed-role/r/s",
           "action": "s3:GetObject", "resource": "arn:aws:s3:::home/alice/b.txt",
           "context": {"aws:MultiFactorAuthAge": "7200"}}}
       ],
       "exactContext": false}
      """;

  /** Pieces that the mutations insert: members, wrong types, duplicates, flags after requests. */
  private static final List<String> PIECES =
      List.of(
          ",",
          "\"id\": \"own\",",
          "\"exactContext\": true,",
          ", \"exactContext\": true",
          "\"requests\": [],",
          "\"request\": {},",
          "\"context\": {\"a\": {}},",
          "\"expect\": \"maybe\",",
          "[]",
          "{}",
          "null",
          "1",
          "\"x\"",
          "\"principal\": \"*\",",
          "\"action\": \"s3\",",
          "\"resourceAccount\": \"12\",");

  static Stream<String> corpusScenarios() throws IOException {
    Path dir = Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("scenarios");
    List<String> texts = new ArrayList<>();
    texts.add(SCENARIO);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          texts.add(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return texts.stream();
  }

  @ParameterizedTest
  @MethodSource("corpusScenarios")
  void parse_corpusScenario_sameAsPositionedReading(String text) {
    assertThat(outcome(() -> Scenario.parse(text)))
        .isEqualTo(outcome(() -> positioned(text)))
        .doesNotStartWith("error");
  }

  @Test
  void parse_sharedWorkload_sameAsPositionedReading() throws IOException {
    Path workload =
        Path.of(System.getProperty("shared.dir", "../../shared"))
            .resolve("bench")
            .resolve("workload.json");
    Assumptions.assumeTrue(Files.isRegularFile(workload), "../shared absent");
    String text = Files.readString(workload, StandardCharsets.UTF_8);
    assertThat(outcome(() -> Scenario.parse(text)))
        .isEqualTo(outcome(() -> positioned(text)))
        .doesNotStartWith("error");
  }

  @Test
  void parse_exactContextAfterRequests_appliesToThem() {
    String text = SCENARIO.replace("\"exactContext\": false", "\"exactContext\": true");
    String streamed = outcome(() -> Scenario.parse(text));
    assertThat(streamed).isEqualTo(outcome(() -> positioned(text)));
    assertThat(streamed).isNotEqualTo(outcome(() -> Scenario.parse(SCENARIO)));
  }

  /** Seeded random edits of the scenarios; about a third of them still read. */
  @Test
  void parse_mutatedScenario_sameAsPositionedReading() throws IOException {
    List<String> bases = corpusScenarios().toList();
    Random random = new Random(16);
    int read = 0;
    for (int i = 0; i < 3000; i++) {
      String text = bases.get(random.nextInt(bases.size()));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        text = mutate(text, random);
      }
      String mutated = text;
      String expected = outcome(() -> positioned(mutated));
      assertThat(outcome(() -> Scenario.parse(mutated))).as(mutated).isEqualTo(expected);
      if (!expected.startsWith("error")) {
        read++;
      }
    }
    assertThat(read).as("mutations that still read").isGreaterThan(100);
  }

  private static String mutate(String text, Random random) {
    int at = random.nextInt(text.length());
    return switch (random.nextInt(4)) {
      case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
      case 1 -> {
        int end = Math.min(text.length(), at + 1 + random.nextInt(40));
        yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
      }
      case 2 -> {
        // After a '{' or '[', where a member or element may start.
        int open = Math.max(text.indexOf('{', at), text.indexOf('[', at));
        int where = open < 0 ? at : open + 1;
        yield text.substring(0, where)
            + PIECES.get(random.nextInt(PIECES.size()))
            + text.substring(where);
      }
      default -> {
        // Swap a string's text for another's, keeping the JSON well formed.
        int quote = text.indexOf('"', at);
        if (quote < 0) {
          yield text;
        }
        int end = text.indexOf('"', quote + 1);
        if (end < 0) {
          yield text;
        }
        String[] words = {"", "s3:*", "*", "arn:aws:iam::111122223333:user/x", "true", "1"};
        yield text.substring(0, quote + 1)
            + words[random.nextInt(words.length)]
            + text.substring(end);
      }
    };
  }

  private static Scenario positioned(String text) {
    return ScenarioReader.scenario(
        ScenarioReader.root(text), JsonPointer.ROOT, null, PublicPolicyTest.ASSUME_PUBLIC);
  }

  /**
   * What a reading gives, as text: the requests, the policies, each request's decision and the
   * first one's explanation (which cites policy positions); or the error with its position.
   */
  private static String outcome(Supplier<Scenario> read) {
    Scenario scenario;
    try {
      scenario = read.get();
    } catch (ScenarioException e) {
      return "error " + e.getMessage();
    }
    StringBuilder out = new StringBuilder();
    out.append(scenario.hasRequestList()).append('\n');
    for (NamedRequest entry : scenario.requests()) {
      Request request = entry.request();
      out.append(entry.id())
          .append(' ')
          .append(request)
          .append(' ')
          .append(request.resourceAccount())
          .append(' ')
          .append(request.context())
          .append(' ')
          .append(entry.expected())
          .append('\n');
    }
    out.append(scenario.requests()).append('\n');
    for (List<NamedPolicy> level : policyLists(scenario)) {
      for (NamedPolicy policy : level) {
        out.append(policy.name()).append(' ').append(policy.policy()).append('\n');
      }
    }
    scenario
        .requests()
        .forEach(
            entry ->
                out.append(entry.id())
                    .append(' ')
                    .append(scenario.evaluator().evaluate(entry.request()).json())
                    .append('\n'));
    out.append(scenario.evaluator().explain(scenario.requests().get(0).request()).toText(true));
    return out.toString();
  }

  private static List<List<NamedPolicy>> policyLists(Scenario scenario) {
    List<List<NamedPolicy>> lists = new ArrayList<>();
    lists.add(scenario.policies().identityPolicies());
    lists.add(scenario.policies().sessionPolicies());
    lists.add(scenario.policies().permissionsBoundaries());
    lists.addAll(scenario.policies().serviceControlPolicies());
    scenario.policies().resourcePolicy().ifPresent(policy -> lists.add(List.of(policy)));
    return lists;
  }
}
