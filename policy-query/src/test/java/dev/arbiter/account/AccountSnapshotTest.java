package dev.arbiter.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountSnapshotTest {
  static final Path EXAMPLE =
      Path.of(System.getProperty("corpus.dir", "../corpus")).resolve("accounts/example");

  @Test
  void load_example_readsPrincipalsAndPolicies() {
    AccountSnapshot account = AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json"));
    assertThat(account.accountIds()).containsExactly("111122223333");
    assertThat(account.users())
        .extracting(IamUser::name)
        .containsExactly("alice", "bob", "carol", "dave");
    IamUser alice = account.usersNamed("alice").get(0);
    assertThat(alice.groups()).containsExactly("developers");
    assertThat(alice.tags()).containsEntry("team", "platform");
    assertThat(alice.inlinePolicies())
        .extracting(NamedPolicy::name)
        .containsExactly("AssumeDeploy");
    IamUser bob = account.usersNamed("bob").get(0);
    assertThat(bob.permissionsBoundaryArn())
        .contains("arn:aws:iam::111122223333:policy/S3ReadOnlyBoundary");
    assertThat(account.rolesNamed("lambda-exec").get(0).arn())
        .isEqualTo("arn:aws:iam::111122223333:role/service/lambda-exec");
    assertThat(account.rolesNamed("deploy").get(0).trustPolicy().statements()).hasSize(1);
  }

  @Test
  void load_managedPolicy_usesTheDefaultVersion() {
    AccountSnapshot account = AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json"));
    ManagedPolicy devRead =
        account.managedPolicy("arn:aws:iam::111122223333:policy/DevRead").orElseThrow();
    assertThat(devRead.document().statements()).hasSize(2);
  }

  @Test
  void load_urlEncodedDocument_isDecoded() {
    AccountSnapshot account = AccountSnapshot.load(EXAMPLE.resolve("account-111122223333.json"));
    IamUser dave = account.usersNamed("dave").get(0);
    assertThat(dave.inlinePolicies().get(0).policy().statements().get(0).conditions()).hasSize(1);
  }

  @Test
  void load_notASnapshot_namesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x.json");
    Files.writeString(file, "{\"Statement\": []}");
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("x.json")
        .hasMessageContaining("not a get-account-authorization-details snapshot");
  }

  @Test
  void load_badEmbeddedPolicy_givesItsPositionInTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        """
        {"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u",
          "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {
            "Statement": {"Effect": "allow", "Action": "*"}}}]}]}
        """);
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOfSatisfying(
            AccountLoadException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      file
                          + " at /UserDetailList/0/UserPolicyList/0/PolicyDocument: inline policy p:"
                          + " 3:29 at /Statement/Effect: Effect must be \"Allow\" or \"Deny\","
                          + " got \"allow\"");
              assertThat(e.pointer())
                  .hasToString("/UserDetailList/0/UserPolicyList/0/PolicyDocument");
              assertThat(e.position()).isEqualTo(new SourcePosition(2, 60));
            });
  }

  @Test
  void load_nameWithSlash_isEscapedInThePointer(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("org.json");
    Files.writeString(
        file,
        """
        {"organizationId": "o-a1b2c3d4e5", "policies": {"a/b~c": {"Statement": []}},
         "root": {"id": "r-ab12"}, "organizationalUnits": [{"id": "ou-1", "scps": ["a/b~c"]}]}
        """);
    assertThatThrownBy(() -> Organization.load(file))
        .isInstanceOfSatisfying(
            AccountLoadException.class,
            e -> assertThat(e.pointer()).hasToString("/organizationalUnits/0/parent"));
    Files.writeString(
        file,
        """
        {"organizationId": "o-a1b2c3d4e5", "policies": {"a/b~c": {"Statement": 5}},
         "root": {"id": "r-ab12"}}
        """);
    assertThatThrownBy(() -> Organization.load(file))
        .isInstanceOfSatisfying(
            AccountLoadException.class,
            e -> {
              assertThat(e.getMessage()).contains(" at /policies/a~1b~0c: ");
              assertThat(e.pointer().tokens()).containsExactly("policies", "a/b~c");
            });
  }

  @Test
  void load_badPolicy_namesFileElementAndProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        """
        {"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u",
          "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "allow", "Action": "*"}}}]}]}
        """);
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("/UserDetailList/0/UserPolicyList/0/PolicyDocument")
        .hasMessageContaining("Effect must be");
  }

  @Test
  void load_notJson_givesLineAndColumn(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\n  \"UserDetailList\": [,]\n}");
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageStartingWith(file + ":2:");
  }

  @Test
  void organization_levelsAndPaths() {
    Organization org = Organization.load(EXAMPLE.resolve("organization.json"));
    assertThat(org.id()).isEqualTo("o-exampleorg1");
    List<List<NamedPolicy>> levels = org.serviceControlPolicies("111122223333");
    assertThat(levels).hasSize(3);
    assertThat(levels.get(1))
        .extracting(NamedPolicy::name)
        .containsExactly("FullAWSAccess", "ProtectProduction");
    assertThat(org.levelNames("111122223333"))
        .containsExactly("root r-ex01", "OU ou-ex01-prod0001", "account 111122223333");
    assertThat(org.levelNames("123456789012")).isEmpty();
    assertThat(org.resourceControlPolicies("444455556666")).hasSize(3);
    assertThat(org.orgPath("111122223333")).contains("o-exampleorg1/r-ex01/ou-ex01-prod0001/");
    assertThat(org.serviceControlPolicies("123456789012")).isEmpty();
    assertThat(org.contains("123456789012")).isFalse();
  }

  @Test
  void organization_unknownPolicyName_isAnError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("org.json");
    Files.writeString(
        file, "{\"organizationId\": \"o-1\", \"root\": {\"id\": \"r-1\", \"scps\": [\"Nope\"]}}");
    assertThatThrownBy(() -> Organization.load(file))
        .hasMessageContaining("/root/scps/0")
        .hasMessageContaining("policy Nope is not defined");
  }

  @Test
  void resourcePolicies_bucketPolicyCoversObjects() {
    ResourcePolicies policies = ResourcePolicies.load(EXAMPLE.resolve("resource-policies"));
    assertThat(policies.forResource("arn:aws:s3:::shared-reports-111122223333/q1/report.csv"))
        .isPresent();
    assertThat(policies.forResource("arn:aws:s3:::shared-reports-111122223333")).isPresent();
    assertThat(policies.forResource("arn:aws:s3:::other-bucket/x")).isEmpty();
  }

  @Test
  void resourcePolicies_fileNamedByArn(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("arn:aws:lambda:us-east-1:111122223333:function%2Fignored.json"),
        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"lambda:InvokeFunction\"}}");
    Files.writeString(
        dir.resolve("arn:aws:lambda:us-east-1:111122223333:function:orders.json"),
        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"lambda:InvokeFunction\"}}");
    ResourcePolicies policies = ResourcePolicies.load(dir);
    assertThat(policies.forResource("arn:aws:lambda:us-east-1:111122223333:function:orders:prod"))
        .isPresent();
    assertThat(policies.all())
        .containsKey("arn:aws:lambda:us-east-1:111122223333:function/ignored");
  }

  static Stream<Path> sharedSnapshots() throws IOException {
    Path dir = Path.of(System.getProperty("shared.dir", "../../shared")).resolve("accounts");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "no shared accounts");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("sharedSnapshots")
  void load_sharedSnapshot_loadsEveryPrincipal(Path file) {
    AccountSnapshot account = AccountSnapshot.load(file);
    assertThat(account.users().size() + account.roles().size()).isPositive();
    for (IamUser user : account.users()) {
      for (String arn : user.attachedPolicyArns()) {
        assertThat(account.managedPolicy(arn)).as("%s of %s", arn, user.name()).isPresent();
      }
    }
  }
}
