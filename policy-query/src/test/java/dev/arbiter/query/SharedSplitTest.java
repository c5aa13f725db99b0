package dev.arbiter.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.account.AccountSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model reuses a split of a resource pattern for every principal whose policies give the same
 * Resource patterns: seeded random accounts of roles with overlapping policies get, for each role,
 * the answer a model holding that role alone gives (where nothing is shared).
 */
class SharedSplitTest {
  private static final String ROLES = "arn:aws:iam::111122223333:role/";
  private static final List<String> RESOURCES =
      List.of(
          "*",
          ROLES + "*",
          ROLES + "lambda-*",
          ROLES + "lambda-?",
          ROLES + "service/*",
          "arn:aws:iam::444455556666:role/*",
          "arn:aws:iam::*:role/x",
          "arn:aws:s3:::bucket/*");

  @TempDir Path dir;

  private AccountModel model(List<String> policies, String file) throws IOException {
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      roles.add(
          """
          {"Path": "/", "RoleName": "r%d", "RoleId": "AROAEXAMPLER00000000%d",
           "Arn": "%sr%d",
           "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
           "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": %s}],
           "AttachedManagedPolicies": [], "Tags": []}
          """
              .formatted(i, i, ROLES, i, policies.get(i)));
    }
    String gaad =
        "{\"UserDetailList\": [], \"GroupDetailList\": [], \"Policies\": [], \"RoleDetailList\": ["
            + String.join(",", roles)
            + "]}";
    Path path = dir.resolve(file);
    Files.writeString(path, gaad);
    return AccountModel.builder().account(AccountSnapshot.load(path)).build();
  }

  private static String policy(Random random) {
    List<String> statements = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String effect = random.nextInt(4) == 0 ? "Deny" : "Allow";
      String element = random.nextInt(6) == 0 ? "NotResource" : "Resource";
      String action = random.nextBoolean() ? "iam:PassRole" : "iam:*";
      statements.add(
          "{\"Effect\": \"%s\", \"Action\": \"%s\", \"%s\": \"%s\"}"
              .formatted(effect, action, element, RESOURCES.get(random.nextInt(RESOURCES.size()))));
    }
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}";
  }

  /** The role's grants (example resource and patterns) and undecided entries. */
  private static List<String> grants(Answer.WhoCan answer, String role) {
    List<String> out = new ArrayList<>();
    for (Answer.Grant grant : answer.allowed()) {
      if (grant.principal().principalArn().equals(ROLES + role)) {
        out.add(grant.resource() + " through " + grant.through());
      }
    }
    for (Answer.Possibly maybe : answer.possibly()) {
      if (maybe.principal().principalArn().equals(ROLES + role)) {
        out.add("possibly " + maybe.why());
      }
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void whoCan_sharedModel_answersAsEachRoleAlone(long seed) throws IOException {
    Random random = new Random(seed);
    List<String> policies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Roles often repeat an earlier role's policy, so that splits are shared.
      policies.add(
          i > 0 && random.nextBoolean() ? policies.get(random.nextInt(i)) : policy(random));
    }
    for (String pattern : List.of("*", ROLES + "*")) {
      Answer.WhoCan shared = model(policies, "all.json").whoCan("iam:PassRole", pattern, Map.of());
      for (int i = 0; i < policies.size(); i++) {
        AccountModel alone = model(List.of(policies.get(i)), "one.json");
        Answer.WhoCan own = alone.whoCan("iam:PassRole", pattern, Map.of());
        assertThat(grants(shared, "r" + i))
            .as("role r%d, %s, policy %s", i, pattern, policies.get(i))
            .isEqualTo(grants(own, "r0"));
      }
    }
  }
}
