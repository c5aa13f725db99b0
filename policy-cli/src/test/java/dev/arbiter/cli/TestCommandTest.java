package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestCommandTest {
  @TempDir Path dir;

  private static final String POLICY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Deploy", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::prod/*"},
        {"Sid": "NeverDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}
      """;

  private static final String CI = "arn:aws:sts::111122223333:assumed-role/ci/run-1";

  /** A test of {@code ../iam/deploy.json} with one request per (id, action, expect). */
  private static String test(String... idActionExpect) {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < idActionExpect.length; i += 3) {
      requests
          .append(i == 0 ? "" : ",\n")
          .append(
              """
              {"id": "%s", "expect": "%s", "request": {"principal": "%s", "action": "%s",
                "resource": "arn:aws:s3:::prod/k"}}"""
                  .formatted(idActionExpect[i], idActionExpect[i + 2], CI, idActionExpect[i + 1]));
    }
    return """
        {"identityPolicies": [{"name": "deploy", "file": "../iam/deploy.json"}],
         "requests": [%s]}
        """
        .formatted(requests);
  }

  private Path file(String name, String content) throws IOException {
    return CliRun.write(dir, name, content);
  }

  @Test
  void test_allExpectationsMet_exitsZeroWithTheSummary() throws IOException {
    file("iam/deploy.json", POLICY);
    file(
        "tests/ci.json",
        test("reads", "s3:GetObject", "allowed", "no-delete", "s3:DeleteObject", "explicitDeny"));
    file("tests/notes.json", "{\"not\": \"a test\"}");

    CliRun run = run("test", dir.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("2 passed, 0 failed (1 test file, 2 other files skipped)\n");
  }

  @Test
  void test_failedExpectation_printsTheRequestBothDecisionsAndTheStatementAndExitsOne()
      throws IOException {
    file("iam/deploy.json", POLICY);
    Path test =
        file(
            "tests/ci.json",
            test("reads", "s3:GetObject", "allowed", "no-put", "s3:PutObject", "explicitDeny"));

    CliRun run = run("test", test.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "FAIL "
                + test
                + ": no-put: "
                + CI
                + " s3:PutObject arn:aws:s3:::prod/k: expected explicitDeny, got allowed;"
                + " decided by identity policy deploy statement 0 \"Deploy\" (Allow, line 2:3)")
        .endsWith("1 passed, 1 failed (1 test file, 0 other files skipped)\n");
  }

  @Test
  void test_missingPolicyFile_exitsThreeWithThePositionInTheTest() throws IOException {
    Path test = file("tests/ci.json", test("reads", "s3:GetObject", "allowed"));

    CliRun run = run("test", test.toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out())
        .contains(
            "ERROR "
                + test
                + ":1:50: cannot read policy file \"../iam/deploy.json\": no such file (at"
                + " /identityPolicies/0/file)")
        .contains("0 passed, 0 failed, 1 invalid");
  }

  @Test
  void test_brokenTestThatIsNotJson_isInvalidNotSkipped() throws IOException {
    file("tests/ci.json", "{\"requests\": [{\"id\": \"a\", \"expect\": \"allowed\",");

    CliRun run = run("test", dir.toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).startsWith("ERROR ").contains("1 invalid");
  }

  @Test
  void test_noTestFound_exitsThree() throws IOException {
    file("iam/deploy.json", POLICY);

    CliRun run = run("test", dir.toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("no policy tests found").contains("1 other file skipped");
  }

  @Test
  void test_missingPath_exitsThree() {
    CliRun run = run("test", dir.resolve("nowhere").toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("nowhere: no such file or directory");
  }

  @Test
  void test_noPath_isAUsageError() {
    assertThat(run("test").code()).isEqualTo(2);
  }

  @Test
  void test_junitFormat_isJUnitXmlWithASuitePerFileAndAFailureWithTheExplanation()
      throws Exception {
    file("iam/deploy.json", POLICY);
    Path test =
        file(
            "tests/ci.json",
            test("reads", "s3:GetObject", "allowed", "no-put", "s3:PutObject", "explicitDeny"));

    CliRun run = run("test", "--format", "junit", dir.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("1 passed, 1 failed");
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    Element suites = xml.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    assertThat(suites.getAttribute("tests")).isEqualTo("2");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    NodeList suite = xml.getElementsByTagName("testsuite");
    assertThat(suite.getLength()).isEqualTo(1);
    assertThat(((Element) suite.item(0)).getAttribute("name")).isEqualTo(test.toString());
    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(2);
    Element failed = (Element) cases.item(1);
    assertThat(failed.getAttribute("name")).isEqualTo("no-put");
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).startsWith("expected explicitDeny, got allowed");
    assertThat(failure.getTextContent()).contains("Decision: allowed").contains("Steps:");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void test_jsonFormat_printsOneLinePerRequest() throws IOException {
    file("iam/deploy.json", POLICY);
    file("tests/ci.json", test("reads", "s3:GetObject", "allowed"));

    CliRun run = run("test", "--format", "json", dir.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "{\"file\":\""
                + dir.resolve("tests/ci.json")
                + "\",\"id\":\"reads\",\"expect\":\"allowed\",\"decision\":\"allowed\","
                + "\"passed\":true}");
  }

  @Test
  void test_projectExamples_allPass() {
    Path examples = Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("tests");

    CliRun run = run("test", examples.toString());

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains(" passed, 0 failed (2 test files");
  }
}
