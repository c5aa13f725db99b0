package dev.arbiter.eval.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.StatementRef;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
  private static final String REQUEST =
      """
      "request": {"principal": "arn:aws:iam::111122223333:user/alice",
                  "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}""";

  @Test
  void parse_namedPolicy_nameAppearsInExplanation() {
    Scenario scenario =
        Scenario.parse(
            "{"
                + REQUEST
                + """
                ,
                "identityPolicies": [{"name": "ReadOnly", "policy":
                  {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}}]}""");
    Explanation explanation = scenario.evaluator().explain(scenario.requests().get(0).request());

    assertThat(explanation.decision()).isEqualTo(Decision.ALLOWED);
    StatementRef statement = explanation.decisive().get(0);
    assertThat(statement.policyName()).isEqualTo("ReadOnly");
    assertThat(statement.location().position()).isEqualTo(new SourcePosition(5, 5));
  }

  @Test
  void parse_bareDocument_isNamedByPosition() {
    Scenario scenario =
        Scenario.parse(
            "{"
                + REQUEST
                + """
                , "identityPolicies": [{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}},
                  {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}]}""");
    assertThat(scenario.policies().identityPolicies())
        .extracting(NamedPolicy::name)
        .containsExactly("identityPolicies[0]", "identityPolicies[1]");
  }

  @Test
  void parse_invalidEffect_reportsTheScenarioPositionAndPointer() {
    String json =
        "{"
            + REQUEST
            + """
            ,
            "identityPolicies": [
              {"Version": "2012-10-17", "Statement": [
                {"Effect": "allow", "Action": "s3:*", "Resource": "*"}]}]}""";
    assertThatThrownBy(() -> Scenario.parse(json))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.position()).isEqualTo(new SourcePosition(5, 16));
              assertThat(e.pointer()).hasToString("/identityPolicies/0/Statement/0/Effect");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "5:16 at /identityPolicies/0/Statement/0/Effect: Effect must be \"Allow\" or"
                          + " \"Deny\", got \"allow\" [INVALID_EFFECT]");
            });
  }

  @Test
  void parse_policyDeepInTheFile_keepsScenarioPositionsInThePolicyAndItsProblems() {
    String json =
        "{"
            + REQUEST
            + """
            ,
            "serviceControlPolicies": [
              [{"name": "Full", "policy": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}],
              [{"name": "Full", "policy": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}},
               {"name": "Guard", "policy": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}]]}""";
    Scenario scenario = Scenario.parse(json);
    NamedPolicy guard = scenario.policies().serviceControlPolicies().get(1).get(1);

    assertThat(guard.name()).isEqualTo("Guard");
    assertThat(guard.policy().location().position()).isEqualTo(new SourcePosition(6, 32));
    assertThat(guard.policy().statements().get(0).location().position())
        .isEqualTo(new SourcePosition(7, 7));
    assertThat(guard.policy().statements().get(0).location().pointer()).hasToString("/Statement/0");

    String invalid =
        json.replace("\"aws:SecureTransport\": \"false\"", "\"aws:SecureTransport\": {}");
    assertThatThrownBy(() -> Scenario.parse(invalid))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.pointer())
                  .hasToString(
                      "/serviceControlPolicies/1/1/policy/Statement/0/Condition/Bool"
                          + "/aws:SecureTransport");
              assertThat(e.position()).isEqualTo(new SourcePosition(8, 54));
            });
  }

  @Test
  void scenarioCase_policyProblem_isReportedAtItsColumnInTheLine() {
    String line =
        "{\"id\": \"c1\", \"scenario\": {"
            + REQUEST.replace('\n', ' ')
            + ", \"sessionPolicies\": [{\"Statement\": {\"Effect\": \"Deny\", \"Actio\": \"*\"}}]}}";
    int column = line.indexOf("\"Actio\"") + 1;
    assertThatThrownBy(() -> ScenarioCase.parse(line))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.pointer()).hasToString("/scenario/sessionPolicies/0/Statement/Actio");
              assertThat(e.position()).isEqualTo(new SourcePosition(1, column));
              assertThat(e.reason()).contains("[INVALID_POLICY_ELEMENT]");
            });
  }

  @Test
  void parse_policyNestedDeeperThanAPolicyMay_isRefusedAsOnItsOwn() {
    String json =
        "{"
            + REQUEST
            + ", \"identityPolicies\": [{\"Statement\": "
            + "[".repeat(40)
            + "]".repeat(40)
            + "}]}";
    assertThatThrownBy(() -> Scenario.parse(json))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.pointer().tokens()).hasSize(2 + 1 + 31);
              assertThat(e.reason())
                  .isEqualTo(
                      "JSON nests deeper than 32 levels; a policy needs about six"
                          + " [JSON_SYNTAX_ERROR]");
            });
  }

  @Test
  void parse_policyInvalidForItsPart_namesPointerCodeAndType() {
    String json =
        "{"
            + REQUEST
            + """
            ,
            "serviceControlPolicies": [[{"name": "Guard", "policy": {"Version": "2012-10-17",
              "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}}]]}""";
    assertThatThrownBy(() -> Scenario.parse(json))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.pointer())
                  .hasToString("/serviceControlPolicies/0/0/policy/Statement/0/Principal");
              assertThat(e.position()).isEqualTo(new SourcePosition(4, 49));
              assertThat(e.reason()).contains("SCP_SYNTAX_ERROR_PRINCIPAL").contains("Guard");
            });
  }

  @Test
  void parse_unknownMember_suggestsTheRightName() {
    assertThatThrownBy(() -> Scenario.parse("{" + REQUEST + ", \"identityPolicy\": []}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("did you mean \"identityPolicies\"");
  }

  @Test
  void parse_badPrincipal_pointsAtThePrincipal() {
    String json =
        """
        {"request": {"principal": "arn:aws:iam::111122223333:role/admin",
                     "action": "s3:GetObject", "resource": "*"}}""";
    assertThatThrownBy(() -> Scenario.parse(json))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.pointer()).hasToString("/request/principal");
              assertThat(e.position()).isEqualTo(new SourcePosition(1, 27));
            });
  }

  @Test
  void parse_notJson_reportsWhere() {
    assertThatThrownBy(() -> Scenario.parse("{\"request\": {\n  \"principal\": }"))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.position().line()).isEqualTo(2);
              assertThat(e.reason()).startsWith("invalid JSON");
            });
  }

  @Test
  void parse_missingRequest_isAnError() {
    assertThatThrownBy(() -> Scenario.parse("{\"identityPolicies\": []}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("neither \"request\" nor \"requests\"");
  }

  @Test
  void parse_requests_keepsIdsInOrder() {
    Scenario scenario =
        Scenario.parse(
            """
            {"requests": [
              {"id": "b", "request": {"principal": "anonymous", "action": "s3:GetObject",
                                      "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333"}},
              {"id": "a", "request": {"principal": "lambda.amazonaws.com", "action": "s3:GetObject",
                                      "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333",
                                      "context": {"aws:TagKeys": ["x"], "s3:max-keys": 10}}}]}""");
    assertThat(scenario.hasRequestList()).isTrue();
    assertThat(scenario.requests()).extracting(NamedRequest::id).containsExactly("b", "a");
    assertThat(scenario.requests().get(1).request().context().value("s3:max-keys")).contains("10");
  }

  @Test
  void parse_trustRequest_validatesTheResourcePolicyAsTrust() {
    String json =
        """
        {"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "sts:AssumeRole",
                     "resource": "arn:aws:iam::111122223333:role/target"},
         "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
           "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Resource": "*"}]}}""";
    assertThatThrownBy(() -> Scenario.parse(json))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE");
  }

  @Test
  void parse_duplicateMember_isRefused() {
    assertThatThrownBy(() -> Scenario.parse("{" + REQUEST + ", " + REQUEST + "}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("duplicate member \"request\"");
  }

  @Test
  void scenarioCase_parse_readsIdSourceAndExpectation() {
    ScenarioCase parsed =
        ScenarioCase.parse(
            "{\"id\": \"c1\", \"source\": \"doc\", \"expect\": \"implicitDeny\", \"scenario\": {"
                + REQUEST
                + "}}");
    assertThat(parsed.id()).isEqualTo("c1");
    assertThat(parsed.source()).isEqualTo("doc");
    assertThat(parsed.expected()).contains(Decision.IMPLICIT_DENY);
    assertThat(parsed.scenario().evaluator().evaluate(parsed.request()))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(parsed.scenario().policies().resourcePolicyType()).isEqualTo(PolicyType.RESOURCE);
  }

  @Test
  void scenarioCase_badExpectation_isAnError() {
    assertThatThrownBy(
            () ->
                ScenarioCase.parse(
                    "{\"id\": \"c1\", \"expect\": \"deny\", \"scenario\": {" + REQUEST + "}}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("\"expect\" must be");
  }

  @Test
  void peekId_readsTheIdOfABrokenCase() {
    assertThat(ScenarioCase.peekId("{\"scenario\": {\"x\": 1}, \"id\": \"broken\", \"expect\": 3}"))
        .contains("broken");
    assertThat(ScenarioCase.peekId("not json")).isEmpty();
  }

  @Test
  void parse_contextWithoutPrincipalKeys_fillsThemFromTheCaller() {
    Scenario scenario = Scenario.parse("{" + REQUEST + "}");
    Request request = scenario.requests().get(0).request();

    assertThat(request.filledKeys())
        .containsExactly(
            "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:username");
    assertThat(request.context().value("aws:username")).contains("alice");
  }

  @Test
  void parse_exactContext_takesTheContextAsWritten() {
    // exactContext after the request: the member order does not matter
    Scenario scenario = Scenario.parse("{" + REQUEST + ", \"exactContext\": true}");
    Request request = scenario.requests().get(0).request();

    assertThat(request.filledKeys()).isEmpty();
    assertThat(request.context().keys()).isEmpty();
  }

  @Test
  void parse_exactContextNotABoolean_isAnError() {
    assertThatThrownBy(() -> Scenario.parse("{\"exactContext\": \"yes\", " + REQUEST + "}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at /exactContext: must be true or false");
  }

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private static final String TEST_WITH_FILE =
      """
      {"identityPolicies": [{"file": "../iam/p.json"}],
       "requests": [{"id": "r", "expect": "explicitDeny", "request": {
         "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
         "resource": "arn:aws:s3:::b/k"}}]}""";

  @Test
  void read_policyFileEntry_isResolvedAgainstTheScenarioAndNamedByItsPath() throws IOException {
    write(
        "iam/p.json",
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\","
            + " \"Resource\": \"*\"}}");
    Scenario scenario = Scenario.read(write("tests/t.json", TEST_WITH_FILE));

    assertThat(scenario.policies().identityPolicies())
        .extracting(NamedPolicy::name)
        .containsExactly("../iam/p.json");
    NamedRequest entry = scenario.requests().get(0);
    assertThat(entry.expected()).contains(Decision.EXPLICIT_DENY);
    assertThat(scenario.evaluator().evaluate(entry.request())).isEqualTo(Decision.ALLOWED);
    assertThat(Scenario.isPolicyTest(TEST_WITH_FILE)).isTrue();
    assertThat(Scenario.isPolicyTest("{" + REQUEST + "}")).isFalse();
  }

  @Test
  void read_policyFileThatDoesNotParse_isReportedAtTheFileMemberWithItsOwnPosition()
      throws IOException {
    write("iam/p.json", "{\"Statement\": {\"Effect\": \"allow\"}}");
    Path test = write("tests/t.json", TEST_WITH_FILE);

    assertThatThrownBy(() -> Scenario.read(test))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(
            "1:32 at /identityPolicies/0/file: ../iam/p.json:1:26 at /Statement/Effect: Effect must"
                + " be");
  }

  @Test
  void read_policyFileInvalidForItsPart_namesTheFileAndThePart() throws IOException {
    write(
        "iam/p.json",
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\","
            + " \"Action\": \"s3:*\", \"Resource\": \"*\"}}");
    Path test = write("tests/t.json", TEST_WITH_FILE);

    assertThatThrownBy(() -> Scenario.read(test))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at /identityPolicies/0/file: ../iam/p.json:1:")
        .hasMessageContaining("../iam/p.json read as an identity policy]");
  }

  @Test
  void parse_policyFileEntryWithoutAFile_isAnError() {
    assertThatThrownBy(() -> Scenario.parse(TEST_WITH_FILE))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("not read from a file");
  }

  @Test
  void read_entryWithPolicyAndFile_isAnError() throws IOException {
    Path test =
        write(
            "t.json",
            "{"
                + REQUEST
                + ", \"identityPolicies\": [{\"file\": \"p.json\", \"policy\": {\"Statement\": {\"Effect\": \"Deny\","
                + " \"Action\": \"*\", \"Resource\": \"*\"}}}]}");
    assertThatThrownBy(() -> Scenario.read(test))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("has \"policy\" or \"file\", not both");
  }

  @Test
  void parse_badExpectInRequests_isAnError() {
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    "{\"requests\": [{\"id\": \"a\", \"expect\": \"deny\", " + REQUEST + "}]}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at /requests/0/expect: \"expect\" must be");
  }

  @Test
  void scenarioCase_membersOutsideTheFormat_areIgnoredAndListed() {
    ScenarioCase parsed =
        ScenarioCase.parse(
            "{\"id\": \"c1\", \"tags\": [\"a\"], \"scenario\": {" + REQUEST + "}, \"notes\": 1}");
    assertThat(parsed.ignoredMembers()).containsExactly("tags", "notes");
    assertThat(
            ScenarioCase.parse("{\"id\": \"c1\", \"scenario\": {" + REQUEST + "}}")
                .ignoredMembers())
        .isEmpty();
  }
}
