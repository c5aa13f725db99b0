package dev.arbiter.reason;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.PrincipalType;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The concrete side of the reasoner: one policy of a type as an {@link Evaluator}, and a cube's
 * sample request. Every counterexample is decided here before it is reported, so a bug in the
 * encoding can make a check inconclusive but never make it fail wrongly.
 *
 * <p>The single policy decides alone: requests are made across accounts, with an allow-everything
 * policy on the other side (an identity policy for a resource policy, a resource policy for an
 * identity policy), so that the decision flow of docs/semantics.md §9.6 reduces to "the policy
 * allows".
 */
final class Replay {
  private static final Policy ALLOW_ALL_IDENTITY =
      Policy.parse(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
              + "\"Resource\":\"*\"}]}");
  private static final Policy ALLOW_ALL_RESOURCE =
      Policy.parse(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
              + "\"Action\":\"*\",\"Resource\":\"*\"}]}");

  private final Evaluator evaluator;

  /** A whole policy set, decided as it is: the replay of the checks over a {@link PolicySet}. */
  Replay(PolicySet set) {
    this.evaluator = Evaluator.of(set);
  }

  /**
   * Compiles the policy for the replay.
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if it is not valid for the type
   */
  Replay(Policy policy, PolicyType type, String name) {
    PolicySet.Builder set = PolicySet.builder();
    if (type.usesIdentitySyntax()) {
      set.identityPolicy(name, policy)
          .resourcePolicy(new NamedPolicy("allow-all", ALLOW_ALL_RESOURCE));
    } else {
      set.resourcePolicy(new NamedPolicy(name, policy), type)
          .identityPolicy("allow-all", ALLOW_ALL_IDENTITY);
    }
    this.evaluator = Evaluator.of(set.build());
  }

  /**
   * A reference policy: a specification rather than a deployed policy. Access Analyzer accepts
   * {@code "Principal": "*"} in a reference for a role trust policy (IAM User Guide, "Checks for
   * validating policies"), which IAM refuses in the role itself; there it is read as {@code {"AWS":
   * "*"}}, which names the same callers (docs/semantics.md §5.1).
   */
  static Replay reference(Policy policy, PolicyType type) {
    try {
      return new Replay(policy, type, "reference");
    } catch (InvalidPolicyException e) {
      if (type != PolicyType.TRUST) {
        throw e;
      }
      return new Replay(withoutBareWildcard(policy), type, "reference");
    }
  }

  private static Policy withoutBareWildcard(Policy policy) {
    List<Statement> statements = new ArrayList<>();
    for (Statement statement : policy.statements()) {
      Optional<Principals> principals = statement.principals();
      if (principals.isPresent() && principals.get().wildcard()) {
        Principals element = principals.get();
        principals =
            Optional.of(
                new Principals(
                    element.negated(),
                    false,
                    Map.of(PrincipalType.AWS, List.of(Principal.of(PrincipalType.AWS, "*"))),
                    element.location()));
      }
      statements.add(
          new Statement(
              statement.sid(),
              statement.effect(),
              principals,
              statement.actions(),
              statement.resources(),
              statement.condition(),
              statement.location()));
    }
    return new Policy(policy.version(), policy.id(), statements, policy.location());
  }

  /** The evaluator requests are replayed on. */
  Evaluator evaluator() {
    return evaluator;
  }

  boolean allows(Request request) {
    return evaluator.evaluate(request) == Decision.ALLOWED;
  }

