package dev.arbiter.reason;

import static dev.arbiter.reason.Strings.ANY;
import static dev.arbiter.reason.Strings.ANY_CHAR;
import static dev.arbiter.reason.Strings.EMPTY;
import static dev.arbiter.reason.Strings.exactly;
import static dev.arbiter.reason.Strings.minimal;

import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.BasicAutomata;
import dk.brics.automaton.BasicOperations;
import java.util.List;
import java.util.Optional;

/**
 * The principal dimension: the request principals the evaluator accepts (an IAM user, root,
 * assumed-role or federated-user ARN, a service or provider name, {@code anonymous}), and for each
 * {@code Principal} value the callers it names, exactly as the evaluator's principal matching
 * (docs/semantics.md §5) names them.
 */
final class Callers {
  private Callers() {}

  private static final Automaton PARTITION = Strings.NOT_COLON.repeat(1);
  private static final Automaton ACCOUNT = BasicAutomata.makeCharRange('0', '9').repeat(12, 12);
  private static final Automaton NOT_SLASH =
      BasicAutomata.makeCharRange('\u0000', (char) ('/' - 1))
          .union(BasicAutomata.makeCharRange((char) ('/' + 1), '\uffff'));

  /** {@code arn:PARTITION:service::ACCOUNT:resource} over the given parts. */
  private static Automaton arn(
      Automaton partition, String service, Automaton account, Automaton resource) {
    return minimal(
        BasicOperations.concatenate(
            List.of(
                exactly("arn:"),
                partition,
                exactly(":" + service + "::"),
                account,
                exactly(":"),
                resource)));
  }

  private static Automaton users(Automaton partition, Automaton account) {
    return arn(partition, "iam", account, exactly("user/").concatenate(ANY.concatenate(NOT_SLASH)));
  }

  private static Automaton roots(Automaton partition, Automaton account) {
    return arn(partition, "iam", account, exactly("root"));
  }

  private static Automaton sessions(Automaton partition, Automaton account, Automaton role) {
    return arn(
        partition,
        "sts",
        account,
        BasicOperations.concatenate(
            List.of(exactly("assumed-role/"), role, exactly("/"), ANY_CHAR.repeat(1))));
  }

  private static Automaton federatedUsers(Automaton partition, Automaton account) {
    return arn(
        partition, "sts", account, exactly("federated-user/").concatenate(ANY_CHAR.repeat(1)));
  }

  /** Callers of an account that are IAM principals (users, root, sessions, federated users). */
  private static Automaton iamPrincipals(Automaton partition, Automaton account) {
    return minimal(
        BasicOperations.union(
            List.of(
                users(partition, account),
                roots(partition, account),
                sessions(partition, account, NOT_SLASH.repeat(1)),
                federatedUsers(partition, account))));
  }

  static final Automaton USERS = users(PARTITION, ACCOUNT);
  static final Automaton ROOTS = roots(PARTITION, ACCOUNT);
  static final Automaton SESSIONS = sessions(PARTITION, ACCOUNT, NOT_SLASH.repeat(1));
  static final Automaton FEDERATED_USERS = federatedUsers(PARTITION, ACCOUNT);

  /**
   * The callers identity-based policies apply to: IAM users and sessions. Not the root user, whom
   * no identity-based policy limits or grants to (docs/semantics.md §9).
   */
  static final Automaton IAM =
      minimal(BasicOperations.union(List.of(USERS, SESSIONS, FEDERATED_USERS)));

  /** SAML and OIDC provider ARNs. */
  static final Automaton PROVIDERS =
      arn(
          PARTITION,
          "iam",
          ACCOUNT,
          exactly("saml-provider/").union(exactly("oidc-provider/")).concatenate(ANY));

  /** Service principal names: letters, digits, {@code . - _}, with at least one dot. */
  static final Automaton SERVICES;

  /** Every principal a request can be made by. */
  static final Automaton ALL;

  static {
    Automaton nameChar =
        BasicAutomata.makeCharRange('a', 'z')
            .union(BasicAutomata.makeCharRange('A', 'Z'))
            .union(BasicAutomata.makeCharRange('0', '9'))
            .union(BasicAutomata.makeCharSet("._-"));
    Automaton names = nameChar.repeat();
    SERVICES = minimal(BasicOperations.concatenate(List.of(names, exactly("."), names)));
    ALL = minimal(BasicOperations.union(List.of(IAM, PROVIDERS, SERVICES, exactly("anonymous"))));
  }

