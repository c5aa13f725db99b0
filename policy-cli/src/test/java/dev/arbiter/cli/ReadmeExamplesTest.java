package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.Explanation;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.lint.LintResult;
import dev.arbiter.lint.Linter;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.query.AccountModel;
import dev.arbiter.query.Answer;
import dev.arbiter.query.Query;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library examples, compiled and run: every code line of a {@code java} block in the
 * README appears in this file, so an API change that breaks an example breaks this test.
 */
class ReadmeExamplesTest {
  private static final Path CORPUS = Path.of(System.getProperty("corpus.dir", "../corpus"));
  private static final String ALLOW =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
          + " \"Resource\": \"*\"}]}";

  @TempDir Path dir;

  @Test
  void readmeJavaLines_allAppearInThisTest() throws IOException {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String self =
        Files.readString(
            Path.of("src/test/java/dev/arbiter/cli/ReadmeExamplesTest.java"),
            StandardCharsets.UTF_8);
    String flatSelf = self.replaceAll("\\s+", "");
    List<String> missing = new ArrayList<>();
    boolean inJava = false;
    for (String line : readme.lines().toList()) {
      if (line.startsWith("```")) {
        inJava = line.equals("```java");
        continue;
      }
      String code = line.replaceAll("\\s*//.*$", "").replaceAll("\\s+", "");
      if (inJava && !code.isEmpty() && !code.startsWith("import") && !flatSelf.contains(code)) {
        missing.add(code);
      }
    }
    assertThat(missing).as("README java lines not exercised here").isEmpty();
  }

  /** The README's parse example, as written (it reads policy.json of the working directory). */
  static String readmeParse() throws IOException {
    Policy policy = Policy.parse(Path.of("policy.json"));
    return readmeValidate(policy);
  }

  static String readmeValidate(Policy policy) {
    for (PolicyProblem problem : policy.validate(PolicyType.SCP)) {
      System.out.println(problem);
    }
    String canonical = policy.toJson();
    try {
      Policy.parse("{\"Statement\": [{\"Effect\": \"allow\", \"Action\": \"s3:*\"}]}");
    } catch (PolicyParseException e) {
      e.problems().forEach(p -> System.out.println(p.code() + " " + p));
    }
    return canonical;
  }

  @Test
  void parseAndValidate() throws IOException {
    Policy policy = Policy.parse(Files.writeString(dir.resolve("policy.json"), ALLOW));
    String printed = printed(() -> readmeValidate(policy));
    String canonical = readmeValidate(policy);
    assertThat(Policy.parse(canonical).withoutLocations()).isEqualTo(policy.withoutLocations());
    assertThat(printed).contains("INVALID_EFFECT 1:");
  }

  @Test
  void evaluate() {
    String identityJson = ALLOW;
    String bucketPolicyJson =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
            + " \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";
    String fullAccessJson = ALLOW;
    Evaluator evaluator =
        Evaluator.of(
            PolicySet.builder()
                .identityPolicy("ReportsReadWrite", Policy.parse(identityJson))
                .resourcePolicy("bucket.json", Policy.parse(bucketPolicyJson))
                .serviceControlPolicyLevel(
                    "root r-ab12",
                    List.of(new NamedPolicy("FullAWSAccess", Policy.parse(fullAccessJson))))
                .build());
    Request request =
        Request.builder()
            .principal("arn:aws:iam::111122223333:user/alice")
            .action("s3:GetObject")
            .resource("arn:aws:s3:::example-reports/q1.csv")
            .context(RequestContext.builder().put("aws:SourceIp", "203.0.113.5").build())
            .build();
    Decision decision = evaluator.evaluate(request);
    Explanation why = evaluator.explain(request);
    String printed =
        printed(
            () -> {
              System.out.print(why.toText(true));
            });

    assertThat(decision).isEqualTo(Decision.ALLOWED);
    assertThat(printed).contains("SCP FullAWSAccess at root r-ab12, statement 0");
  }

  /** The README's lint example, as written. */
  static LintResult readmeLint() throws IOException {
    Linter linter = Linter.builder().build();
    LintResult result = linter.lint("policy.json", Files.readAllBytes(Path.of("policy.json")));
    result.findings().forEach(System.out::println);
    return result;
  }

  @Test
  void lint() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.json"), ALLOW);
    LintResult result = Linter.builder().build().lint("policy.json", Files.readAllBytes(file));
    assertThat(result.findings()).isNotEmpty(); // "*" on "*" is a finding
  }

  /** The README's account example, as written. */
  static AccountModel readmeModel() {
    AccountModel model =
        AccountModel.builder().account(AccountSnapshot.load(Path.of("gaad.json"))).build();
    return model;
  }

  @Test
  void askAnAccount() {
    AccountModel model =
        AccountModel.builder()
            .account(
                AccountSnapshot.load(CORPUS.resolve("accounts/example/account-111122223333.json")))
            .build();
    Answer.Can can = model.can("user/alice", "s3:GetObject", "arn:aws:s3:::my-bucket/x", Map.of());
    Answer answer = model.ask(Query.parse("who can iam:PassRole *"));
    String printed =
        printed(
            () -> {
              System.out.print(answer.toText(false));
            });

    assertThat(can.principal().shortName()).isEqualTo("user/alice");
    assertThat(printed).startsWith("who can iam:PassRole *: ");
  }

  private static String printed(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
