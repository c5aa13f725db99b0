package dev.arbiter.reason;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.RequestContext;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.internal.OneLine;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@link Reasoner#conditions}: the request with its principal, action, resource, resource account
 * and given context keys fixed, the keys it leaves out free; the allowed set of the policy set
 * ({@link FlowCompiler}) within those requests is a union of cubes that differ only in the missing
 * keys, each rendered as constraints on those keys and confirmed on the evaluator.
 */
final class ContextConditions {
  private ContextConditions() {}

  /** Past this many alternatives the answer would not be read; the check says so. */
  private static final int MAX_ALTERNATIVES = 64;

  static Conditions of(Space space, PolicySet set, Request request) {
    List<Policy> policies = SetChecks.policies(set);
    Map<String, List<Condition>> read = new TreeMap<>();
    for (Policy policy : policies) {
      for (Statement statement : policy.statements()) {
        for (Condition condition : statement.conditions()) {
          read.computeIfAbsent(condition.key().normalized(), k -> new ArrayList<>()).add(condition);
        }
      }
    }
    Map<String, String> given = new TreeMap<>();
    for (String key : request.context().keys()) {
      given.put(key.toLowerCase(Locale.ROOT), key);
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, List<Condition>> entry : read.entrySet()) {
      if (!given.containsKey(entry.getKey())) {
        missing.add(entry.getValue().get(0).key().name());
      }
    }
    try {
      Domains domains = Domains.of(policies);
      RequestShape shape = new RequestShape(request.principal(), request.resourceAccount());
      Evaluator evaluator = Evaluator.of(set);
      FlowCompiler.Compiled compiled =
          FlowCompiler.compile(
              evaluator,
              shape,
              domains,
              space,
              new FlowCompiler.Origins(),
              FlowCompiler.restrictsPublicBuckets(set));
      if (compiled.iam() && FlowCompiler.OUTSIDE.run(request.action().toLowerCase(Locale.ROOT))) {
        return new Conditions.Inconclusive(
            missing,
            "AWS decides " + request.action() + " without policies (docs/semantics.md §9.12)");
      }
      Map<String, KeySet> fixed = new TreeMap<>();
      for (String key : read.keySet()) {
        String spelled = given.get(key);
        if (spelled != null) {
          fixed.put(key, known(request.context(), spelled, key, domains, read.get(key)));
        }
      }
      Cube query =
          new Cube(
              Strings.ANY,
              Strings.exactly(request.action().toLowerCase(Locale.ROOT)),
              Strings.exactly(request.resource()),
              fixed,
              -1);
      List<Cube> allowed = new ArrayList<>();
      for (FlowCompiler.Region region : compiled.regions()) {
        List<Cube> asked = new ArrayList<>();
        for (Cube grant : region.grants()) {
          Cube one = grant.intersect(query);
          if (!one.isEmpty()) {
            asked.add(one);
          }
        }
        for (Cube cube : space.minus(asked, region.denies())) {
          // Only what AWS can send: a missing single-valued key is never a list
          // (docs/reasoning.md, "Assumed invariants"), so no alternative offers one; the keys the
          // request gives stay as given.
          Cube real =
              cube.sendable(key -> read.containsKey(key) && !given.containsKey(key))
                  .withPrincipal(Strings.ANY)
                  .within(false, domains)
                  .withPrincipal(cube.principal());
          if (!real.isEmpty()) {
            allowed.add(real);
          }
        }
      }
      if (allowed.isEmpty()) {
        return new Conditions.Never(missing);
      }
      Set<Conditions.Alternative> alternatives = new LinkedHashSet<>();
      for (Cube cube : allowed) {
        Request example = Replay.sample(cube, Map.of(), request.resourceAccount());
        if (example == null
            || evaluator.evaluate(withGiven(example, request)) != Decision.ALLOWED) {
          return new Conditions.Inconclusive(
              missing,
              "internal error: the evaluator did not confirm "
                  + (example == null ? "(no request could be built)" : example.context())
                  + "; please report it");
        }
        alternatives.add(alternative(cube, missing, domains, read));
        if (alternatives.size() > MAX_ALTERNATIVES) {
          return new Conditions.Inconclusive(
              missing, "more than " + MAX_ALTERNATIVES + " alternatives");
        }
      }
      if (alternatives.contains(new Conditions.Alternative(List.of()))) {
        return new Conditions.AllowedIf(missing, List.of(new Conditions.Alternative(List.of())));
      }
      return new Conditions.AllowedIf(missing, List.copyOf(alternatives));
    } catch (Unmodelled e) {
      return new Conditions.Inconclusive(missing, e.construct());
    }
  }

