package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.PrincipalType;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of role trust policies: federated principals, their actions and conditions. */
final class RoleTrustPolicyRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY =
      CHECKS.aws(
          "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
          ERROR,
          "A Federated principal is neither a provider ARN nor an identity provider's domain.",
          "Federated principals are a SAML provider ARN (arn:aws:iam::111122223333:"
              + "saml-provider/Name), an OIDC provider ARN (arn:aws:iam::111122223333:"
              + "oidc-provider/host) or a web identity provider's domain such as"
              + " cognito-identity.amazonaws.com.");
  static final Check MISMATCHED_ACTION_FOR_PRINCIPAL =
      CHECKS.aws(
          "MISMATCHED_ACTION_FOR_PRINCIPAL",
          ERROR,
          "An sts:AssumeRole* action does not fit any principal of its statement.",
          "SAML providers assume roles with sts:AssumeRoleWithSAML, OIDC and web identity"
              + " providers with sts:AssumeRoleWithWebIdentity, AWS principals and services with"
              + " sts:AssumeRole. Use the action that matches the principal.");
  static final Check MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY =
      CHECKS.aws(
          "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
          ERROR,
          "IAM Roles Anywhere is trusted without all the actions it needs.",
          "A role that rolesanywhere.amazonaws.com assumes must allow it sts:AssumeRole,"
              + " sts:SetSourceIdentity and sts:TagSession.");
  static final Check MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL =
      CHECKS.aws(
          "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
          SECURITY_WARNING,
          "An OIDC provider is trusted without any condition on its claims.",
          "Without conditions on the provider's claims (such as its aud and sub keys) every"
              + " identity that provider issues tokens for can assume the role. Add conditions"
              + " on the audience and subject.");
  static final Check MISSING_GITHUB_REPO_CONDITION_KEY =
      CHECKS.aws(
          "MISSING_GITHUB_REPO_CONDITION_KEY",
          SECURITY_WARNING,
          "GitHub Actions is trusted without a condition on the repository (sub).",
          "Without token.actions.githubusercontent.com:sub any GitHub repository's workflow can"
              + " assume the role. Add a condition such as \"StringEquals\":"
              + " {\"token.actions.githubusercontent.com:sub\":"
              + " \"repo:my-org/my-repo:ref:refs/heads/main\"}.");
  static final Check REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY =
      CHECKS.aws(
          "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
          SUGGESTION,
          "An assumed-role session is listed together with its role.",
          "Trusting a role already trusts each of its sessions; remove the session ARN.");
  static final Check ROLE_ASSUMABLE_BY_ANY_PRINCIPAL =
      CHECKS.own(
          "ROLE_ASSUMABLE_BY_ANY_PRINCIPAL",
          SECURITY_WARNING,
          "A role trust policy lets any AWS principal, in any account, assume the role.",
          "{\"AWS\": \"*\"} trusts every principal of every AWS account. Name the trusted"
              + " accounts or roles, or restrict the statement with a condition on"
              + " aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn.");

  private static final Pattern SAML =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:saml-provider/[\\w+=,.@-]+");
  private static final Pattern OIDC =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/[A-Za-z0-9.-]+(/[^\\s]*)?");
  private static final Pattern DOMAIN =
      Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(/[^\\s]*)?");

  /** Keys that tie a statement to known principals (docs/semantics.md §5). */
  private static final Set<String> RESTRICTING_KEYS =
      Set.of(
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:sourceaccount",
          "aws:sourcearn",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:userid",
          "aws:username");

  private static final List<String> ROLES_ANYWHERE_ACTIONS =
      List.of("sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    if (context.type() != PolicyType.TRUST) {
      return;
    }
    List<String> rolesAnywhereActions = new ArrayList<>();
    SourceLocation rolesAnywhere = null;
    for (Statement statement : context.policy().statements()) {
      if (statement.principals().isEmpty() || statement.principals().get().negated()) {
        continue;
      }
      Principals principals = statement.principals().get();
      for (Principal principal : principals.of(PrincipalType.FEDERATED)) {
        federatedSyntax(context, principal);
      }
      if (statement.effect() != Effect.ALLOW) {
        continue;
      }
      mismatchedActions(context, statement, principals);
      oidcConditions(context, statement, principals);
      redundantSessions(context, principals);
      anyPrincipal(context, statement, principals);
      for (Principal principal : principals.of(PrincipalType.SERVICE)) {
        if (principal.value().equals("rolesanywhere.amazonaws.com")
            && !statement.actions().negated()) {
          if (rolesAnywhere == null) {
            rolesAnywhere = principal.location();
          }
          statement.actions().patterns().forEach(a -> rolesAnywhereActions.add(a.text()));
        }
      }
    }
    if (rolesAnywhere != null) {
      List<String> missing = new ArrayList<>();
      for (String required : ROLES_ANYWHERE_ACTIONS) {
        if (rolesAnywhereActions.stream()
            .noneMatch(
                p ->
                    Glob.of(p.toLowerCase(Locale.ROOT))
                        .matches(required.toLowerCase(Locale.ROOT)))) {
          missing.add(required);
        }
      }
      if (!missing.isEmpty()) {
        context.report(
            MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY,
            rolesAnywhere,
            "IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession;"
                + " add "
                + String.join(", ", missing));
      }
    }
  }

  private static void federatedSyntax(RuleContext context, Principal principal) {
    String value = principal.value();
    if (SAML.matcher(value).matches()
        || OIDC.matcher(value).matches()
        || (!value.startsWith("arn:") && DOMAIN.matcher(value).matches())) {
      return;
    }
    context.report(
        INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY,
        principal.location(),
        "Federated principal "
            + quote(value)
            + " is not a SAML or OIDC provider ARN (arn:aws:iam::111122223333:saml-provider/Name,"
            + " ...:oidc-provider/host) or an identity provider domain");
  }

  /** Which kinds of principal a statement names, for matching them with actions. */
  private record Kinds(boolean saml, boolean webIdentity, boolean aws) {}

  private static Kinds kinds(Principals principals) {
    boolean saml = false;
    boolean web = false;
    for (Principal principal : principals.of(PrincipalType.FEDERATED)) {
      if (principal.value().contains(":saml-provider/")) {
        saml = true;
      } else {
        web = true;
      }
    }
    boolean aws =
        !principals.of(PrincipalType.AWS).isEmpty()
            || !principals.of(PrincipalType.SERVICE).isEmpty()
            || !principals.of(PrincipalType.CANONICAL_USER).isEmpty();
    return new Kinds(saml, web, aws);
  }

  private static void mismatchedActions(
      RuleContext context, Statement statement, Principals principals) {
    if (principals.wildcard() || statement.actions().negated()) {
      return;
    }
    Kinds kinds = kinds(principals);
    for (ActionPattern action : statement.actions().patterns()) {
      String text = action.text().toLowerCase(Locale.ROOT);
      String needs = null;
      if (text.equals("sts:assumerolewithsaml") && !kinds.saml()) {
        needs = "a SAML provider (Federated: arn:aws:iam::111122223333:saml-provider/Name)";
      } else if (text.equals("sts:assumerolewithwebidentity") && !kinds.webIdentity()) {
        needs = "an OIDC or web identity provider (Federated)";
      } else if (text.equals("sts:assumerole") && !kinds.aws()) {
        needs = "an AWS principal or a service (AWS or Service)";
      }
      if (needs != null) {
        context.report(
            MISMATCHED_ACTION_FOR_PRINCIPAL,
            action.location(),
            action.text()
                + " is used by "
                + needs
                + ", which this statement does not name; use the action that fits its"
                + " principals");
      }
    }
  }

  private static void oidcConditions(
      RuleContext context, Statement statement, Principals principals) {
    for (Principal principal : principals.of(PrincipalType.FEDERATED)) {
      String provider = oidcProvider(principal.value());
      if (provider == null) {
        continue;
      }
      String prefix = provider.toLowerCase(Locale.ROOT) + ":";
      boolean github =
          provider.toLowerCase(Locale.ROOT).startsWith("token.actions.githubusercontent.com");
      boolean anyClaim = false;
      boolean subject = false;
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        if (key.startsWith(prefix)) {
          anyClaim = true;
        }
        if (WellKnownConditionKeyRule.isGithubSubject(key)) {
          subject = true;
        }
      }
      if (github && !subject) {
        context.report(
            MISSING_GITHUB_REPO_CONDITION_KEY,
            principal.location(),
            "GitHub Actions is trusted without a token.actions.githubusercontent.com:sub"
                + " condition, so any repository's workflow can assume the role; add one that"
                + " names the repository and branch");
      } else if (!github && !anyClaim) {
        context.report(
            MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL,
            principal.location(),
            "the identity provider "
                + quote(provider)
                + " is trusted without a condition on its claims (keys "
                + provider
                + ":aud, :sub, ...), so any of its identities can assume the role");
      }
    }
  }

  /** The provider name that prefixes its claim keys, or null for SAML and malformed values. */
  private static @Nullable String oidcProvider(String value) {
    if (value.startsWith("arn:")) {
      Optional<Arn> arn = Arn.tryParse(value);
      if (arn.isPresent() && arn.get().resource().startsWith("oidc-provider/")) {
        return arn.get().resource().substring("oidc-provider/".length());
      }
      return null;
    }
    return DOMAIN.matcher(value).matches() ? value : null;
  }

  private static void redundantSessions(RuleContext context, Principals principals) {
    List<Principal> aws = principals.of(PrincipalType.AWS);
    for (Principal session : aws) {
      if (session.kind() != Principal.Kind.ASSUMED_ROLE) {
        continue;
      }
      Arn sessionArn = Arn.parse(session.value());
      String roleName = sessionArn.resource().split("/", -1)[1];
      for (Principal role : aws) {
        if (role.kind() != Principal.Kind.ROLE) {
          continue;
        }
        Arn roleArn = Arn.parse(role.value());
        String path = roleArn.resource();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals(roleName)
            && roleArn.account().equals(sessionArn.account())
            && roleArn.partition().equals(sessionArn.partition())) {
          context.report(
              REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY,
              session.location(),
              "the session "
                  + quote(session.value())
                  + " is already trusted through its role "
                  + quote(role.value())
                  + "; remove the session");
          break;
        }
      }
    }
  }

  private static void anyPrincipal(
      RuleContext context, Statement statement, Principals principals) {
    if (principals.wildcard()) {
      return; // ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL reports it
    }
    for (Principal principal : principals.of(PrincipalType.AWS)) {
      if (principal.kind() == Principal.Kind.EVERYONE && !restricted(statement)) {
        context.report(
            ROLE_ASSUMABLE_BY_ANY_PRINCIPAL,
            principal.location(),
            statement.condition().isEmpty()
                ? "{\"AWS\": \"*\"} without conditions lets any principal of any AWS account"
                    + " assume the role; name the trusted accounts or add an"
                    + " aws:PrincipalOrgID or aws:PrincipalAccount condition"
                : "{\"AWS\": \"*\"} lets any principal of any AWS account assume the role, and"
                    + " no condition restricts who (aws:PrincipalOrgID, aws:PrincipalAccount,"
                    + " aws:PrincipalArn, ...); add one");
      }
    }
  }

  /** Whether a positive condition on a principal-identifying key narrows the statement. */
  static boolean restricted(Statement statement) {
    for (Condition condition : statement.conditions()) {
      if (!condition.operator().isKnown()
          || condition.operator().base().negated()
          || condition.operator().base() == dev.arbiter.policy.BaseOperator.NULL
          || !RESTRICTING_KEYS.contains(condition.key().normalized())) {
        continue;
      }
      boolean anyValue = false;
      for (ConditionValue value : condition.values()) {
        if (!value.text().equals("*")) {
          anyValue = true;
        }
      }
      if (anyValue) {
        return true;
      }
    }
    return false;
  }
}
