package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.PolicyReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compares the linter with what IAM Access Analyzer's {@code ValidatePolicy} really returned for
 * the policies of {@code ../shared/lint/aa-recorded} (skipped when absent): the same policy type
 * and resource type as Access Analyzer was given, Access Analyzer's codes only (Arbiter's own
 * checks are not counted), records marked stale left out. Prints every mismatch, then asserts
 * precision and recall over (policy, code) pairs; a record that is not exhaustive counts no false
 * positive.
 */
class AccessAnalyzerRecordedTest {

  private static final double REQUIRED = 0.97;

  private record Recorded(
      String file,
      PolicyType type,
      Optional<String> resourceType,
      Set<String> codes,
      boolean exhaustive,
      boolean stale) {}

  private static Path dir() {
    String shared = System.getProperty("shared.dir", "../../shared");
    Path dir = Path.of(shared, "lint", "aa-recorded");
    assumeTrue(Files.isRegularFile(dir.resolve("expected.jsonl")), "no records at " + dir);
    return dir;
  }

  private static List<Recorded> records(Path dir) throws IOException {
    List<Recorded> records = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("expected.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Json.Obj row = (Json.Obj) JsonReader.read(line, PolicyReader.LIMITS);
      Set<String> codes = new TreeSet<>();
      for (Json code : ((Json.Arr) row.get("codes").orElseThrow()).elements()) {
        codes.add(code.scalarText().orElseThrow());
      }
      records.add(
          new Recorded(
              text(row, "file").orElseThrow(),
              PolicyType.fromName(text(row, "type").orElseThrow()).orElseThrow(),
              text(row, "aa_resource_type"),
              codes,
              row.get("exhaustive").flatMap(Json::scalarText).orElse("false").equals("true"),
              row.get("stale").flatMap(Json::scalarText).orElse("false").equals("true")));
    }
    return records;
  }

  private static Optional<String> text(Json.Obj row, String name) {
    return row.get(name).flatMap(Json::scalarText);
  }

  private static Linter linter(PolicyType type, Optional<String> resourceType) {
    Linter.Builder builder = Linter.builder().policyType(type);
    resourceType
        .map(t -> PolicyResourceType.fromName(t).orElseThrow())
        .ifPresent(builder::resourceType);
    return builder.build();
  }

  @Test
  void lint_recordedPolicies_reportsWhatAccessAnalyzerReported() throws IOException {
    Path dir = dir();
    List<Recorded> records = records(dir);
    assertThat(records).hasSizeGreaterThan(60);
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    int exact = 0;
    int exhaustive = 0;
    List<String> mismatches = new ArrayList<>();
    for (Recorded record : records) {
      if (record.stale()) {
        continue;
      }
      Linter linter = linter(record.type(), record.resourceType());
      LintResult result =
          linter.lint(record.file(), Files.readAllBytes(dir.resolve(record.file())));
      Set<String> reported = new TreeSet<>();
      for (Finding finding : result.findings()) {
        Linter.check(finding.code())
            .filter(c -> c.origin() == Check.Origin.ACCESS_ANALYZER)
            .ifPresent(c -> reported.add(c.code()));
      }
      Set<String> missed = new TreeSet<>(record.codes());
      missed.removeAll(reported);
      Set<String> extra = new TreeSet<>(reported);
      extra.removeAll(record.codes());
      truePositives += record.codes().size() - missed.size();
      falseNegatives += missed.size();
      if (record.exhaustive()) {
        exhaustive++;
        falsePositives += extra.size();
        if (missed.isEmpty() && extra.isEmpty()) {
          exact++;
        }
      }
      if (!missed.isEmpty() || (record.exhaustive() && !extra.isEmpty())) {
        mismatches.add(
            record.file()
                + " ("
                + record.type().cliName()
                + record.resourceType().map(t -> " " + t).orElse("")
                + "): missed "
                + missed
                + (record.exhaustive() ? ", extra " + extra : "")
                + "\n    "
                + String.join(
                    "\n    ", result.findings().stream().map(Finding::toString).toList()));
      }
    }
    double precision = truePositives / (double) (truePositives + falsePositives);
    double recall = truePositives / (double) (truePositives + falseNegatives);
    mismatches.forEach(m -> System.out.println("aa-recorded mismatch " + m));
    System.out.printf(
        "aa-recorded precision %.3f recall %.3f (tp %d, fp %d, fn %d), %d of %d exhaustive"
            + " records exact%n",
        precision, recall, truePositives, falsePositives, falseNegatives, exact, exhaustive);
    assertThat(precision).as("precision").isGreaterThanOrEqualTo(REQUIRED);
    assertThat(recall).as("recall").isGreaterThanOrEqualTo(REQUIRED);
  }
}