  /** The example's missing keys on the request as given (its own keys exactly as written). */
  private static Request withGiven(Request example, Request request) {
    RequestContext.Builder context = RequestContext.builder();
    for (String key : request.context().keys()) {
      context.put(key, request.context().values(key).orElse(List.of()));
    }
    Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    known.addAll(request.context().keys());
    for (String key : example.context().keys()) {
      if (!known.contains(key)) {
        context.put(key, example.context().values(key).orElse(List.of()));
      }
    }
    return Request.builder()
        .principal(request.principal())
        .action(request.action())
        .resource(request.resource())
        .resourceAccount(request.resourceAccount())
        .context(context.build())
        .build();
  }

  /**
   * The state of a key the request gives: its value, or for a key tested with a typed operator the
   * representative of the value's class (the one on which every test of the policies answers
   * alike).
   */
  private static KeySet known(
      RequestContext context, String spelled, String key, Domains domains, List<Condition> tests) {
    List<String> values = context.values(spelled).orElse(List.of());
    Domains.Domain domain = domains.get(key);
    List<Automaton> each = new ArrayList<>();
    for (String value : values) {
      String stands = domain == null ? value : representative(value, domain, tests);
      each.add(Strings.exactly(stands));
    }
    if (values.isEmpty()) {
      return new KeySet(false, true, Strings.EMPTY, List.of());
    }
    if (values.size() == 1 && !context.isMultivalued(spelled)) {
      return new KeySet(false, false, each.get(0), List.of());
    }
    KeySet.Term term = KeySet.Term.of(Strings.union(each), each);
    return new KeySet(
        false,
        false,
        values.size() == 1 ? each.get(0) : Strings.EMPTY,
        term == null ? List.of() : List.of(term));
  }

  private static String representative(String value, Domains.Domain domain, List<Condition> tests) {
    List<@Nullable Boolean> wanted = signature(value, tests);
    for (String candidate : domain.representatives()) {
      if (signature(candidate, tests).equals(wanted)) {
        return candidate;
      }
    }
    throw new Unmodelled("no value class for " + OneLine.quote(value));
  }

  private static List<@Nullable Boolean> signature(String value, List<Condition> tests) {
    List<@Nullable Boolean> out = new ArrayList<>();
    for (Condition test : tests) {
      out.add(typed(test) ? Domains.anyMatch(base(test), test.values(), value) : null);
    }
    return out;
  }

  private static boolean typed(Condition test) {
    BaseOperator.Family family = test.operator().base().family();
    return family == BaseOperator.Family.NUMERIC
        || family == BaseOperator.Family.DATE
        || family == BaseOperator.Family.IP_ADDRESS
        || family == BaseOperator.Family.BINARY;
  }

  private static BaseOperator base(Condition test) {
    return test.operator().base();
  }

  private static Conditions.Alternative alternative(
      Cube cube, List<String> missing, Domains domains, Map<String, List<Condition>> read) {
    List<Conditions.Constraint> out = new ArrayList<>();
    for (String spelled : missing) {
      String key = spelled.toLowerCase(Locale.ROOT);
      KeySet set = cube.key(key);
      Domains.Domain domain = domains.get(key);
      String text = describe(set, domain, Objects.requireNonNull(read.get(key)).stream().toList());
      if (text != null) {
        out.add(new Conditions.Constraint(spelled, text));
      }
    }
    return new Conditions.Alternative(out);
  }

  /** What the key's states say, or null when they leave it free. */
  private static @Nullable String describe(
      KeySet set, Domains.@Nullable Domain domain, List<Condition> tests) {
    Automaton all = domain == null ? Strings.ANY : domain.values();
    Automaton values = Strings.and(set.values(), all);
    boolean everyValue = Strings.subset(all, values);
    if (set.absent() && everyValue) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (set.absent()) {
      parts.add("is absent");
    }
    if (!values.isEmpty()) {
      parts.add(one(values, domain, tests));
    }
    if (set.empty()) {
      parts.add("is an empty list");
    }
    for (KeySet.Term term : set.sets()) {
      parts.add(list(term, domain, tests));
    }
    if (parts.isEmpty()) {
      return "has no possible value";
    }
    return String.join(" or ", parts);
  }

  private static final int LISTED = 8;

  /** Lists of two or more values: every value in one set, some value in each of others. */
  private static String list(
      KeySet.Term term, Domains.@Nullable Domain domain, List<Condition> tests) {
    Automaton all = domain == null ? term.all() : Strings.and(term.all(), domain.values());
    String out =
        term.all().isTotal()
            ? "has several values"
            : "has several values, each " + one(all, domain, tests);
    for (Automaton some : term.some()) {
      out += ", at least one " + one(some, domain, tests);
    }
    return out;
  }

  private static String one(
      Automaton values, Domains.@Nullable Domain domain, List<Condition> tests) {
    return domain == null ? strings(values, tests) : typed(values, domain, tests);
  }

