package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;

import dev.arbiter.lint.Check;
import java.util.List;

/**
 * The checks that policy-model's parser and {@code Policy.validate(type)} perform; the linter turns
 * their problems into findings with these codes. Listed here so that they have documentation,
 * configuration and SARIF rules like every other check.
 */
final class ParseAndValidateChecks {
  private ParseAndValidateChecks() {}

  private static final CheckList CHECKS = new CheckList();

  // Declaration order is the order of the list: blocks and constants run in textual order.
  static {
    CHECKS.aws(
        "JSON_SYNTAX_ERROR",
        ERROR,
        "The document is not valid JSON.",
        "IAM rejects documents that are not JSON: trailing commas, comments, duplicate"
            + " member names, a byte-order mark or invalid UTF-8. Fix the JSON at the"
            + " position shown.");
    CHECKS.aws(
        "DATA_TYPE_MISMATCH",
        ERROR,
        "A JSON value has the wrong type for its element.",
        "Each policy element takes a specific JSON type: Effect and Version are strings,"
            + " Action and Resource a string or an array of strings, Condition an object."
            + " Write the value with the type the element expects.");
    CHECKS.aws(
        "INVALID_POLICY_ELEMENT",
        ERROR,
        "An element name is not part of the policy grammar.",
        "A policy has only Version, Id and Statement; a statement only Sid, Effect,"
            + " Principal, NotPrincipal, Action, NotAction, Resource, NotResource and"
            + " Condition. Names are case-sensitive. Remove or rename the element.");
    CHECKS.aws(
        "INVALID_VERSION",
        ERROR,
        "The Version is not a policy language version.",
        "Version must be \"2012-10-17\" (current; needed for policy variables) or the"
            + " legacy \"2008-10-17\". It is not a date of your choosing.");
    CHECKS.aws(
        "MISSING_STATEMENT",
        ERROR,
        "The policy has no Statement.",
        "A policy needs a Statement element: one statement object or an array of them.");
    CHECKS.aws(
        "MISSING_EFFECT",
        ERROR,
        "A statement has no Effect.",
        "Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\" to the statement.");
    CHECKS.aws(
        "INVALID_EFFECT",
        ERROR,
        "The Effect is neither Allow nor Deny.",
        "Effect is case-sensitive and must be exactly \"Allow\" or \"Deny\".");
    CHECKS.aws(
        "MISSING_ACTION",
        ERROR,
        "A statement has neither Action nor NotAction.",
        "Add an Action element that lists the actions the statement is about.");
    CHECKS.aws(
        "UNSUPPORTED_ELEMENT_COMBINATION",
        ERROR,
        "Mutually exclusive elements are used together.",
        "A statement may have Action or NotAction, Resource or NotResource, Principal or"
            + " NotPrincipal, never both of a pair. Remove one of them.");
    CHECKS.aws(
        "INVALID_PRINCIPAL_FORMAT",
        ERROR,
        "The Principal element is not \"*\" or a key-value object.",
        "Write principals as an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}"
            + " or {\"Service\": \"lambda.amazonaws.com\"}, or use \"*\" for everyone.");
    CHECKS.aws(
        "INVALID_PRINCIPAL_KEY",
        ERROR,
        "A principal key is not AWS, Service, Federated or CanonicalUser.",
        "Principal objects take the keys AWS, Service, Federated and CanonicalUser,"
            + " spelled exactly so.");
    CHECKS.aws(
        "MISSING_BRACE_IN_VARIABLE",
        ERROR,
        "A policy variable has no closing brace.",
        "Write policy variables as ${key}, for example ${aws:username}; add the missing" + " '}'.");
    CHECKS.aws(
        "MISSING_QUOTE_IN_VARIABLE",
        ERROR,
        "A policy variable's default value is not in single quotes.",
        "A default value follows a comma and a space and is single-quoted:"
            + " ${aws:username, 'anonymous'}.");
    CHECKS.aws(
        "UNSUPPORTED_SPACE_IN_VARIABLE",
        ERROR,
        "A policy variable's key name contains a space.",
        "Key names in ${...} cannot contain spaces; only the default value may.");
    CHECKS.aws(
        "EMPTY_VARIABLE",
        ERROR,
        "A policy variable is empty.",
        "${} names no key. Put a context key inside, such as ${aws:username}, or remove" + " it.");
    CHECKS.own(
        "MALFORMED_VARIABLE",
        ERROR,
        "A policy variable is malformed.",
        "Text starting with ${ is a policy variable under Version 2012-10-17 and must be"
            + " ${key} or ${key, 'default'}. To write a literal '$', '*' or '?', use ${$},"
            + " ${*} or ${?}.");
  }

