package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that depend on which resource a resource-based policy is attached to. Access Analyzer runs
 * them when it is told the resource type (an S3 bucket, a DynamoDB table, ...); a policy file does
 * not say it, so this rule recognises only documents that can only be the policy of an S3 bucket or
 * of a DynamoDB table: every statement has a principal, every action is of that service (s3 or
 * dynamodb, no NotAction), and some Resource names a bucket ({@code arn:aws:s3:::NAME...}) or a
 * table ({@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME...}). Other resource policies (KMS key
 * policies, queues, topics, ...) are not judged.
 *
 * <ul>
 *   <li>UNSUPPORTED_RESOURCE_ARN_IN_POLICY: a Resource ARN of another service, such as a KMS key in
 *       a bucket policy (AWS's example).
 *   <li>POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: more than 20 KB, the documented quota of both
 *       bucket policies and DynamoDB resource-based policies, counted without whitespace (so that
 *       only a document over the quota however counted is reported).
 *   <li>IRRELEVANT_CONDITION_KEY_IN_POLICY: s3:ResourceAccount in a bucket policy (AWS's example:
 *       the resource is always the policy's own bucket). Access Analyzer's full list of keys per
 *       policy type is not public.
 * </ul>
 */
final class BucketAndTablePolicyRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check UNSUPPORTED_RESOURCE_ARN_IN_POLICY =
      CHECKS.aws(
          "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
          ERROR,
          "A resource ARN of another service in a bucket or table policy.",
          "A resource-based policy governs only the resource it is attached to: a bucket policy"
              + " its bucket and objects, a table policy its table, streams and indexes. An ARN of"
              + " another service, such as a KMS key, matches nothing here; grant access to it in"
              + " that resource's own policy.");
  static final Check POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA =
      CHECKS.aws(
          "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
          WARNING,
          "The bucket or table policy is longer than its 20 KB quota.",
          "S3 bucket policies and DynamoDB resource-based policies may hold at most 20 KB."
              + " Shorten the policy: merge statements, or use wildcards and conditions instead of"
              + " long lists.");
  static final Check IRRELEVANT_CONDITION_KEY_IN_POLICY =
      CHECKS.aws(
          "IRRELEVANT_CONDITION_KEY_IN_POLICY",
          SUGGESTION,
          "A condition key that is always the same in this kind of resource policy.",
          "s3:ResourceAccount is the account that owns the bucket, which in a bucket policy is"
              + " always the policy's own bucket; the condition adds nothing there. Use it in"
              + " identity-based, endpoint or control policies instead.");

  /** The resources whose policies this rule recognises. */
  enum Kind {
    S3_BUCKET("s3", "an S3 bucket policy"),
    DYNAMODB_TABLE("dynamodb", "a DynamoDB table policy");

    private final String service;
    private final String description;

    Kind(String service, String description) {
      this.service = service;
      this.description = description;
    }
  }

  /** The documented size quota of both kinds: 20 KB. */
  static final int QUOTA = 20 * 1024;

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    if (context.type() != PolicyType.RESOURCE) {
      return;
    }
    Optional<Kind> kind = kind(context.policy());
    if (kind.isEmpty()) {
      return;
    }
    for (Statement statement : context.policy().statements()) {
      for (ResourcePattern resource :
          statement.resources().map(Resources::patterns).orElse(List.of())) {
        Optional<Arn> arn = resource.arn();
        if (arn.isEmpty()) {
          continue;
        }
        String service = arn.get().service();
        if (!service.isEmpty()
            && CatalogView.firstPatternCharacter(service) == service.length()
            && !service.equalsIgnoreCase(kind.get().service)) {
          context.report(
              UNSUPPORTED_RESOURCE_ARN_IN_POLICY,
              resource.location(),
              quote(resource.text())
                  + " is a resource of "
                  + service
                  + ", which "
                  + kind.get().description
                  + " does not govern; grant access to it in its own policy");
        }
      }
      if (kind.get() == Kind.S3_BUCKET) {
        for (Condition condition : statement.conditions()) {
          if (condition.key().normalized().equals("s3:resourceaccount")) {
            context.report(
                IRRELEVANT_CONDITION_KEY_IN_POLICY,
                condition.location(),
                condition.key().name()
                    + " is always the account of this bucket in its bucket policy; remove the"
                    + " condition");
          }
        }
      }
    }
    byte[] bytes = context.bytes();
    if (bytes.length > QUOTA) {
      int size = PolicySizeRule.nonWhitespaceCharacters(bytes);
      if (size > QUOTA) {
        context.report(
            POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA,
            context.policy().location(),
            "the policy has "
                + size
                + " characters without whitespace; "
                + kind.get().description
                + " may have at most 20 KB ("
                + QUOTA
                + "); shorten it");
      }
    }
  }

  /** The kind of resource the policy can only belong to, if it is one this rule knows. */
  static Optional<Kind> kind(Policy policy) {
    Optional<Kind> found = Optional.empty();
    boolean named = false;
    for (Statement statement : policy.statements()) {
      if (statement.principals().isEmpty() || statement.actions().negated()) {
        return Optional.empty();
      }
      for (ActionPattern action : statement.actions().patterns()) {
        if (!action.isWellFormed() || action.isAll()) {
          return Optional.empty();
        }
        Optional<Kind> of = kindOfService(action.service());
        if (of.isEmpty() || (found.isPresent() && found.get() != of.get())) {
          return Optional.empty();
        }
        found = of;
      }
      for (ResourcePattern resource :
          statement.resources().map(Resources::patterns).orElse(List.of())) {
        named |= found.isPresent() && names(found.get(), resource);
      }
    }
    return named ? found : Optional.empty();
  }

  private static Optional<Kind> kindOfService(String service) {
    for (Kind kind : Kind.values()) {
      if (kind.service.equals(service.toLowerCase(Locale.ROOT))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Whether the pattern names a bucket (or its objects) or a table (or its parts). */
  private static boolean names(Kind kind, ResourcePattern resource) {
    Optional<Arn> arn = resource.arn();
    if (arn.isEmpty() || !arn.get().service().equals(kind.service)) {
      return false;
    }
    String rest = arn.get().resource();
    return switch (kind) {
      case S3_BUCKET ->
          arn.get().region().isEmpty()
              && arn.get().account().isEmpty()
              && !rest.isEmpty()
              && CatalogView.firstPatternCharacter(rest) > 0;
      case DYNAMODB_TABLE ->
          rest.startsWith("table/") && CatalogView.firstPatternCharacter(rest) > "table/".length();
    };
  }
}