  /**
   * A set of strings: its members, or what it leaves out, or the policies' own patterns whose union
   * it is; failing those, an example.
   */
  private static String strings(Automaton values, List<Condition> tests) {
    if (values.isTotal()) {
      return "has any value";
    }
    Set<String> members = values.getFiniteStrings(LISTED);
    if (members != null) {
      return members.size() == 1
          ? "= " + OneLine.quote(members.iterator().next())
          : "is one of " + quoted(members);
    }
    String example = Strings.example(values);
    if (example != null) {
      Automaton folded = Strings.ignoringCase(example.toLowerCase(Locale.ROOT));
      if (folded != null && Strings.subset(values, folded) && Strings.subset(folded, values)) {
        return "= " + OneLine.quote(example.toLowerCase(Locale.ROOT)) + " (in any case)";
      }
    }
    Set<String> others = Strings.minus(Strings.ANY, values).getFiniteStrings(LISTED);
    if (others != null) {
      return others.size() == 1
          ? "≠ " + OneLine.quote(others.iterator().next())
          : "is none of " + quoted(others);
    }
    String patterns = patterns(values, tests, true);
    if (patterns != null) {
      return patterns;
    }
    String outside = patterns(Strings.minus(Strings.ANY, values), tests, false);
    if (outside != null) {
      return outside;
    }
    return "matches a pattern (for example " + OneLine.quote(Strings.exampleNotEmpty(values)) + ")";
  }

  /**
   * The set as a union of the policies' own StringLike patterns on the key, or null: {@code like
   * "a*" or "b*"} (or, for the set's complement, {@code like none of ...}).
   */
  private static @Nullable String patterns(Automaton set, List<Condition> tests, boolean in) {
    Automaton union = Strings.EMPTY;
    Set<String> used = new TreeSet<>();
    for (Condition test : tests) {
      if (test.operator().base().family() != BaseOperator.Family.STRING) {
        continue;
      }
      for (ConditionValue value : test.values()) {
        Automaton one = Strings.glob(value.text());
        if (Strings.subset(one, set)) {
          union = Strings.or(union, one);
          used.add(value.text());
        }
      }
    }
    if (used.isEmpty() || !Strings.subset(set, union)) {
      return null;
    }
    String listed = String.join(" or ", used.stream().map(OneLine::quote).toList());
    return in
        ? "is like " + listed
        : "is like none of " + String.join(", ", used.stream().map(OneLine::quote).toList());
  }

  private static String quoted(Set<String> texts) {
    return String.join(", ", new TreeSet<>(texts).stream().map(OneLine::quote).toList());
  }

  /**
   * A set of a typed key's representatives, as the conjunction of the policies' own tests (each
   * holding or not) that accepts exactly those representatives; else the representatives.
   */
  private static String typed(Automaton values, Domains.Domain domain, List<Condition> tests) {
    List<String> accepted = new ArrayList<>();
    for (String candidate : domain.representatives()) {
      if (values.run(candidate)) {
        accepted.add(candidate);
      }
    }
    List<String> literals = new ArrayList<>();
    List<Condition> used = new ArrayList<>();
    List<Boolean> polarity = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Condition test : tests) {
      if (!typed(test)) {
        continue;
      }
      Boolean constant = null;
      boolean same = true;
      for (String one : accepted) {
        Boolean answer = Domains.anyMatch(base(test), test.values(), one);
        if (answer == null || (constant != null && !constant.equals(answer))) {
          same = false;
          break;
        }
        constant = answer;
      }
      if (same && constant != null) {
        String literal = literal(test, constant);
        if (seen.add(literal)) {
          literals.add(literal);
          used.add(test);
          polarity.add(constant);
        }
      }
    }
    List<String> satisfying = new ArrayList<>();
    for (String candidate : domain.representatives()) {
      boolean ok = true;
      for (int i = 0; i < used.size() && ok; i++) {
        Boolean answer = Domains.anyMatch(base(used.get(i)), used.get(i).values(), candidate);
        ok = polarity.get(i).equals(answer);
      }
      if (ok) {
        satisfying.add(candidate);
      }
    }
    if (!literals.isEmpty() && satisfying.equals(accepted)) {
      return String.join(" and ", literals);
    }
    return "is in the value class of one of "
        + quoted(new TreeSet<>(accepted))
        + " (the policies' tests answer alike within a class)";
  }

  /** One test of the policy on the key, holding or not, in words. */
  private static String literal(Condition test, boolean holds) {
    List<String> texts = test.values().stream().map(ConditionValue::text).toList();
    String values = texts.size() == 1 ? texts.get(0) : "one of " + String.join(", ", texts);
    String positive = base(test).json().replace("Not", "");
    String op =
        switch (positive) {
          case "IpAddress" -> holds ? "in" : "not in";
          case "NumericLessThan", "DateLessThan" -> holds ? "<" : "≥";
          case "NumericLessThanEquals", "DateLessThanEquals" -> holds ? "≤" : ">";
          case "NumericGreaterThan", "DateGreaterThan" -> holds ? ">" : "≤";
          case "NumericGreaterThanEquals", "DateGreaterThanEquals" -> holds ? "≥" : "<";
          default -> holds ? "=" : "≠";
        };
    return op + " " + values;
  }
}
