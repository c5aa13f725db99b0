package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reasoning checks over every template and plan of {@code ../shared/iac} (skipped when absent):
 * each gets an answer (or, for a policy AWS would refuse, an input error at its line and column),
 * and a template compared with itself never shows new access.
 */
class SharedTemplateChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RESULTS = Set.of("PASS", "FAIL", "INCONCLUSIVE");

  private static List<Path> inputs() throws IOException {
    Path dir = Path.of(System.getProperty("shared.dir", "../../shared"), "iac");
    assumeTrue(Files.isDirectory(dir), "no shared templates at " + dir);
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("bad_template"))
          .filter(f -> !f.getFileName().toString().endsWith(".md"))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyTemplate_getsAnAnswer_andNeverGrantsNewAccessOverItself() throws IOException {
    List<String> wrong = new ArrayList<>();
    int answered = 0;
    for (Path file : inputs()) {
      String name = file.toString();
      CliRun open = run("check", "no-public-access", "--format", "json", name);
      CliRun self = run("check", "no-new-access", "--format", "json", "--reference", name, name);
      for (CliRun one : List.of(open, self)) {
        if (one.code() == ExitCodes.INVALID_INPUT) {
          if (!one.err().matches("(?s)arbiter check: .*:[0-9]+:[0-9]+.*")) {
            wrong.add(name + ": unreadable without a position: " + one.err());
          }
          continue;
        }
        if (one.out().isBlank() && one.code() == ExitCodes.USAGE) {
          continue; // not a template, and a policy file needs --type
        }
        JsonNode root = JSON.readTree(one.out());
        if (!RESULTS.contains(root.path("result").asText())) {
          wrong.add(name + ": no result: " + one.out());
        } else {
          answered++;
        }
      }
      if (self.code() != ExitCodes.INVALID_INPUT
          && !self.out().isBlank()
          && JSON.readTree(self.out()).path("result").asText().equals("FAIL")) {
        wrong.add(name + ": new access over itself: " + self.out());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(answered).isGreaterThan(200);
  }
}
