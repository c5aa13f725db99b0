package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.account.AccountSnapshot;
import dev.arbiter.eval.Decision;
import dev.arbiter.policy.value.Glob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code who can ACTION PATTERN}: a resource with wildcards means some resource matching it. A
 * principal allowed on one matching resource is listed with the way in; one whom Denies block on
 * every matching resource is not; where the split into cases runs out, "possibly", never "cannot".
 */
class QuantifiedWhoCanTest {
  private static final String ROLES = "arn:aws:iam::111122223333:role/";

  @TempDir Path dir;

  /**
   * A model of one account with one role, {@code role/r}, whose inline policy is {@code policy}.
   */
  private AccountModel model(String policy) throws IOException {
    String gaad =
        """
        {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
         "RoleDetailList": [{"Path": "/", "RoleName": "r", "RoleId": "AROAEXAMPLER000000001",
           "Arn": "arn:aws:iam::111122223333:role/r",
           "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
           "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": %s}],
           "AttachedManagedPolicies": [], "Tags": []}]}
        """
            .formatted(policy);
    Path file = dir.resolve("gaad.json");
    Files.writeString(file, gaad);
    return AccountModel.builder().account(AccountSnapshot.load(file)).build();
  }

  private static String statements(String... statements) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}";
  }

  private static String allow(String action, String resource) {
    return "{\"Effect\": \"Allow\", \"Action\": \"%s\", \"Resource\": \"%s\"}"
        .formatted(action, resource);
  }

  private static String deny(String action, String resource) {
    return "{\"Effect\": \"Deny\", \"Action\": \"%s\", \"Resource\": \"%s\"}"
        .formatted(action, resource);
  }

  @Test
  void whoCan_passRoleOnStar_listsRoleAllowedOnlyLambdaRoles() throws IOException {
    AccountModel model = model(statements(allow("iam:PassRole", ROLES + "lambda-*")));
    Answer.WhoCan answer = model.whoCan("iam:PassRole", "*", Map.of());
    assertThat(answer.allowed()).hasSize(1);
    Answer.Grant grant = answer.allowed().get(0);
    assertThat(grant.principal().shortName()).startsWith("role/r");
    assertThat(grant.through()).containsExactly(ROLES + "lambda-*");
    assertThat(grant.resource()).startsWith(ROLES + "lambda-");
    // The example is a request the evaluator allows.
    assertThat(model.can("role/r", "iam:PassRole", grant.resource(), Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(answer.possibly()).isEmpty();
  }

  @Test
  void whoCan_literalStar_stillAsksAboutTheResourceStarToo() throws IOException {
    AccountModel model = model(statements(allow("iam:PassRole", "*")));
    Answer.WhoCan answer = model.whoCan("iam:PassRole", "*", Map.of());
    assertThat(answer.allowed()).hasSize(1);
    assertThat(answer.allowed().get(0).through()).containsExactly("*");
  }

  @Test
  void whoCan_denyCoversEveryMatchingResource_notListed() throws IOException {
    AccountModel model =
        model(
            statements(
                allow("iam:PassRole", ROLES + "lambda-*"), deny("iam:PassRole", ROLES + "*")));
    Answer.WhoCan answer = model.whoCan("iam:PassRole", "*", Map.of());
    assertThat(answer.allowed()).isEmpty();
    assertThat(answer.possibly()).isEmpty();
    assertThat(answer.conditional()).isEmpty();
  }

  @Test
  void whoCan_denyCoversPart_listedOnTheRest() throws IOException {
    AccountModel model =
        model(
            statements(
                allow("iam:PassRole", ROLES + "*"),
                deny("iam:PassRole", ROLES + "lambda-*"),
                deny("iam:PassRole", ROLES + "a*"),
                deny("iam:PassRole", ROLES)));
    Answer.WhoCan answer = model.whoCan("iam:PassRole", ROLES + "*", Map.of());
    assertThat(answer.allowed()).hasSize(1);
    String example = answer.allowed().get(0).resource();
    assertThat(example).startsWith(ROLES).doesNotStartWith(ROLES + "lambda-");
    assertThat(model.can("role/r", "iam:PassRole", example, Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void whoCan_patternOutsideTheGrant_notListed() throws IOException {
    AccountModel model = model(statements(allow("iam:PassRole", ROLES + "lambda-*")));
    Answer.WhoCan answer =
        model.whoCan("iam:PassRole", "arn:aws:iam::444455556666:role/*", Map.of());
    assertThat(answer.allowed()).isEmpty();
    assertThat(answer.possibly()).isEmpty();
  }

  @Test
  void whoCan_tooManyCases_saysPossiblyNeverCannot() throws IOException {
    // Denies on every name length up to 70: names of 71 characters or more are allowed, but the
    // split stops at 64 cases, and every example it tried is denied.
    StringBuilder denies = new StringBuilder();
    for (int length = 0; length <= 70; length++) {
      denies.append(',').append(deny("iam:PassRole", ROLES + "?".repeat(length)));
    }
    AccountModel model = model(statements(allow("iam:PassRole", ROLES + "*") + denies));
    Answer.WhoCan answer = model.whoCan("iam:PassRole", ROLES + "*", Map.of());
    assertThat(answer.allowed()).isEmpty();
    assertThat(answer.possibly()).hasSize(1);
    assertThat(answer.possibly().get(0).why()).contains("not decided");
    assertThat(model.can("role/r", "iam:PassRole", ROLES + "x".repeat(71), Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
  }

  /**
   * Seeded property: for random Allow/Deny patterns over a small vocabulary, "listed" agrees with
   * trying every resource of a finite set built from the patterns' own literals and their
   * neighbours: never a wrong "cannot" (a resource allowed while the principal is not listed), and
   * never a listing without an allowed example.
   */
  @Test
  void whoCan_randomPolicies_agreeWithEnumeration() throws IOException {
    Random random = new Random(12);
    String[] names = {"lambda-", "lambda-x", "a", "ab", "", "x/y"};
    String[] shapes = {"%s", "%s*", "%s?", "*%s", "%s*x"};
    String[] queries = {"*", ROLES + "*", ROLES + "lambda-*", ROLES + "a?", ROLES + "?*"};
    for (int round = 0; round < 60; round++) {
      StringBuilder list = new StringBuilder();
      int count = 1 + random.nextInt(4);
      List<String> patterns = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String pattern =
            ROLES
                + shapes[random.nextInt(shapes.length)].formatted(
                    names[random.nextInt(names.length)]);
        patterns.add(pattern);
        String statement =
            random.nextInt(3) == 0 ? deny("iam:PassRole", pattern) : allow("iam:PassRole", pattern);
        list.append(i == 0 ? "" : ",").append(statement);
      }
      AccountModel model = model("{\"Version\": \"2012-10-17\", \"Statement\": [" + list + "]}");
      String query = queries[random.nextInt(queries.length)];
      Answer.WhoCan answer = model.whoCan("iam:PassRole", query, Map.of());
      boolean listed = !answer.allowed().isEmpty() || !answer.possibly().isEmpty();
      for (Answer.Grant grant : answer.allowed()) {
        assertThat(model.can("role/r", "iam:PassRole", grant.resource(), Map.of()).decision())
            .isEqualTo(Decision.ALLOWED);
      }
      for (String name : names) {
        for (String suffix : new String[] {"", "x", "/z", "lambda-q"}) {
          String resource = ROLES + name + suffix;
          // The queries' wildcards are all in the resource segment, where they match anything.
          if (!Glob.of(query).matches(resource)) {
            continue;
          }
          boolean allowed =
              model.can("role/r", "iam:PassRole", resource, Map.of()).decision().isAllowed();
          assertThat(!allowed || listed)
              .as(
                  "round %d: %s allowed on %s, yet not listed for %s (%s)",
                  round, "role/r", resource, query, patterns)
              .isTrue();
        }
      }
    }
  }

  // An action with wildcards: some action of the service catalog matching it.

  private static final String OBJECT = "arn:aws:s3:::bucket/key";

  @Test
  void whoCan_actionPattern_listsTheActionAndThePatternsItIsGrantedThrough() throws IOException {
    AccountModel model = model(statements(allow("s3:Get*", "*")));
    Answer.WhoCan answer = model.whoCan("s3:GetObject*", OBJECT, Map.of());
    assertThat(answer.allowed()).hasSize(1);
    Answer.Grant grant = answer.allowed().get(0);
    assertThat(grant.action()).startsWith("s3:GetObject");
    assertThat(grant.actionsThrough()).containsExactly("s3:Get*");
    assertThat(model.can("role/r", grant.action(), OBJECT, Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
    assertThat(answer.toText(false)).contains("with " + grant.action() + " (through s3:Get*)");
  }

  @Test
  void whoCan_actionPatternDeniedEverywhere_notListed() throws IOException {
    AccountModel model = model(statements(allow("s3:*", "*"), deny("s3:Get*", "*")));
    Answer.WhoCan answer = model.whoCan("s3:Get*", OBJECT, Map.of());
    assertThat(answer.allowed()).isEmpty();
    assertThat(answer.possibly()).isEmpty();
    Answer.WhoCan wider = model.whoCan("s3:*", OBJECT, Map.of());
    assertThat(wider.allowed()).hasSize(1);
    assertThat(wider.allowed().get(0).action()).doesNotStartWith("s3:Get");
  }

  @Test
  void whoCan_actionPatternDeniedInPart_listedWithAnotherAction() throws IOException {
    AccountModel model = model(statements(allow("s3:GetObject*", "*"), deny("s3:GetObject", "*")));
    Answer.WhoCan answer = model.whoCan("s3:GetObject*", OBJECT, Map.of());
    assertThat(answer.allowed()).hasSize(1);
    String action = answer.allowed().get(0).action();
    assertThat(action).startsWith("s3:GetObject").isNotEqualTo("s3:GetObject");
    assertThat(model.can("role/r", action, OBJECT, Map.of()).decision())
        .isEqualTo(Decision.ALLOWED);
  }

  @Test
  void whoCan_everyActionOnEveryResource_findsANarrowGrant() throws IOException {
    AccountModel model = model(statements(allow("iam:PassRole", ROLES + "lambda-*")));
    Answer.WhoCan answer = model.whoCan("*", "*", Map.of());
    // Besides the grant, AWS allows sts:GetCallerIdentity to everyone, outside policies
    // (docs/semantics.md §9.12): a grant without statements.
    assertThat(answer.allowed())
        .extracting(Answer.Grant::action)
        .containsExactlyInAnyOrder("iam:PassRole", "sts:GetCallerIdentity");
    assertThat(answer.allowed())
        .filteredOn(g -> g.action().startsWith("sts:"))
        .allMatch(g -> g.how().isEmpty());
    Answer.Grant grant =
        answer.allowed().stream().filter(g -> g.action().equals("iam:PassRole")).findFirst().get();
    assertThat(grant.actionsThrough()).containsExactly("iam:PassRole");
    assertThat(grant.through()).containsExactly(ROLES + "lambda-*");
  }

  @Test
  void whoCan_actionPatternMatchingNoCatalogAction_isRefused() throws IOException {
    AccountModel model = model(statements(allow("*", "*")));
    assertThatThrownBy(() -> model.whoCan("nosuchservice:*", "*", Map.of()))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("no action of the bundled AWS service catalog matches");
  }

  /**
   * Seeded property: for random Allow/Deny action patterns, "listed" agrees with asking about every
   * catalog action the question's pattern matches: never a wrong "cannot", and every listed grant's
   * action allowed.
   */
  @Test
  void whoCan_randomActionPatterns_agreeWithEveryCatalogAction() throws IOException {
    Random random = new Random(16);
    String[] patterns = {
      "s3:Get*", "s3:GetObject", "s3:*Object", "s3:Put*", "s3:*", "s3:GetObject?*", "s3:List*", "*"
    };
    String[] queries = {"s3:Get*", "s3:*Object", "s3:Put*", "s3:GetObject*", "s3:*"};
    List<String> s3 =
        dev.arbiter.catalog.Catalog.get().actions().stream()
            .map(a -> a.fullName())
            .filter(a -> a.startsWith("s3:"))
            .toList();
    for (int round = 0; round < 25; round++) {
      StringBuilder list = new StringBuilder();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        String pattern = patterns[random.nextInt(patterns.length)];
        String statement = random.nextInt(3) == 0 ? deny(pattern, "*") : allow(pattern, "*");
        list.append(i == 0 ? "" : ",").append(statement);
      }
      AccountModel model = model("{\"Version\": \"2012-10-17\", \"Statement\": [" + list + "]}");
      String query = queries[random.nextInt(queries.length)];
      Answer.WhoCan answer = model.whoCan(query, OBJECT, Map.of());
      for (Answer.Grant grant : answer.allowed()) {
        assertThat(model.can("role/r", grant.action(), OBJECT, Map.of()).decision())
            .isEqualTo(Decision.ALLOWED);
      }
      Glob glob = Glob.of(query.toLowerCase(java.util.Locale.ROOT));
      boolean some =
          s3.stream()
              .filter(a -> glob.matches(a.toLowerCase(java.util.Locale.ROOT)))
              .anyMatch(a -> model.can("role/r", a, OBJECT, Map.of()).decision().isAllowed());
      assertThat(!answer.allowed().isEmpty())
          .as("round %d: %s over %s", round, query, list)
          .isEqualTo(some);
    }
  }
}
