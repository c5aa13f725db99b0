package dev.arbiter.policy;

import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.internal.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structural rules of each policy type (docs/semantics.md §1.8) and the value rules every type
 * shares. A policy with any of these problems is one IAM or Organizations would refuse to store, so
 * the evaluator refuses to load it.
 */
final class PolicyValidator {
  private final PolicyType type;
  private final List<PolicyProblem> problems = new ArrayList<>();

  private PolicyValidator(PolicyType type) {
    this.type = type;
  }

  static List<PolicyProblem> validate(Policy policy, PolicyType type) {
    PolicyValidator validator = new PolicyValidator(type);
    for (Statement statement : policy.statements()) {
      validator.common(statement);
      validator.forType(statement);
    }
    return List.copyOf(validator.problems);
  }

  private void common(Statement statement) {
    for (ActionPattern action : statement.actions().patterns()) {
      if (!action.isWellFormed()) {
        add(
            "INVALID_ACTION",
            action.location(),
            statement.actions().elementName()
                + " entries must be \"*\" or \"service:action\", got "
                + OneLine.quote(action.text()));
      }
    }
    for (Condition condition : statement.conditions()) {
      ConditionOperator operator = condition.operator();
      if (!operator.isKnown()) {
        add(
            "INVALID_CONDITION_OPERATOR",
            condition.operatorLocation(),
            "unknown condition operator "
                + OneLine.quote(operator.text())
                + suggestOperator(operator.text())
                + "; operator names are case-sensitive");
      } else if (operator.base() == BaseOperator.NULL && operator.ifExists()) {
        add(
            "NULL_WITH_IF_EXISTS",
            condition.operatorLocation(),
            "the Null operator cannot take IfExists; use \"Null\" alone");
      }
      String key = condition.key().name();
      int colon = key.indexOf(':');
      if (colon <= 0 || colon == key.length() - 1) {
        add(
            "INVALID_CONDITION_KEY_FORMAT",
            condition.location(),
            "condition key "
                + OneLine.quote(key)
                + " must have the form \"prefix:name\", as in aws:SourceIp");
      }
    }
  }

  private void forType(Statement statement) {
    Optional<Principals> principals = statement.principals();
    switch (type) {
      case IDENTITY, SESSION, PERMISSIONS_BOUNDARY -> {
        principals.ifPresent(
            p ->
                add(
                    "UNSUPPORTED_PRINCIPAL",
                    p.location(),
                    p.elementName()
                        + " is not allowed in "
                        + typeLabel()
                        + "; it names no principal"));
        requireResource(statement);
      }
      case SCP -> {
        principals.ifPresent(
            p ->
                add(
                    "SCP_SYNTAX_ERROR_PRINCIPAL",
                    p.location(),
                    p.elementName()
                        + " is not allowed in a service control policy; use an aws:PrincipalArn condition"));
        requireResource(statement);
      }
      case RESOURCE, VPC_ENDPOINT -> {
        requirePrincipal(statement);
        principals.ifPresent(this::noFederated);
      }
      case TRUST -> trust(statement);
      case RCP -> rcp(statement);
    }
  }

  private void trust(Statement statement) {
    requirePrincipal(statement);
    statement
        .principals()
        .ifPresent(
            p -> {
              if (p.negated()) {
                add(
                    "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
                    p.location(),
                    "NotPrincipal is not supported in a role trust policy; name the trusted principals with Principal");
              } else if (p.wildcard()) {
                // docs/semantics.md §12.9: the Principal page shows "*" as possible, but IAM Access
                // Analyzer rejects it in trust policies; we take the stricter reading.
                add(
                    "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                    p.location(),
                    "\"Principal\": \"*\" is not allowed in a role trust policy; name the trusted account or use {\"AWS\": \"*\"} with conditions");
              }
            });
    statement
        .resources()
        .ifPresent(
            r ->
                add(
                    "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
                    r.location(),
                    r.elementName()
                        + " is not allowed in a role trust policy; the resource is the role itself"));
  }

  private void rcp(Statement statement) {
    Optional<Principals> principals = statement.principals();
    if (principals.isEmpty()) {
      add("MISSING_PRINCIPAL", statement.location(), "an RCP statement needs \"Principal\": \"*\"");
    } else {
      Principals p = principals.get();
      boolean everyone =
          p.wildcard()
              || (p.values().size() == 1
                  && p.of(PrincipalType.AWS).size() == 1
                  && p.of(PrincipalType.AWS).get(0).value().equals("*"));
      if (p.negated() || !everyone) {
        add(
            "RCP_SYNTAX_ERROR_PRINCIPAL",
            p.location(),
            "a resource control policy must use \"Principal\": \"*\" (and no NotPrincipal); restrict principals with conditions");
      }
    }
    if (statement.actions().negated()) {
      add(
          "RCP_SYNTAX_ERROR_NOTACTION",
          statement.actions().location(),
          "NotAction is not supported in a resource control policy; list the actions with Action");
    }
    requireResource(statement);
    if (statement.effect() == Effect.ALLOW) {
      boolean resourceAll =
          statement
              .resources()
              .map(r -> !r.negated() && r.patterns().size() == 1 && r.patterns().get(0).isAll())
              .orElse(false);
      if (!resourceAll || statement.condition().isPresent()) {
        add(
            "RCP_SYNTAX_ERROR_ALLOW",
            statement.location(),
            "an Allow statement in a resource control policy must have Principal \"*\", Resource \"*\" and no Condition");
      }
    }
  }

  private void noFederated(Principals principals) {
    for (Principal principal : principals.of(PrincipalType.FEDERATED)) {
      add(
          "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
          principal.location(),
          "Federated principals are allowed only in role trust policies");
    }
  }

  private void requirePrincipal(Statement statement) {
    if (statement.principals().isEmpty()) {
      add(
          "MISSING_PRINCIPAL",
          statement.location(),
          "a statement in " + typeLabel() + " needs a Principal (or NotPrincipal)");
    }
  }

  private void requireResource(Statement statement) {
    if (statement.resources().isEmpty()) {
      add(
          "MISSING_RESOURCE",
          statement.location(),
          "a statement in "
              + typeLabel()
              + " needs a Resource (or NotResource); use \"*\" for all");
    }
  }

  private String typeLabel() {
    return switch (type) {
      case IDENTITY -> "an identity-based policy";
      case RESOURCE -> "a resource-based policy";
      case TRUST -> "a role trust policy";
      case SCP -> "a service control policy";
      case RCP -> "a resource control policy";
      case SESSION -> "a session policy";
      case PERMISSIONS_BOUNDARY -> "a permissions boundary";
      case VPC_ENDPOINT -> "a VPC endpoint policy";
    };
  }

  private static String suggestOperator(String text) {
    // Candidates keep the qualifier as written, so a misspelt base keeps its ForAnyValue: prefix.
    String qualifier = ConditionOperator.parse(text).qualifier().prefix();
    List<String> names = new ArrayList<>();
    for (BaseOperator base : BaseOperator.values()) {
      if (base != BaseOperator.UNKNOWN) {
        names.add(qualifier + base.json());
        if (base != BaseOperator.NULL) {
          names.add(qualifier + base.json() + "IfExists");
        }
      }
    }
    return Spelling.closest(text, names)
        .map(name -> " (did you mean \"" + name + "\"?)")
        .orElse("");
  }

  private void add(String code, SourceLocation location, String message) {
    problems.add(new PolicyProblem(code, location, message));
  }
}
