package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every check of Access Analyzer's policy validation (the shared list of 153, {@code
 * lint/access-analyzer-checks.json}) is a check of the linter with the same code and finding type,
 * except the few that cannot run offline, each with the reason.
 */
class AccessAnalyzerCoverageTest {

  /** Access Analyzer codes without a check, and why. */
  private static final Map<String, String> NOT_IMPLEMENTED =
      Map.of(
          "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
          "since September 2025 SCPs accept the full IAM policy language, wildcards at the"
              + " beginning or middle of actions included (AWS Security Blog, \"AWS Organizations"
              + " service control policy now supports full IAM language\"; Organizations User"
              + " Guide, SCP syntax); the check would reject valid SCPs",
          "DEPRECATED_GLOBAL_CONDITION_KEY",
          "AWS documents it for aws:ARN, which UNSUPPORTED_GLOBAL_CONDITION_KEY (an ERROR) also"
              + " reports; when Access Analyzer gives which one is not documented",
          "VARIABLE_USAGE_TOO_PERMISSIVE",
          "Access Analyzer's list of sensitive keys is not public, and AWS's own data perimeter"
              + " policies put variables in such keys (aws:ResourceOrgID = ${aws:PrincipalOrgID}),"
              + " so a guessed rule would report AWS's recommended policies");

  private static final Pattern ROW =
      Pattern.compile(
          "\"findingType\"\\s*:\\s*\"([A-Z_]+)\"\\s*,\\s*\"issueCode\"\\s*:\\s*\"([A-Z0-9_]+)\"");

  @Test
  void everyAccessAnalyzerCode_isACheckWithTheSameType() throws IOException {
    String shared = System.getProperty("shared.dir", "../../shared");
    Path list = Path.of(shared, "lint", "access-analyzer-checks.json");
    assumeTrue(Files.isRegularFile(list), "no Access Analyzer check list at " + list);
    Map<String, String> codes = new LinkedHashMap<>();
    Matcher row = ROW.matcher(Files.readString(list, StandardCharsets.UTF_8));
    while (row.find()) {
      codes.put(row.group(2), row.group(1));
    }
    assertThat(codes).hasSize(153);
    for (Map.Entry<String, String> entry : codes.entrySet()) {
      Optional<Check> check = Linter.check(entry.getKey());
      if (NOT_IMPLEMENTED.containsKey(entry.getKey())) {
        assertThat(check).as("%s is listed as not implemented", entry.getKey()).isEmpty();
        continue;
      }
      assertThat(check).as(entry.getKey()).isPresent();
      assertThat(check.get().defaultType().awsName())
          .as(entry.getKey())
          .isEqualTo(entry.getValue());
      assertThat(check.get().origin()).as(entry.getKey()).isEqualTo(Check.Origin.ACCESS_ANALYZER);
    }
  }
}
