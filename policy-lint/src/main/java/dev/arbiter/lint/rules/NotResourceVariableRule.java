package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.SECURITY_WARNING;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.internal.VersionReadings;
import java.util.List;
import java.util.Set;

/**
 * An Allow whose {@code NotResource} holds a policy variable that may have no value in a request
 * (docs/semantics.md §7.5, §12.7). AWS's text is split on what such an entry does: it "matches no
 * resource", so the statement would grant every resource the NotResource was meant to keep out, or
 * it makes the statement invalid. Arbiter's evaluator grants nothing in that case (§12.0), and AWS
 * may grant everything; either way the statement does not do what it says.
 *
 * <p>A variable is safe when it has a default ({@code ${key, 'x'}}) or its key is in every request
 * that can reach the policy: the time and transport keys always, and the principal keys AWS derives
 * from the caller in the policies that only IAM principals meet (identity-based policies,
 * boundaries, session policies, SCPs); a resource policy may also meet anonymous callers, who have
 * none ([gkeys] in docs/semantics.md §14).
 */
final class NotResourceVariableRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check ALLOW_NOT_RESOURCE_WITH_UNRESOLVABLE_VARIABLE =
      CHECKS.own(
          "ALLOW_NOT_RESOURCE_WITH_UNRESOLVABLE_VARIABLE",
          SECURITY_WARNING,
          "An Allow's NotResource uses a policy variable that may have no value.",
          "When a request lacks the variable's key, AWS documents that the entry matches no"
              + " resource, so the Allow would cover every resource, the ones the entry names"
              + " included; elsewhere it says the statement is invalid. Give the variable a default"
              + " (${aws:PrincipalTag/team, 'none'}), use Resource with a condition instead, or"
              + " add a Null condition requiring the key.");

  /** Keys in every request (global condition keys page, "always included"). */
  private static final Set<String> ALWAYS =
      Set.of(
          "aws:currenttime",
          "aws:epochtime",
          "aws:securetransport",
          "aws:viaawsservice",
          "aws:principalisawsservice");

  /** Keys AWS derives from every IAM principal (absent for anonymous callers). */
  private static final Set<String> IAM_PRINCIPAL =
      Set.of("aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:userid");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    // Without a Version, ${...} may be read as a variable too (docs/semantics.md §12.8).
    Policy policy =
        context.policy().variablesEnabled()
            ? context.policy()
            : VersionReadings.substituted(context.policy()).orElse(null);
    if (policy == null) {
      return;
    }
    boolean iamOnly = onlyIamCallers(context.type());
    for (Statement statement : policy.statements()) {
      if (statement.effect() != Effect.ALLOW || statement.resources().isEmpty()) {
        continue;
      }
      Resources resources = statement.resources().get();
      if (!resources.negated()) {
        continue;
      }
      for (ResourcePattern pattern : resources.patterns()) {
        for (Template.Part part : pattern.template().parts()) {
          if (part instanceof Template.Variable variable && mayBeAbsent(variable, iamOnly)) {
            context.report(
                ALLOW_NOT_RESOURCE_WITH_UNRESOLVABLE_VARIABLE,
                pattern.location(),
                "NotResource entry "
                    + pattern.text()
                    + " uses ${"
                    + variable.key().name()
                    + "}, which a request may lack; then AWS reads the entry as matching no"
                    + " resource, and this Allow would cover every resource (docs/semantics.md"
                    + " §7.5, §12.7)");
            break;
          }
        }
      }
    }
  }

  private static boolean mayBeAbsent(Template.Variable variable, boolean iamOnly) {
    if (variable.defaultValue().isPresent()) {
      return false;
    }
    String key = variable.key().normalized();
    return !ALWAYS.contains(key) && !(iamOnly && IAM_PRINCIPAL.contains(key));
  }

  /** Whether only IAM principals meet policies of this type (no anonymous callers or services). */
  private static boolean onlyIamCallers(PolicyType type) {
    return switch (type) {
      case IDENTITY, PERMISSIONS_BOUNDARY, SESSION, SCP -> true;
      default -> false;
    };
  }
}
