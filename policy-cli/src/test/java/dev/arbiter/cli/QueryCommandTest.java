package dev.arbiter.cli;

import static dev.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.account.Organization;
import dev.arbiter.account.ResourcePolicies;
import dev.arbiter.query.AccountModel;
import dev.arbiter.query.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
  private static final Path EXAMPLE =
      Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("accounts/example");

  private static CliRun query(String question, String... options) {
    List<String> args = new ArrayList<>(List.of("query"));
    args.addAll(
        List.of(
            "--account", EXAMPLE.resolve("account-111122223333.json").toString(),
            "--account", EXAMPLE.resolve("account-444455556666.json").toString(),
            "--org", EXAMPLE.resolve("organization.json").toString(),
            "--resources", EXAMPLE.resolve("resource-policies").toString()));
    args.addAll(List.of(options));
    args.add(question);
    return run(args.toArray(String[]::new));
  }

  @Test
  void query_canAllowed_exitsZero() {
    CliRun run = query("can user/alice s3:GetObject arn:aws:s3:::dev-logs/app.log");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Decision: allowed").contains("DevRead (via group developers)");
  }

  @Test
  void query_canDeniedWithCondition_exitsOneAndSaysWhatWouldAllow() {
    CliRun run = query("can user/dave iam:CreateUser arn:aws:iam::111122223333:user/new");
    assertThat(run.code()).isEqualTo(1);
    // The same lines as simulate --conditions prints for the request.
    assertThat(run.out())
        .contains(
            """

            Conditions on the missing keys (aws:MultiFactorAuthPresent):
              allowed if aws:MultiFactorAuthPresent = "true" (in any case)
            """);
  }

  @Test
  void query_canDeniedWithConditionJson_dependsOnHoldsTheConditionsOfSimulate() {
    CliRun run =
        query(
            "can user/dave iam:CreateUser arn:aws:iam::111122223333:user/new", "--format", "json");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "\"dependsOn\":[{\"asked\":\"implicitDeny\",\"conditions\":{\"result\":\"allowedIf\","
                + "\"missingKeys\":[\"aws:MultiFactorAuthPresent\"],\"alternatives\":"
                + "[[{\"key\":\"aws:MultiFactorAuthPresent\","
                + "\"condition\":\"= \\\"true\\\" (in any case)\"}]]}}]");
  }

  @Test
  void query_canWithContext_usesIt() {
    CliRun run =
        query(
            "can user/dave iam:CreateUser arn:aws:iam::111122223333:user/new with"
                + " aws:MultiFactorAuthPresent = true");
    assertThat(run.code()).isZero();
  }

  @Test
  void query_whoCan_listsPrincipalsAndHow() {
    CliRun run = query("who can s3:GetObject arn:aws:s3:::shared-reports-111122223333/q1.csv");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("3 of 8 principals allowed")
        .contains("user/bob")
        .contains(
            "via resource policy shared-reports.json (arn:aws:s3:::shared-reports-111122223333)"
                + " statement 0 \"AnalystsRead\"");
  }

  @Test
  void query_whoCanActionPattern_namesTheActionAndPatternOfEachPrincipal() {
    CliRun run =
        query(
            "who can s3:Get* arn:aws:s3:::shared-reports-111122223333/q1.csv", "--format", "json");
    assertThat(run.code()).isZero();
    assertThat(run.out()).containsPattern("\"action\" ?: ?\"s3:Get").contains("\"actionsThrough\"");
    CliRun text = query("who can s3:Get* arn:aws:s3:::shared-reports-111122223333/q1.csv");
    assertThat(text.out()).contains("principals allowed").contains(" with s3:Get");
  }

  @Test
  void query_whoCanExplain_namesEveryDecidingPolicyWithItsLevel() {
    CliRun run =
        query("who can s3:GetObject arn:aws:s3:::shared-reports-111122223333/q1.csv", "--explain");
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("3 of 8 principals allowed")
        .contains(
            "      decided by resource policy shared-reports.json"
                + " (arn:aws:s3:::shared-reports-111122223333) statement 0 \"AnalystsRead\"")
        .contains("      decided by SCP FullAWSAccess at root r-ex01, statement 0 (Allow");
  }

  /** The CLI prints what the library renders: one renderer, no second copy. */
  @Test
  void query_text_isTheLibrarysRendering() {
    AccountModel model =
        AccountModel.builder()
            .account(AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json")))
            .account(AccountSnapshot.load(EXAMPLE.resolve("account-444455556666.json")))
            .organization(Organization.load(EXAMPLE.resolve("organization.json")))
            .resourcePolicies(ResourcePolicies.load(EXAMPLE.resolve("resource-policies")))
            .build();
    String can = "can user/alice s3:GetObject arn:aws:s3:::dev-logs/app.log";
    assertThat(query(can).out()).isEqualTo(model.ask(Query.parse(can)).toText(false));
    String who = "who can s3:GetObject arn:aws:s3:::shared-reports-111122223333/q1.csv";
    assertThat(query(who, "--explain").out()).isEqualTo(model.ask(Query.parse(who)).toText(true));
    String what = "what can user/alice do in s3";
    assertThat(query(what, "--explain").out()).isEqualTo(model.ask(Query.parse(what)).toText(true));
  }

  @Test
  void query_whatCan_groupsByServiceAndAccessLevel() {
    CliRun run = query("what can role/lambda-exec do");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("logs (2)").contains("Write: CreateLogStream, PutLogEvents");
  }

  @Test
  void query_json_isOneValidObject() throws IOException {
    CliRun run = query("can user/bob s3:PutObject arn:aws:s3:::x/y", "--format", "json");
    assertThat(run.code()).isEqualTo(1);
    try (JsonParser parser = new JsonFactory().createParser(run.out())) {
      int depth = 0;
      boolean sawDecision = false;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME
            && depth == 1
            && parser.currentName().equals("decision")) {
          parser.nextToken();
          assertThat(parser.getText()).isEqualTo("implicitDeny");
          sawDecision = true;
          continue;
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
      }
      assertThat(sawDecision).isTrue();
    }
  }

  @Test
  void query_syntaxError_pointsAtTheColumnAndExitsTwo() {
    CliRun run = query("can user/alice s3:GetObject");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("column 28: expected a resource (an ARN or *), got end of query")
        .contains("\n  " + " ".repeat(27) + "^");
  }

  @Test
  void query_unknownPrincipal_exitsThree() {
    CliRun run = query("can user/mallory s3:GetObject *");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err()).contains("no user/mallory in the loaded accounts");
  }

  @Test
  void query_unreadableAccount_exitsThreeWithOneLine(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("gaad.json"), "{\"UserDetailList\": [");
    CliRun run = run("query", "--account", broken.toString(), "who can s3:GetObject *");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("gaad.json").contains("not valid JSON");
  }

  @Test
  void query_sharedAccount_answersEveryQuestionType() {
    Path shared =
        Path.of(System.getProperty("shared.dir", "../../shared"))
            .resolve("accounts/cloudsplaining-example.json");
    Assumptions.assumeTrue(Files.exists(shared), "no shared accounts");
    for (String question :
        List.of(
            "who can iam:PassRole *",
            "what can role/MyRole do",
            "what can user/obama do in iam",
            "can user/biden s3:GetObject arn:aws:s3:::any/key with aws:SourceIp = 203.0.113.5")) {
      CliRun run = run("query", "--account", shared.toString(), question);
      assertThat(run.err()).as(question).isEmpty();
      assertThat(run.code()).as(question).isIn(0, 1);
    }
  }

  @Test
  void query_restrictPublicBuckets_nonPublicBucketPolicyKeepsItsGrant() {
    // The shared-reports policy names the analyst role only: not public, so not restricted.
    CliRun run =
        query(
            "can role/analyst s3:GetObject arn:aws:s3:::shared-reports-111122223333/q1.csv",
            "--restrict-public-buckets",
            "111122223333");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Decision: allowed");
  }

  @Test
  void query_restrictPublicBucketsNotAnAccount_isAUsageError() {
    CliRun run =
        query("can user/alice s3:GetObject arn:aws:s3:::x/y", "--restrict-public-buckets", "alice");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("--restrict-public-buckets takes 12-digit account IDs, got 'alice'");
  }
}