  /** Counterexample principals tried first, for readable reports. */
  static final List<String> PREFERRED =
      List.of(
          "arn:aws:iam::111122223333:user/alice",
          "arn:aws:sts::111122223333:assumed-role/example/session",
          "anonymous");

  /** The callers one value of a Principal element names (PrincipalMatcher's rules). */
  static Automaton named(Principal principal) {
    String value = principal.value();
    if (principal.kind() != Principal.Kind.EVERYONE
        && (value.indexOf('*') >= 0 || value.indexOf('?') >= 0)) {
      // The evaluator reads such a value as naming nobody (docs/semantics.md §5.2), which IAM
      // does not document; Access Analyzer reads "Federated": "*" as every provider. A proof
      // must hold under both readings, so this is not decided.
      int line = principal.location().position().line();
      throw new Unmodelled(
          "a wildcard inside the principal "
              + principal
              + (line > 0 ? " at line " + line : "")
              + " (IAM does not document what it matches)");
    }
    Optional<Arn> arn = Arn.tryParse(value);
    Automaton partition = arn.map(a -> exactly(a.partition())).orElse(PARTITION);
    Automaton account = principal.accountId().map(Strings::exactly).orElse(EMPTY);
    Automaton self = exactly(value);
    return switch (principal.kind()) {
      case EVERYONE -> ALL;
      case ACCOUNT -> iamPrincipals(PARTITION, account);
      case ROOT -> iamPrincipals(partition, account);
      case USER -> Strings.and(self, USERS);
      case ROLE -> {
        String resource = arn.map(Arn::resource).orElse("");
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        yield name.isEmpty() ? EMPTY : sessions(partition, account, exactly(name));
      }
      case ASSUMED_ROLE -> Strings.and(self, SESSIONS);
      case FEDERATED_USER -> Strings.and(self, FEDERATED_USERS);
      case SERVICE -> Strings.and(self, SERVICES);
      case FEDERATED_PROVIDER -> Strings.and(self, Strings.or(SERVICES, PROVIDERS));
      case UNIQUE_ID, CANONICAL_USER, UNRECOGNIZED -> EMPTY;
    };
  }

  /** The callers a Principal element names: "*" or the union of its values. */
  static Automaton named(Principals element) {
    if (element.wildcard()) {
      return ALL;
    }
    Automaton out = EMPTY;
    for (Principal principal : element.all()) {
      out = Strings.or(out, named(principal));
    }
    return out;
  }

  /**
   * The callers an Allow's Principal element grants to in a resource or trust policy: as {@link
   * #named(Principals)}, except that {@code "*"} does not reach AWS service principals, which an
   * Allow reaches only by naming them (docs/semantics.md §9.8, §12.0).
   */
  static Automaton granted(Principals element) {
    Automaton notServices = Strings.minus(ANY, SERVICES);
    if (element.wildcard()) {
      return notServices;
    }
    Automaton out = EMPTY;
    for (Principal principal : element.all()) {
      out =
          Strings.or(
              out, principal.kind() == Principal.Kind.EVERYONE ? notServices : named(principal));
    }
    return out;
  }

  /**
   * The callers a Deny with this NotPrincipal exempts (docs/semantics.md §5.5, §12.3), for a caller
   * without a permissions boundary: only those of whom every level is listed.
   */
  static Automaton exempt(Principals element) {
    if (element.wildcard()) {
      return ALL;
    }
    Automaton self = EMPTY;
    Automaton account = EMPTY;
    Automaton role = EMPTY;
    for (Principal principal : element.all()) {
      Automaton named = named(principal);
      switch (principal.kind()) {
        case EVERYONE -> {
          return ALL;
        }
        case ACCOUNT, ROOT -> account = account.union(named);
        case ROLE -> role = role.union(named);
        case USER, ASSUMED_ROLE, FEDERATED_USER, SERVICE, FEDERATED_PROVIDER ->
            self = self.union(named);
        case UNIQUE_ID, CANONICAL_USER, UNRECOGNIZED -> {}
      }
    }
    Automaton selfAndAccount = self.intersection(account);
    return minimal(
        BasicOperations.union(
            List.of(
                selfAndAccount.intersection(USERS.union(FEDERATED_USERS)),
                selfAndAccount.intersection(role).intersection(SESSIONS),
                account.intersection(ROOTS),
                self.intersection(SERVICES.union(PROVIDERS)))));
  }
}
