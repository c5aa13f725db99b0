package dev.arbiter.iac.terraform;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.TemplateException;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the policy documents of a Terraform plan, as {@code terraform show -json PLANFILE} writes
 * it (format 0.x and 1.x; members this reader does not know are ignored). {@code terraform show
 * -json} of a state is read the same way.
 *
 * <p>What is read, in order: {@code resource_changes[].change.after} with {@code after_unknown}
 * (resources the plan deletes are skipped), then the resources of {@code planned_values}, {@code
 * prior_state} and {@code values} not already read, each module tree with its child modules. Each
 * resource instance is read once, under its address ({@code module.a.aws_iam_role.r["x"]}).
 *
 * <ul>
 *   <li>Every policy-bearing attribute of the AWS provider's resource types (see
 *       docs/terraform.md), with its policy type and, for resource policies, the resource type
 *       Access Analyzer's {@code ValidatePolicy} would be told. The attribute is a JSON string; its
 *       value is read with the project's JSON reader, and each element's position is its exact
 *       place in the plan (docs/terraform.md, "Positions").
 *   <li>{@code aws_organizations_policy} {@code content} as a service or resource control policy by
 *       its {@code type}; other Organizations policy types are not IAM policies and are skipped, as
 *       is a policy whose {@code type} is itself unknown.
 *   <li>{@code aws_lambda_permission}: the statement Lambda writes for it.
 *   <li>{@code data.aws_iam_policy_document} {@code json}, unless a resource attribute of the plan
 *       already holds it (configured from it, or with the same content); otherwise it is read as
 *       the policy type of the resource the configuration feeds it to, or, with none, the type its
 *       content shows.
 * </ul>
 *
 * <p>A value the plan leaves unknown ({@code after_unknown}) is reported, not skipped and not an
 * error: a wholly unknown document is a {@link Json.Null} at the {@code after_unknown} entry with
 * the root pointer in {@link EmbeddedPolicy#unknowns()}; an unknown field of a synthesized Lambda
 * statement is listed by its pointer. An attribute that is unknown only because the provider
 * computes it (the configuration does not set it, such as a bucket's {@code policy}) holds no
 * policy of its own and is skipped.
 */
public final class TerraformPlans {
  /** Plans run to tens of megabytes; nesting follows module and value depth. */
  private static final Limits LIMITS = new Limits(512 * 1024 * 1024, 1000);

  private static final Set<String> PLAN_MEMBERS =
      Set.of(
          "planned_values",
          "resource_changes",
          "prior_state",
          "configuration",
          "terraform_version",
          "values");

  private TerraformPlans() {}

  /**
   * Whether {@code root} is a plan (or state) written by {@code terraform show -json}: an object
   * with a string {@code format_version} and one of its other top-level members.
   */
  public static boolean looksLikePlan(Json root) {
    if (!(root instanceof Json.Obj object)
        || !(object.get("format_version").orElse(null) instanceof Json.Str)) {
      return false;
    }
    for (Json.Member member : object.members()) {
      if (PLAN_MEMBERS.contains(member.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code content} is a plan (or state) written by {@code terraform show -json}, in any
   * encoding {@link #read} accepts; false for anything it cannot decode or read.
   */
  public static boolean looksLikePlan(byte[] content) {
    try {
      return looksLikePlan(JsonReader.read(PlanText.decode(content), LIMITS));
    } catch (TemplateException | JsonReadException e) {
      return false;
    }
  }

  /**
   * Reads the policy documents of a plan.
   *
   * @param content the file: UTF-8 (with or without a byte-order mark), or UTF-16 with a byte-order
   *     mark
   * @param placeholders the account, region and partition of ARNs the plan does not give
   * @return every document, in plan order, data sources last; a policy string that is not JSON is
   *     one of the {@link Templates.Template#problems() problems}, and the rest is read
   * @throws TemplateException if the content is not text, not JSON, or not a plan of format 0.x or
   *     1.x
   */
  public static Templates.Template read(byte[] content, Placeholders placeholders) {
    PlanText text = new PlanText(PlanText.decode(content));
    Json root;
    try {
      root = JsonReader.read(text.text(), LIMITS);
    } catch (JsonReadException e) {
      throw new TemplateException(
          JsonPointer.ROOT, e.problem().position(), "not JSON: " + e.problem().message());
    }
    if (!looksLikePlan(root)) {
      throw new TemplateException(
          JsonPointer.ROOT,
          root.position(),
          "not a Terraform plan: expected the output of terraform show -json, an object with"
              + " format_version and planned_values");
    }
    Json.Obj plan = (Json.Obj) root;
    Json.Str version = (Json.Str) plan.get("format_version").orElseThrow();
    if (!version.value().matches("[01](\\.[0-9]+)*")) {
      throw new TemplateException(
          JsonPointer.ROOT,
          version.position(),
          "plan format_version "
              + version.value()
              + " is not supported; this reader knows formats 0.x and 1.x");
    }
    PlanReader reader = new PlanReader(text, plan, placeholders);
    List<EmbeddedPolicy> policies = reader.read();
    return new Templates.Template(
        Templates.Kind.TERRAFORM_PLAN, policies, List.of(), Map.of(), reader.problems());
  }
}
