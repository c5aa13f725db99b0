package dev.arbiter.reason;

import static dev.arbiter.policy.PolicyType.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy variables in the reasoner: the case split of docs/reasoning.md, "Policy variables". */
class PolicyVariablesTest {
  private static final Reasoner REASONER = Reasoner.create();

  private static Policy identity(String... statements) {
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}");
  }

  private static String allow(String resource) {
    return "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \""
        + resource
        + "\"}";
  }

  private static String deny(String resource) {
    return "{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \""
        + resource
        + "\"}";
  }

  private static final String HOME = "arn:aws:s3:::home/${aws:username}/*";

  private static CheckResult.Outcome newAccess(Policy reference, Policy candidate) {
    CheckResult result = REASONER.noNewAccess(reference, candidate, PolicyType.IDENTITY);
    return result.outcome();
  }

  @Test
  void noNewAccess_variableWiderThanOneUser_fails() {
    assertThat(newAccess(identity(allow("arn:aws:s3:::home/alice/*")), identity(allow(HOME))))
        .isEqualTo(CheckResult.Outcome.FAIL);
  }

  @Test
  void noNewAccess_oneUserWithinVariableWithCondition_passes() {
    String alice =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\":"
            + " \"arn:aws:s3:::home/alice/*\", \"Condition\": {\"StringEquals\":"
            + " {\"aws:username\": \"alice\"}}}";
    // The condition reads a list of one value as that value, a variable reads no value from it
    // (docs/semantics.md §7.1); but aws:username is single-valued, never a list (SingleValuedKeys).
    assertThat(REASONER.noNewAccess(identity(allow(HOME)), identity(alice), IDENTITY))
        .isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noNewAccess_oneOwnerWithinUnknownKeyVariableWithCondition_failsOnlyForAListOfOneValue() {
    String alice =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\":"
            + " \"arn:aws:s3:::home/alice/*\", \"Condition\": {\"StringEquals\":"
            + " {\"arbiter:owner\": \"alice\"}}}";
    CheckResult result =
        REASONER.noNewAccess(
            identity(allow("arn:aws:s3:::home/${arbiter:owner}/*")), identity(alice), IDENTITY);
    // A key the catalog does not know may be a list: the only request that differs.
    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    Request request = ((CheckResult.Fail) result).reasons().get(0).counterexample();
    assertThat(request.context().values("arbiter:owner")).contains(List.of("alice"));
    assertThat(request.context().value("arbiter:owner")).isEmpty();
  }

  @Test
  void noNewAccess_oneUserWithoutCondition_fails() {
    assertThat(newAccess(identity(allow(HOME)), identity(allow("arn:aws:s3:::home/alice/*"))))
        .isEqualTo(CheckResult.Outcome.FAIL);
  }

  @Test
  void noNewAccess_variableWithinWildcard_passes() {
    assertThat(newAccess(identity(allow("arn:aws:s3:::home/*")), identity(allow(HOME))))
        .isEqualTo(CheckResult.Outcome.PASS);
  }

  @Test
  void noNewAccess_variableAgainstOneCharacter_fails() {
    assertThat(newAccess(identity(allow("arn:aws:s3:::home/?/*")), identity(allow(HOME))))
        .isEqualTo(CheckResult.Outcome.FAIL);
  }

  @Test
  void noNewAccess_sameVariableStatementsAndAnAddedOne_passesOrFails() {
    Policy reference = identity(allow(HOME), deny("arn:aws:s3:::home/${aws:username}/secret"));
    Policy same = identity(deny("arn:aws:s3:::home/${aws:username}/secret"), allow(HOME));
    assertThat(REASONER.equivalent(reference, same, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    Policy wider = identity(allow(HOME), allow("arn:aws:s3:::shared/*"));
    assertThat(newAccess(reference, wider)).isEqualTo(CheckResult.Outcome.FAIL);
    Policy noDeny = identity(allow(HOME));
    assertThat(newAccess(reference, noDeny)).isEqualTo(CheckResult.Outcome.FAIL);
  }

  @Test
  void noNewAccess_defaultValue_isItsOwnCase() {
    Policy reference = identity(allow("arn:aws:s3:::home/${aws:username, 'nobody'}/*"));
    assertThat(newAccess(reference, identity(allow("arn:aws:s3:::home/nobody/*"))))
        .isEqualTo(CheckResult.Outcome.FAIL);
    assertThat(newAccess(identity(allow("arn:aws:s3:::home/*")), reference))
        .isEqualTo(CheckResult.Outcome.PASS);
  }

  @Test
  void noNewAccess_withoutVersion_readsBothWays() {
    // docs/semantics.md §12.8: without a Version an Allow applies only where ${...} read as text
    // and read as a variable both match: for a user literally named ${aws:username}.
    Policy plain = Policy.parse("{\"Statement\": [" + allow(HOME) + "]}");
    Policy versioned = identity(allow(HOME));
    assertThat(newAccess(versioned, plain)).isEqualTo(CheckResult.Outcome.PASS);
    CheckResult wider = REASONER.noNewAccess(plain, versioned, IDENTITY);
    assertThat(wider).isInstanceOf(CheckResult.Fail.class);
  }
}
