package dev.arbiter.iac;

import dev.arbiter.iac.cloudformation.CloudFormationReader;
import dev.arbiter.iac.terraform.TerraformPlans;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the policies out of infrastructure code: a CloudFormation template (JSON or YAML, CDK's
 * {@code cdk.out/*.template.json} included) or a Terraform plan, recognised from its content.
 *
 * <pre>{@code
 * Templates.Template template =
 *     Templates.read("stack.yaml", bytes, Optional.empty(), Templates.Options.DEFAULT);
 * for (EmbeddedPolicy policy : template.policies()) {
 *   Policy parsed = PolicyReader.read(policy.document());   // positions are the template's
 * }
 * }</pre>
 *
 * <p>Nothing is asked of AWS: values only a deployment knows come from {@link Options} or stand-ins
 * (docs/templates.md).
 */
public final class Templates {
  /** The longest template read: CloudFormation's limit for a template body in S3, 1 MB. */
  public static final int MAX_TEMPLATE_BYTES = 1_048_576;

  private Templates() {}

  /** What an input is. */
  public enum Kind {
    /** A CloudFormation template, JSON or YAML (SAM and CDK output included). */
    CLOUDFORMATION("cloudformation"),
    /** A {@code terraform show -json} plan. */
    TERRAFORM_PLAN("terraform-plan"),
    /** Neither: a policy document, or another file. */
    POLICY("policy");

    private final String cliName;

    Kind(String cliName) {
      this.cliName = cliName;
    }

    /** The name {@code --input} takes. */
    public String cliName() {
      return cliName;
    }

    /** The kind named {@code name} ({@link #cliName()}, any case). */
    public static Optional<Kind> fromName(String name) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (Kind kind : values()) {
        if (kind.cliName.equals(wanted)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * How values only a deployment knows are filled in.
   *
   * @param placeholders account, region and partition
   * @param givenPseudoParameters the pseudo parameters the user gave (for example {@code
   *     AWS::Region} after {@code --region}); only these, and {@code parameters}, decide a
   *     condition
   * @param parameters template parameter values the user gave ({@code --parameters})
   */
  public record Options(
      Placeholders placeholders,
      Set<String> givenPseudoParameters,
      Map<String, String> parameters) {
    /** The default placeholders, nothing given. */
    public static final Options DEFAULT = new Options(Placeholders.DEFAULT, Set.of(), Map.of());

    /** Copies the collections. */
    public Options {
      Objects.requireNonNull(placeholders, "placeholders");
      givenPseudoParameters = Set.copyOf(givenPseudoParameters);
      parameters = Map.copyOf(parameters);
    }
  }

  /**
   * A suppression written in the template: {@code Metadata: arbiter: ignore: [{code, reason}]} on a
   * resource, or at the top level for the whole template.
   *
   * @param resource the resource's logical ID, or "" for the whole template
   * @param code the check's code, or {@code *} for every check
   * @param reason why, as written
   * @param pointer where the entry is in the template
   * @param position where it starts
   */
  public record Ignore(
      String resource, String code, String reason, JsonPointer pointer, SourcePosition position) {
    /** Whether this ignore applies to a finding with {@code code} in {@code resourceId}. */
    public boolean covers(String resourceId, String findingCode) {
      return (resource.isEmpty() || resource.equals(resourceId))
          && (code.equals("*") || code.equals(findingCode));
    }
  }

  /**
   * A problem inside one part of a template or plan (a policy string that is not JSON, an unknown
   * short-form tag, a function that cannot be resolved, a malformed {@code Metadata} entry): that
   * part is not read, and the rest of the file is. AWS would reject the file for it, so it is
   * reported as an error at its place.
   *
   * @param resource the logical ID (CloudFormation) or address (Terraform) of the resource it is
   *     in, or "" when it is outside every resource
   * @param pointer where in the file
   * @param position where it starts
   * @param message what is wrong, without the location
   */
  public record Problem(
      String resource, JsonPointer pointer, SourcePosition position, String message) {
    /** Checks that nothing is null. */
    public Problem {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(message, "message");
    }

    /** The problem {@code e} describes, in {@code resource}. */
    public static Problem of(String resource, TemplateException e) {
      return new Problem(resource, e.location().pointer(), e.location().position(), e.problem());
    }
  }

  /**
   * What an input holds.
   *
   * @param kind what the input is; for {@link Kind#POLICY} nothing else is filled in
   * @param policies every policy document found, in template order
   * @param ignores the suppressions the template declares
   * @param cdkPaths the CDK construct path ({@code Metadata: aws:cdk:path}) of each resource that
   *     has one, by logical ID
   * @param problems the parts that could not be read, in file order; everything else was read
   */
  public record Template(
      Kind kind,
      List<EmbeddedPolicy> policies,
      List<Ignore> ignores,
      Map<String, String> cdkPaths,
      List<Problem> problems) {
    /** Copies the collections. */
    public Template {
      Objects.requireNonNull(kind, "kind");
      policies = List.copyOf(policies);
      ignores = List.copyOf(ignores);
      cdkPaths = Map.copyOf(cdkPaths);
      problems = List.copyOf(problems);
    }

    /** The result for an input that is not a template or plan. */
    public static Template notATemplate() {
      return new Template(Kind.POLICY, List.of(), List.of(), Map.of(), List.of());
    }
  }

  /**
   * Reads {@code bytes} (UTF-8) as the kind {@code forced} names, else as what its content shows;
   * input that is neither a template nor a plan gives a {@link Kind#POLICY} result with nothing in
   * it.
   *
   * <p>Only a file that cannot be read as a whole is an exception: not text, not JSON or YAML, not
   * a template or plan when forced to be one. A problem inside one resource's property is one of
   * {@link Template#problems()}, and every other policy is read.
   *
   * @param file the name, used only in messages
   * @throws TemplateException if the input is (or is forced to be) a template that cannot be read
   *     at all
   */
  public static Template read(String file, byte[] bytes, Optional<Kind> forced, Options options) {
    if (forced.isPresent() && forced.get() == Kind.POLICY) {
      return Template.notATemplate();
    }
    if (forced.isPresent() && forced.get() == Kind.TERRAFORM_PLAN) {
      return terraformPlan(bytes, options);
    }
    Optional<Template> template = CloudFormationReader.read(bytes, forced.isPresent(), options);
    if (template.isPresent()) {
      return template.get();
    }
    if (forced.isEmpty() && TerraformPlans.looksLikePlan(bytes)) {
      return terraformPlan(bytes, options);
    }
    return Template.notATemplate();
  }

  private static Template terraformPlan(byte[] bytes, Options options) {
    return TerraformPlans.read(bytes, options.placeholders());
  }
}
