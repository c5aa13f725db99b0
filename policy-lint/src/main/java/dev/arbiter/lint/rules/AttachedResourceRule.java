package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that depend on what a resource-based policy is attached to ({@link PolicyResourceType}, as
 * Access Analyzer is told {@code validatePolicyResourceType}). The type is given ({@code
 * --resource-type}, the library's builder, {@code .arbiter.yaml}) or inferred by {@link #infer}
 * where the policy's ARNs fit only one type; an inferred type is named in the messages.
 *
 * <ul>
 *   <li>UNSUPPORTED_RESOURCE_ARN_IN_POLICY: a Resource that the attached resource does not govern.
 *       With a given type, every Resource must have that resource's ARN form: a bucket policy names
 *       its bucket and objects ({@code arn:aws:s3:::NAME...}), an access point policy its access
 *       point ({@code arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME...}), a Multi-Region Access Point
 *       policy {@code arn:aws:s3::ACCOUNT:accesspoint/NAME...}; {@code "*"} is reported too (Access
 *       Analyzer's answer for {@code "Resource": "*"} in a bucket policy, recorded in
 *       terraform-iam-policy-validator's example report 3). With an inferred type, only ARNs of
 *       another service are reported (AWS's example: a KMS key in a bucket policy).
 *   <li>MISSING_RESOURCE: with a given type other than a role trust policy, a statement without
 *       Resource or NotResource (a generic resource policy may leave it out).
 *   <li>POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: more than 20 KB, the documented quota of bucket
 *       policies and DynamoDB resource-based policies, counted without whitespace (so that only a
 *       document over the quota however counted is reported).
 *   <li>IRRELEVANT_CONDITION_KEY_IN_POLICY: s3:ResourceAccount in a bucket policy (AWS's example:
 *       the resource is always the policy's own bucket). Access Analyzer's full list of keys per
 *       policy type is not public.
 * </ul>
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html">ValidatePolicy</a>
 */
final class AttachedResourceRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check UNSUPPORTED_RESOURCE_ARN_IN_POLICY =
      CHECKS.aws(
          "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
          ERROR,
          "A Resource that the resource the policy is attached to does not govern.",
          "A resource-based policy governs only the resource it is attached to: a bucket policy"
              + " its bucket and objects, an access point policy its access point, a table policy"
              + " its table and indexes. Another ARN, or \"*\", matches nothing there; name the"
              + " resource itself, and grant access to other resources in their own policies. Give"
              + " the resource type (--resource-type) so that this check knows it.");
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

  /** The documented size quota of bucket and DynamoDB policies: 20 KB. */
  static final int QUOTA = 20 * 1024;

  /** The types {@link #infer} can tell apart by their ARNs. */
  private static final List<PolicyResourceType> INFERABLE =
      List.of(
          PolicyResourceType.S3_BUCKET,
          PolicyResourceType.S3_ACCESS_POINT,
          PolicyResourceType.S3_MULTI_REGION_ACCESS_POINT,
          PolicyResourceType.DYNAMODB_TABLE);

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    if (context.type() != PolicyType.RESOURCE || context.resourceType().isEmpty()) {
      return;
    }
    PolicyResourceType type = context.resourceType().get();
    boolean given = !context.resourceTypeInferred();
    String as =
        given
            ? type.description()
            : type.description()
                + " (inferred from its ARNs; give --resource-type to say what it is attached to)";
    for (Statement statement : context.policy().statements()) {
      if (statement.resources().isEmpty()) {
        if (given) {
          context.report(
              ParseAndValidateChecks.MISSING_RESOURCE,
              statement.location(),
              "a statement in "
                  + type.description()
                  + " needs a Resource naming "
                  + what(type)
                  + "; add one");
        }
        continue;
      }
      Resources resources = statement.resources().get();
      if (!resources.negated()) {
        for (ResourcePattern resource : resources.patterns()) {
          unsupported(context, type, given, as, resource);
        }
      }
      if (type == PolicyResourceType.S3_BUCKET) {
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
    if (bytes.length > QUOTA && hasQuota(type)) {
      int size = PolicySizeRule.nonWhitespaceCharacters(bytes);
      if (size > QUOTA) {
        context.report(
            POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA,
            context.policy().location(),
            "the policy has "
                + size
                + " characters without whitespace; "
                + as
                + " may have at most 20 KB ("
                + QUOTA
                + "); shorten it");
      }
    }
  }

  private static void unsupported(
      RuleContext context,
      PolicyResourceType type,
      boolean given,
      String as,
      ResourcePattern resource) {
    if (resource.isAll()) {
      if (given) {
        context.report(
            UNSUPPORTED_RESOURCE_ARN_IN_POLICY,
            resource.location(),
            "\"*\" is not a resource of "
                + as
                + ", which governs only "
                + what(type)
                + "; name it");
      }
      return;
    }
    Optional<Arn> parsed = resource.arn();
    if (parsed.isEmpty()) {
      return; // not an ARN: the ARN checks report it
    }
    Arn arn = parsed.get();
    String service = arn.service();
    if (service.isEmpty() || CatalogView.firstPatternCharacter(service) != service.length()) {
      return;
    }
    boolean otherService = !service.equalsIgnoreCase(service(type));
    if (otherService || (given && !fits(type, arn))) {
      context.report(
          UNSUPPORTED_RESOURCE_ARN_IN_POLICY,
          resource.location(),
          quote(resource.text())
              + (otherService ? " is a resource of " + service + ", which " : " is not ")
              + (otherService ? as + " does not govern" : what(type) + ", which " + as + " governs")
              + "; grant access to it in its own policy");
    }
  }

  /** The service prefix of the ARNs of {@code type}. */
  private static String service(PolicyResourceType type) {
    return switch (type) {
      case S3_BUCKET, S3_ACCESS_POINT, S3_MULTI_REGION_ACCESS_POINT -> "s3";
      case S3_OBJECT_LAMBDA_ACCESS_POINT -> "s3-object-lambda";
      case S3_EXPRESS_DIRECTORY_BUCKET -> "s3express";
      case DYNAMODB_TABLE, DYNAMODB_STREAM -> "dynamodb";
      case IAM_ASSUME_ROLE_POLICY_DOCUMENT -> "iam";
    };
  }

  /** What a policy of {@code type} governs, for messages. */
  private static String what(PolicyResourceType type) {
    return switch (type) {
      case S3_BUCKET -> "its bucket and objects (arn:aws:s3:::BUCKET, arn:aws:s3:::BUCKET/KEY)";
      case S3_ACCESS_POINT ->
          "its access point (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME, .../object/KEY)";
      case S3_MULTI_REGION_ACCESS_POINT ->
          "its Multi-Region Access Point (arn:aws:s3::ACCOUNT:accesspoint/ALIAS, .../object/KEY)";
      case S3_OBJECT_LAMBDA_ACCESS_POINT ->
          "its Object Lambda access point"
              + " (arn:aws:s3-object-lambda:REGION:ACCOUNT:accesspoint/NAME)";
      case S3_EXPRESS_DIRECTORY_BUCKET ->
          "its directory bucket (arn:aws:s3express:REGION:ACCOUNT:bucket/NAME)";
      case DYNAMODB_TABLE ->
          "its table and indexes (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME...)";
      case DYNAMODB_STREAM ->
          "its stream (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL)";
      case IAM_ASSUME_ROLE_POLICY_DOCUMENT -> "its role";
    };
  }

  private static boolean hasQuota(PolicyResourceType type) {
    return type == PolicyResourceType.S3_BUCKET
        || type == PolicyResourceType.DYNAMODB_TABLE
        || type == PolicyResourceType.DYNAMODB_STREAM;
  }

  /**
   * Whether an ARN of the type's service can have the form of {@code type}'s ARNs: Region and
   * account present or absent as the form has them, and the resource part starting as it does. A
   * field with a wildcard or variable may be anything.
   */
  static boolean fits(PolicyResourceType type, Arn arn) {
    return switch (type) {
      case S3_BUCKET -> absent(arn.region()) && absent(arn.account()) && !arn.resource().isEmpty();
      case S3_ACCESS_POINT, S3_OBJECT_LAMBDA_ACCESS_POINT ->
          present(arn.region()) && present(arn.account()) && starts(arn.resource(), "accesspoint/");
      case S3_MULTI_REGION_ACCESS_POINT ->
          absent(arn.region()) && present(arn.account()) && starts(arn.resource(), "accesspoint/");
      case S3_EXPRESS_DIRECTORY_BUCKET ->
          present(arn.region()) && present(arn.account()) && starts(arn.resource(), "bucket/");
      case DYNAMODB_TABLE, DYNAMODB_STREAM ->
          present(arn.region()) && present(arn.account()) && starts(arn.resource(), "table/");
      case IAM_ASSUME_ROLE_POLICY_DOCUMENT -> true;
    };
  }

  private static boolean pattern(String field) {
    return CatalogView.firstPatternCharacter(field) < field.length();
  }

  private static boolean absent(String field) {
    return field.isEmpty() || pattern(field);
  }

  private static boolean present(String field) {
    return !field.isEmpty();
  }

  /** Whether {@code resource} starts with {@code prefix}, or can, up to its first wildcard. */
  private static boolean starts(String resource, String prefix) {
    int literal = CatalogView.firstPatternCharacter(resource);
    if (literal == resource.length()) {
      return resource.startsWith(prefix);
    }
    String head = resource.substring(0, literal);
    return head.startsWith(prefix) || prefix.startsWith(head);
  }

  /**
   * The type a resource-based policy can only be attached to, judged by its contents: every
   * statement has a principal, every action is of the type's service (no NotAction, no {@code *}),
   * and every ARN of that service fits only that type's form (and some does). Other resource
   * policies (KMS key policies, queues, topics, ...) get no type.
   */
  static Optional<PolicyResourceType> infer(Policy policy) {
    String service = null;
    for (Statement statement : policy.statements()) {
      if (statement.principals().isEmpty() || statement.actions().negated()) {
        return Optional.empty();
      }
      for (ActionPattern action : statement.actions().patterns()) {
        if (!action.isWellFormed() || action.isAll()) {
          return Optional.empty();
        }
        String of = action.service().toLowerCase(Locale.ROOT);
        if (!of.equals("s3") && !of.equals("dynamodb")) {
          return Optional.empty();
        }
        if (service != null && !service.equals(of)) {
          return Optional.empty();
        }
        service = of;
      }
    }
    if (service == null) {
      return Optional.empty();
    }
    Set<PolicyResourceType> candidates = EnumSet.noneOf(PolicyResourceType.class);
    for (PolicyResourceType type : INFERABLE) {
      if (service(type).equals(service)) {
        candidates.add(type);
      }
    }
    boolean named = false;
    for (Statement statement : policy.statements()) {
      for (ResourcePattern resource :
          statement.resources().map(Resources::patterns).orElse(List.of())) {
        Optional<Arn> arn = resource.arn();
        if (arn.isEmpty() || !arn.get().service().equals(service)) {
          continue;
        }
        if (arn.get().resource().isEmpty()
            || CatalogView.firstPatternCharacter(arn.get().resource()) == 0) {
          return Optional.empty(); // arn:aws:s3:::* can be of any kind
        }
        candidates.removeIf(type -> !fits(type, arn.get()));
        named = true;
      }
    }
    return named && candidates.size() == 1
        ? Optional.of(candidates.iterator().next())
        : Optional.empty();
  }
}
