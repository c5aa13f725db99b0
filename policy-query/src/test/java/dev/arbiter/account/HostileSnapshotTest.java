package dev.arbiter.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot files built to be expensive: each is read or refused with a short message naming the
 * limit. The timeout is a hang guard, not a performance claim.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileSnapshotTest {
  @TempDir Path dir;

  @Test
  void tenThousandLevelsOfNesting_isRefusedNamingTheLimit() throws IOException {
    Path file = dir.resolve("deep.json");
    Files.writeString(
        file, "{\"UserDetailList\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("1000")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }

  /** 900 levels of objects with 1,000-character names: every pointer would be ~1 MB. */
  @Test
  void deepObjectsWithLongNames_loadWithoutQuadraticMemory() throws IOException {
    String name = "n".repeat(1000);
    String deep = ("{\"" + name + "\": ").repeat(900) + "1" + "}".repeat(900);
    Path file = dir.resolve("long-names.json");
    Files.writeString(file, "{\"UserDetailList\": [], \"Extra\": " + deep + "}");
    assertThat(AccountSnapshot.load(file)).isNotNull();
  }

  @Test
  void badPercentEscapeInAPolicyDocument_isALoadErrorNamingTheElement() throws IOException {
    Path file = dir.resolve("escape.json");
    Files.writeString(
        file,
        "{\"UserDetailList\": [{\"UserName\": \"a\", \"Arn\": \"arn:aws:iam::111122223333:user/a\","
            + " \"UserPolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": \"%7B%zz\"}]}]}");
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("/UserDetailList/0/UserPolicyList/0/PolicyDocument")
        .hasMessageContaining("URL-encoded");
  }

  /** Found by AccountSnapshotFuzzTest: it used to load, then fail every question reaching it. */
  @Test
  void inlinePolicyInvalidForItsRole_isALoadErrorNamingTheProblem() throws IOException {
    Path file = dir.resolve("not-principal.json");
    Files.writeString(
        file,
        "{\"UserDetailList\": [{\"UserName\": \"eve\", \"Arn\": \"arn:aws:iam::444455556666:user/eve\","
            + " \"UserPolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Version\":"
            + " \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
            + " \"NotPrincipal\": \"*\"}]}}]}]}");
    assertThatThrownBy(() -> AccountSnapshot.load(file))
        .isInstanceOf(AccountLoadException.class)
        .hasMessageContaining("/UserDetailList/0/UserPolicyList/0/PolicyDocument")
        .hasMessageContaining("inline policy p is not valid as identity policy")
        .hasMessageContaining("NotPrincipal");
  }
}