  /**
   * The actions the policies name without wildcards, lower-cased, to their spelling in the policy:
   * counterexamples prefer them and show them as written.
   */
  static Map<String, String> spellings(Policy... policies) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Policy policy : policies) {
      for (Statement statement : policy.statements()) {
        for (ActionPattern pattern : statement.actions().patterns()) {
          if (!pattern.hasWildcard()) {
            out.putIfAbsent(pattern.text().toLowerCase(Locale.ROOT), pattern.text());
          }
        }
      }
    }
    return out;
  }

  /**
   * A request in one of the cubes, or null if none could be built (an internal error). Requests
   * without the values whose reading AWS leaves open (docs/semantics.md §12.0: the resource {@code
   * *}, empty strings, multivalued keys) are preferred, so that a counterexample reads plainly.
   */
  static @Nullable Request sample(List<Cube> cubes, Map<String, String> spellings) {
    return sample(cubes, spellings, null);
  }

  /** {@link #sample(List, Map)} for requests on resources of the given account, if not null. */
  static @Nullable Request sample(
      List<Cube> cubes, Map<String, String> spellings, @Nullable String resourceAccount) {
    Request fallback = null;
    for (Cube cube : cubes) {
      Request request = sample(cube, spellings, resourceAccount);
      if (request != null && plain(request)) {
        return request;
      }
      if (fallback == null) {
        fallback = request;
      }
    }
    return fallback;
  }

  /** Whether the request avoids the values whose reading AWS leaves open (see {@link #sample}). */
  static boolean plain(Request request) {
    if (request.resource().equals("*")) {
      return false;
    }
    for (String key : request.context().keys()) {
      List<String> values = request.context().values(key).orElse(List.of());
      if (values.size() != 1 || values.get(0).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** A request in the cube, or null if none could be built (an internal error). */
  static @Nullable Request sample(Cube cube, Map<String, String> spellings) {
    return sample(cube, spellings, null);
  }

  /**
   * A request in the cube on resources of the given account, or, if that is null, across accounts
   * (a single policy decides alone there); null if none could be built (an internal error).
   */
  static @Nullable Request sample(
      Cube cube, Map<String, String> spellings, @Nullable String resourceAccount) {
    String principal = Strings.example(cube.principal(), Callers.PREFERRED);
    String action = Strings.example(cube.action(), List.copyOf(spellings.keySet()));
    if (action != null) {
      action = spellings.getOrDefault(action, action);
    }
    String resource =
        Strings.example(
            Strings.minus(cube.resource(), Strings.exactly("*")),
            List.of("arn:aws:s3:::example-bucket/object"));
    if (resource == null) {
      resource = Strings.example(cube.resource());
    }
    if (principal == null || action == null || resource == null) {
      return null;
    }
    RequestContext.Builder context = RequestContext.builder();
    for (Map.Entry<String, KeySet> entry : cube.keys().entrySet()) {
      KeySet set = entry.getValue();
      if (set.absent() || entry.getKey().startsWith(Variables.PSEUDO)) {
        // Pseudo-keys (Variables) are no request keys.
        continue;
      }
      // Preferably neither empty nor unreadable (Domains.UNREADABLE stands for the values the
      // typed operators cannot read).
      String value =
          Strings.example(
              Strings.minus(set.values(), Strings.oneOf(List.of("", Domains.UNREADABLE))));
      if (value == null) {
        value = Strings.example(Strings.minus(set.values(), Strings.exactly("")));
      }
      if (value == null) {
        value = Strings.example(set.values());
      }
      if (value != null) {
        if (cube.keys().containsKey(Variables.oneValueList(entry.getKey()))
            && !cube.key(Variables.oneValueList(entry.getKey())).absent()) {
          // A list of one value: conditions read the value, a policy variable none (§7.1).
          context.put(entry.getKey(), List.of(value));
        } else {
          context.put(entry.getKey(), value);
        }
        continue;
      }
      List<String> values = set.multiExample();
      if (values == null) {
        return null;
      }
      context.put(entry.getKey(), values);
    }
    String callerAccount = Arn.tryParse(principal).map(Arn::account).orElse("");
    try {
      return Request.builder()
          .principal(principal)
          .action(action)
          .resource(resource)
          .resourceAccount(
              resourceAccount != null
                  ? resourceAccount
                  : callerAccount.equals("999999999999") ? "888888888888" : "999999999999")
          .context(context.build())
          .build();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