  /**
   * Reported by the parser for text that is not {@code service:action}, and by {@link
   * ActionNameRule} (with the catalog) for actions the service does not have.
   */
  static final Check INVALID_ACTION =
      CHECKS.aws(
          "INVALID_ACTION",
          ERROR,
          "An action is malformed or does not exist in its service.",
          "Each Action or NotAction entry is \"*\" or a service prefix, a colon and an action name"
              + " (which may hold wildcards), such as s3:GetObject. With the service catalog the"
              + " name must be one of the service's actions, and a wildcard must match at least"
              + " one; the finding suggests the closest action. An action that matches nothing"
              + " grants or denies nothing.");

  static {
    CHECKS.aws(
        "INVALID_CONDITION_OPERATOR",
        ERROR,
        "A condition operator name is unknown.",
        "Condition operators are case-sensitive names such as StringEquals, ArnLike,"
            + " NumericLessThan or Bool, optionally prefixed by ForAllValues: or"
            + " ForAnyValue: and suffixed by IfExists.");
    CHECKS.aws(
        "NULL_WITH_IF_EXISTS",
        ERROR,
        "The Null operator is used with IfExists.",
        "Null already tests whether a key is present; NullIfExists is not an operator."
            + " Use Null alone.");
    CHECKS.aws(
        "INVALID_CONDITION_KEY_FORMAT",
        ERROR,
        "A condition key is not of the form prefix:name.",
        "Condition keys have a service prefix, a colon and a name, such as aws:SourceIp or"
            + " s3:prefix.");
    CHECKS.aws(
        "UNSUPPORTED_PRINCIPAL",
        ERROR,
        "A Principal element in a policy type that does not allow it.",
        "Identity-based policies, permissions boundaries and session policies apply to the"
            + " identity they are attached to; they cannot name principals. Remove"
            + " Principal, or check the policy type.");
    CHECKS.aws(
        "SCP_SYNTAX_ERROR_PRINCIPAL",
        ERROR,
        "A service control policy uses Principal or NotPrincipal.",
        "SCPs do not support principals; restrict who is affected with an aws:PrincipalArn"
            + " condition.");
    CHECKS.aws(
        "MISSING_RESOURCE",
        ERROR,
        "A statement has neither Resource nor NotResource.",
        "Identity-based policies, SCPs and RCPs need a Resource in every statement; use"
            + " \"*\" for all resources.");
    CHECKS.aws(
        "MISSING_PRINCIPAL",
        ERROR,
        "A resource-based or trust policy statement has no Principal.",
        "Resource-based policies and role trust policies must say whom they apply to with"
            + " Principal, for example {\"AWS\": \"111122223333\"}.");
    CHECKS.aws(
        "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
        ERROR,
        "A Federated principal outside a role trust policy.",
        "Federated principals (SAML and OIDC providers) can only assume roles, so they"
            + " belong in role trust policies only.");
    CHECKS.aws(
        "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
        ERROR,
        "A role trust policy uses NotPrincipal.",
        "Role trust policies do not support NotPrincipal; list the trusted principals with"
            + " Principal.");
    CHECKS.aws(
        "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
        ERROR,
        "A role trust policy uses \"Principal\": \"*\".",
        "Name the trusted accounts or principals. If every principal is really meant, use"
            + " {\"AWS\": \"*\"} together with conditions that restrict it.");
    CHECKS.aws(
        "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
        ERROR,
        "A role trust policy uses Resource or NotResource.",
        "The resource of a trust policy is the role itself; remove Resource.");
    CHECKS.aws(
        "RCP_SYNTAX_ERROR_PRINCIPAL",
        ERROR,
        "A resource control policy names principals other than \"*\".",
        "RCPs must use \"Principal\": \"*\" and no NotPrincipal; restrict principals with"
            + " conditions such as aws:PrincipalOrgID.");
    CHECKS.aws(
        "RCP_SYNTAX_ERROR_NOTACTION",
        ERROR,
        "A resource control policy uses NotAction.",
        "RCPs do not support NotAction; list the actions with Action.");
    CHECKS.aws(
        "RCP_SYNTAX_ERROR_ALLOW",
        ERROR,
        "An RCP Allow statement is not Principal \"*\", Resource \"*\" without Condition.",
        "In resource control policies, Allow statements may only have Principal \"*\","
            + " Action, Resource \"*\" and no Condition; restrict access with Deny"
            + " statements.");
  }

  static final Check UNREADABLE_INPUT =
      CHECKS.own(
          "UNREADABLE_INPUT",
          ERROR,
          "The file cannot be read.",
          "The linter could not read the file (missing, a directory, no permission or an I/O"
              + " error), so nothing in it was checked. Fix the path or the permissions.");

  /** Every check of the parser and the validator, in declaration order. */
  static final List<Check> ALL = CHECKS.all();

  /** MISSING_RESOURCE, which {@link AttachedResourceRule} also reports for typed resources. */
  static final Check MISSING_RESOURCE =
      ALL.stream().filter(c -> c.code().equals("MISSING_RESOURCE")).findFirst().orElseThrow();
}
