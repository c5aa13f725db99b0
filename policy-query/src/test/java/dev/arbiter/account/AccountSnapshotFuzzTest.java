package dev.arbiter.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.query.AccountModel;
import dev.arbiter.query.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the account snapshot reader ({@code get-account-authorization-details} output): any file
 * content either loads or throws {@link AccountLoadException} with a short message; a snapshot that
 * loads builds an account model that answers a question without an exception.
 *
 * <p>Regression inputs, seeded with the corpus account: {@code
 * src/test/resources/dev/arbiter/account/AccountSnapshotFuzzTestInputs/}. To fuzz: {@code
 * scripts/fuzz.sh 5 AccountSnapshotFuzzTest}.
 */
class AccountSnapshotFuzzTest {
  private static final Query QUESTION = Query.parse("who can s3:GetObject *");

  private static Path file = Path.of("");

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void setUp() throws IOException {
    file = Files.createTempFile("account-", ".json");
    String seed =
        "AccountSnapshotFuzzTestInputs/load_anyFile_loadsOrThrowsLoadException/"
            + "account-444455556666.json";
    try (InputStream in =
        Objects.requireNonNull(AccountSnapshotFuzzTest.class.getResourceAsStream(seed))) {
      new AccountSnapshotFuzzTest().load_anyFile_loadsOrThrowsLoadException(in.readAllBytes());
    }
  }

  @AfterAll
  static void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @FuzzTest(maxDuration = "5m")
  void load_anyFile_loadsOrThrowsLoadException(byte[] input) {
    try {
      Files.write(file, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AccountSnapshot snapshot;
    try {
      snapshot = AccountSnapshot.load(file);
    } catch (AccountLoadException e) {
      assertThat(e.getMessage()).hasSizeLessThan(1000 + file.toString().length());
      return;
    }
    AccountModel.builder().account(snapshot).build().ask(QUESTION);
  }
}
