package dev.arbiter.reason;

import static dev.arbiter.policy.PolicyType.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ConditionKeyInfo;
import dev.arbiter.catalog.Service;
import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The assumed invariant that a key AWS documents as single-valued is absent or has one value, never
 * a list (docs/reasoning.md, "Assumed invariants"; IAM User Guide, "Single-valued vs. multivalued
 * context keys"): a counterexample never gives such a key as a list, while a multivalued key such
 * as aws:TagKeys and a key the catalog does not know still may.
 */
class SingleValuedKeysTest {
  private static final Reasoner REASONER = Reasoner.create();

  @Test
  void documented_globalAndServiceKeys_asTheCatalogTypesThem() {
    assertThat(SingleValuedKeys.documented("aws:username")).isTrue();
    assertThat(SingleValuedKeys.documented("AWS:UserName")).isTrue();
    assertThat(SingleValuedKeys.documented("aws:principaltag/team")).isTrue();
    assertThat(SingleValuedKeys.documented("aws:SourceIp")).isTrue();
    assertThat(SingleValuedKeys.documented("s3:prefix")).isTrue();
    assertThat(SingleValuedKeys.documented("s3:max-keys")).isTrue();

    assertThat(SingleValuedKeys.documented("aws:TagKeys")).isFalse();
    assertThat(SingleValuedKeys.documented("aws:PrincipalOrgPaths")).isFalse();
    assertThat(SingleValuedKeys.documented("aws:CalledVia")).isFalse();
    assertThat(SingleValuedKeys.documented("arbiter:owner")).isFalse();
    assertThat(SingleValuedKeys.documented("s3:no-such-key")).isFalse();
  }

  /**
   * The invariant has one source: a key name that two services list with types of different kinds
   * would make "documented single-valued" depend on which page is read first.
   */
  @Test
  void catalog_noKeyNameListedBothSingleAndMultivalued() {
    Map<String, Boolean> multivalued = new HashMap<>();
    for (ConditionKeyInfo key : Catalog.get().globalConditionKeys()) {
      multivalued.put(key.name().toLowerCase(Locale.ROOT), key.isMultivalued());
    }
    for (Service service : Catalog.get().services()) {
      for (ConditionKeyInfo key : service.conditionKeys()) {
        Boolean before =
            multivalued.putIfAbsent(key.name().toLowerCase(Locale.ROOT), key.isMultivalued());
        assertThat(before == null || before == key.isMultivalued())
            .as("%s of %s", key, service.prefix())
            .isTrue();
      }
    }
  }

  private static Policy policy(String statement) {
    return Policy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}");
  }

  /** A Resource with ${KEY} for every caller, against KEY's own folder under StringEquals. */
  private static CheckResult ownFolder(String key) {
    Policy variable =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::home/${"
                + key
                + "}/*\"}");
    Policy alice =
        policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::home/alice/*\","
                + " \"Condition\": {\"StringEquals\": {\""
                + key
                + "\": \"alice\"}}}");
    return REASONER.noNewAccess(variable, alice, IDENTITY);
  }

  @Test
  void noNewAccess_singleValuedKey_neverAList_passes() {
    // Only a list of one value tells the two apart (a condition reads its value, a variable none,
    // docs/semantics.md §7.1), and AWS never sends aws:username as a list.
    assertThat(ownFolder("aws:username")).isEqualTo(new CheckResult.Pass());
    assertThat(ownFolder("aws:PrincipalTag/owner")).isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noNewAccess_multivaluedKey_listOfOneValue_fails() {
    CheckResult result = ownFolder("aws:TagKeys");

    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    Request request = ((CheckResult.Fail) result).reasons().get(0).counterexample();
    assertThat(request.context().isMultivalued("aws:TagKeys")).isTrue();
    assertThat(request.context().values("aws:TagKeys")).contains(List.of("alice"));
  }

  @Test
  void noNewAccess_unknownKey_listOfOneValue_fails() {
    CheckResult result = ownFolder("arbiter:owner");

    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    Request request = ((CheckResult.Fail) result).reasons().get(0).counterexample();
    assertThat(request.context().isMultivalued("arbiter:owner")).isTrue();
    assertThat(request.context().values("arbiter:owner")).contains(List.of("alice"));
  }

  /**
   * NumericNotEquals 5 against less than, greater than and absent: they differ only on lists of
   * values that each differ from 5 (docs/semantics.md §12.1).
   */
  private static CheckResult notFive(String key) {
    String test =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\","
            + " \"Condition\": {\"%s\": {\""
            + key
            + "\": \"%s\"}}}";
    Policy reference =
        policy(
            String.join(
                ", ",
                test.formatted("NumericLessThan", "5"),
                test.formatted("NumericGreaterThan", "5"),
                test.formatted("Null", "true")));
    Policy candidate = policy(test.formatted("NumericNotEquals", "5"));
    return REASONER.noNewAccess(reference, candidate, IDENTITY);
  }

  @Test
  void noNewAccess_singleValuedNumericKey_noListOfSeveral_passes() {
    assertThat(notFive("s3:max-keys")).isEqualTo(new CheckResult.Pass());
  }

  @Test
  void noNewAccess_unknownNumericKey_listOfSeveral_fails() {
    CheckResult result = notFive("arbiter:count");

    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    Request request = ((CheckResult.Fail) result).reasons().get(0).counterexample();
    assertThat(request.context().isMultivalued("arbiter:count")).isTrue();
    assertThat(request.context().values("arbiter:count").orElseThrow()).hasSizeGreaterThan(1);
  }
}
