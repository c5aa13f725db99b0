package dev.arbiter.reason;

import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.internal.VersionReadings;
import dk.brics.automaton.Automaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The policy variables of one check, split into finitely many cases per key (docs/reasoning.md,
 * "Policy variables"). A variable {@code ${k}} stands for the request's single value of key {@code
 * k} (docs/semantics.md §7.1); its cases are each literal value the check's policies test {@code k}
 * against or give as a default, "no value" (the key absent, present with no values or as a list, so
 * that a default applies, §7.5, §7.6), and "any other value". In the first two a variable is a
 * constant, so the patterns are ordinary automata and the key's dimension is fixed to the case:
 * exact. In the third it is not, and the encoding is exact only where no variable depends on it:
 *
 * <ul>
 *   <li>{@link Mode#APPROXIMATE}: in the third case each pattern is widened (the variable read as
 *       every string, where that lets the statement apply to more requests), and the statement's
 *       cubes get a pseudo-key of their own, {@link #tie}, at the value {@code 1}. Picture every
 *       real request with each pseudo-key at {@code 1} exactly when the statement's
 *       variable-reading part (its Resource and its tests with variables) applies to it: a widened
 *       cube then holds that picture exactly when the statement applies to the request, so every
 *       request the check looks for has its picture in the residue, and an empty residue is a
 *       proof. A residue may also hold pictures of no request: its request is replayed like every
 *       counterexample, and one the evaluator does not confirm sends the check to the next mode;
 *   <li>{@link Mode#PROBE}: the third case is replaced by one value no policy mentions, and every
 *       request with another such value is left out of the check: exact, so a residue is a
 *       counterexample, and no residue leaves the other values undecided (inconclusive).
 * </ul>
 */
final class Variables {
  /** How the "any other value" case is encoded. */
  enum Mode {
    APPROXIMATE,
    PROBE
  }

  /** Keys that are not request keys start with this character; requests never carry them. */
  static final String PSEUDO = "\u0000";

  /**
   * Above this many cases in one statement (the product over its variables' keys), the check is
   * inconclusive rather than slow.
   */
  private static final int MAX_CASES = 64;

  static final Variables NONE = new Variables(Map.of(), Map.of(), Mode.APPROXIMATE);

  /** Per variable key (lower-case): the literal values the check mentions for it, sorted. */
  private final Map<String, Set<String>> literals;

  /** Per variable key: the value {@link Mode#PROBE} tries, which no policy mentions. */
  private final Map<String, String> probes;

  private final Mode mode;

  private Variables(Map<String, Set<String>> literals, Map<String, String> probes, Mode mode) {
    this.literals = literals;
    this.probes = probes;
    this.mode = mode;
  }

  /**
   * The variables of a check on these policies: for a comparison the reference first, then the
   * candidate (statements both have are tied); for a check on one policy, that policy.
   */
  static Variables of(List<Policy> policies) {
    Map<String, Set<String>> literals = new TreeMap<>();
    Set<String> mentioned = new TreeSet<>();
    for (Policy policy : policies) {
      for (Statement statement : reading(policy)) {
        for (Template template : templates(statement)) {
          for (Template.Variable variable : template.variables()) {
            Set<String> values = literals.computeIfAbsent(key(variable), k -> new TreeSet<>());
            variable.defaultValue().ifPresent(values::add);
          }
          collectText(template, mentioned);
        }
      }
    }
    if (literals.isEmpty()) {
      return NONE;
    }
    for (Policy policy : policies) {
      for (Statement statement : reading(policy)) {
        for (Condition condition : statement.conditions()) {
          String key = condition.key().normalized();
          Set<String> values = literals.get(key);
          if (values == null || !stringOrArn(condition.operator().base())) {
            continue;
          }
          for (ConditionValue value : condition.values()) {
            String text = Strings.plain(value.template());
            if (text != null) {
              values.add(text);
            }
          }
        }
      }
    }
    Map<String, String> probes = new TreeMap<>();
    for (Map.Entry<String, Set<String>> entry : literals.entrySet()) {
      String probe = "someone";
      for (int i = 1; entry.getValue().contains(probe) || mentioned.contains(probe); i++) {
        probe = "someone" + i;
      }
      probes.put(entry.getKey(), probe);
    }
    Map<String, Set<String>> frozen = new TreeMap<>();
    literals.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return new Variables(frozen, probes, Mode.APPROXIMATE);
  }

  /** The same variables, encoded in another mode. */
  Variables in(Mode other) {
    return new Variables(literals, probes, other);
  }

  boolean isEmpty() {
    return literals.isEmpty();
  }

  Mode mode() {
    return mode;
  }

  /**
   * Whether {@link Mode#APPROXIMATE} encodes some case inexactly, so that a counterexample from it
   * needs {@link Mode#PROBE}.
   */
  boolean approximates() {
    return !literals.isEmpty() && mode == Mode.APPROXIMATE;
  }

  /** What stays undecided when {@link Mode#PROBE} finds nothing. */
  String undecided() {
    List<String> parts = new ArrayList<>();
    literals.forEach(
        (key, values) ->
            parts.add(
                "${"
                    + key
                    + "}"
                    + (values.isEmpty() ? "" : " other than " + String.join(", ", values))));
    return "policy variables: the check holds when "
        + String.join(" and ", parts)
        + " is absent or one of the values the policies mention, and for the value tried for any"
        + " other, but is not proved for every other value";
  }

  /** The lower-case key a variable reads, as the evaluator normalizes it. */
  static String key(Template.Variable variable) {
    return variable.key().name().toLowerCase(Locale.ROOT);
  }

  /** The statements of the policy as 2012-10-17 reads them (docs/semantics.md §12.8). */
  private static List<Statement> reading(Policy policy) {
    return VersionReadings.substituted(policy).map(Policy::statements).orElse(policy.statements());
  }

  /** The templates of a statement that take variables (docs/semantics.md §7.3). */
  static List<Template> templates(Statement statement) {
    List<Template> out = new ArrayList<>();
    statement.resources().ifPresent(r -> r.patterns().forEach(p -> out.add(p.template())));
    for (Condition condition : statement.conditions()) {
      if (stringOrArn(condition.operator().base())) {
        condition.values().forEach(v -> out.add(v.template()));
      }
    }
    return out;
  }

  static boolean hasVariables(Statement statement) {
    return templates(statement).stream().anyMatch(Template::hasVariables);
  }

  /** String and ARN operators take variables (§7.3); Bool's are undecided anyway (§12.6). */
  static boolean stringOrArn(BaseOperator base) {
    return base.family() == BaseOperator.Family.STRING || base.family() == BaseOperator.Family.ARN;
  }

  private static void collectText(Template template, Set<String> into) {
    String text = Strings.plain(template);
    if (text != null) {
      into.add(text);
    }
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Literal literal) {
        into.add(literal.text());
      }
    }
  }

  /**
   * The pseudo-key that ties the statement's "any other value" cases to the part of the statement
   * that reads variables (see the class comment): its effect, its Resource or NotResource if an
   * entry has a variable, and its String and ARN tests with a variable, as written. Statements that
   * share that part share the pseudo-key.
   */
  static String tie(Statement statement) {
    StringBuilder out = new StringBuilder(PSEUDO).append("tie/").append(statement.effect());
    statement
        .resources()
        .filter(r -> r.patterns().stream().anyMatch(p -> p.template().hasVariables()))
        .ifPresent(
            r -> {
              out.append(PSEUDO).append(r.negated() ? "NotResource" : "Resource");
              r.patterns().forEach(p -> out.append(PSEUDO).append(p.template()));
            });
    for (Condition condition : statement.conditions()) {
      if (stringOrArn(condition.operator().base())
          && condition.values().stream().anyMatch(v -> v.template().hasVariables())) {
        out.append(PSEUDO)
            .append(condition.operator())
            .append(PSEUDO)
            .append(condition.key().normalized());
        condition.values().forEach(v -> out.append(PSEUDO).append(v.template()));
      }
    }
    return out.toString();
  }

  /** The pseudo-key saying that key {@code k} is a list of one value (see {@link #cases}). */
  static String oneValueList(String key) {
    return ONE_VALUE_LIST + key;
  }

  /** The prefix of {@link #oneValueList} pseudo-keys. */
  static final String ONE_VALUE_LIST = PSEUDO + "list/";

  /** The value of a variable in one case. */
  sealed interface Value permits Literal, NoValue, Other {}

  /** The key's single value is this one. */
  record Literal(String text) implements Value {}

  /** The variable has no value: the default applies where there is one (§7.5, §7.6). */
  record NoValue() implements Value {}

  /** Any single value other than the literals: encoded wider or narrower, never exactly. */
  record Other() implements Value {}

  /** One case: per variable key of a statement, its value, and the key states it stands for. */
  record Case(Map<String, Value> values, List<Map<String, KeySet>> constraints) {
    boolean approximate() {
      return values.values().stream().anyMatch(Other.class::isInstance);
    }
  }

  /**
   * The cases of a statement whose templates read the given keys: the product over the keys, less
   * the cases in which the statement applies to no request. Each case's constraints are
   * alternatives (a union of key-state maps) that together cover exactly the requests of the case;
   * the cases of a statement, with the ones left out, partition all requests (in {@link
   * Mode#PROBE}, all requests of the probed region, see {@link #region}).
   *
   * <p>The product is built one key at a time, and a partial case (some keys given a value, the
   * others not yet) is dropped when {@code possible} says that the statement applies to no request
   * of it, for any value of the keys not yet given: then no case extending it adds a request, and
   * leaving it out changes no union of cubes. This keeps the cases of a statement whose every key
   * is also tested (the literal {@code ""} each of its variables must not be, a variable without a
   * default that must have a value) to the few where the statement can apply; the budget counts
   * those.
   *
   * @param possible whether the statement may apply to some request of a partial case; it must
   *     answer {@code true} unless that is proved impossible
   */
  List<Case> cases(Set<String> keys, Predicate<Case> possible) {
    List<Case> out = new ArrayList<>();
    out.add(new Case(Map.of(), List.of(Map.of())));
    for (String key : keys) {
      Set<String> values = literals.getOrDefault(key, Set.of());
      List<Case> next = new ArrayList<>();
      for (Case partial : out) {
        List<Case> extended = new ArrayList<>();
        for (String value : values) {
          extended.add(
              extend(partial, key, new Literal(value), List.of(single(key, exactly(value)))));
        }
        extended.add(extend(partial, key, new NoValue(), noValue(key)));
        if (mode == Mode.PROBE) {
          String probe = probes.getOrDefault(key, "someone");
          extended.add(
              extend(partial, key, new Literal(probe), List.of(single(key, exactly(probe)))));
        } else {
          extended.add(extend(partial, key, new Other(), List.of(single(key, others(values)))));
        }
        for (Case one : extended) {
          if (possible.test(one)) {
            next.add(one);
          }
        }
        if (next.size() > MAX_CASES) {
          throw new Unmodelled(
              "budget: more than " + MAX_CASES + " cases of policy variables in one statement");
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * In {@link Mode#PROBE}, the requests the check is restricted to: per variable key, no value, a
   * literal, or the probe; empty in the other mode, where every request is in the check.
   */
  List<Cube> region() {
    if (mode != Mode.PROBE) {
      return List.of();
    }
    List<Map<String, KeySet>> out = new ArrayList<>();
    out.add(Map.of());
    for (Map.Entry<String, Set<String>> entry : literals.entrySet()) {
      String key = entry.getKey();
      List<String> allowed = new ArrayList<>(entry.getValue());
      allowed.add(probes.getOrDefault(key, "someone"));
      List<Map<String, KeySet>> alternatives = new ArrayList<>(noValue(key));
      alternatives.add(single(key, Strings.oneOf(allowed)));
      List<Map<String, KeySet>> next = new ArrayList<>();
      for (Map<String, KeySet> partial : out) {
        for (Map<String, KeySet> one : alternatives) {
          Map<String, KeySet> both = new TreeMap<>(partial);
          both.putAll(one);
          next.add(both);
        }
      }
      out = next;
    }
    List<Cube> cubes = new ArrayList<>();
    for (Map<String, KeySet> keys : out) {
      cubes.add(new Cube(Strings.ANY, Strings.ANY, Strings.ANY, keys, -1));
    }
    return cubes;
  }

  private static Case extend(
      Case partial, String key, Value value, List<Map<String, KeySet>> alternatives) {
    Map<String, Value> values = new TreeMap<>(partial.values());
    values.put(key, value);
    List<Map<String, KeySet>> constraints = new ArrayList<>();
    for (Map<String, KeySet> before : partial.constraints()) {
      for (Map<String, KeySet> one : alternatives) {
        Map<String, KeySet> both = new TreeMap<>(before);
        both.putAll(one);
        constraints.add(both);
      }
    }
    return new Case(values, constraints);
  }

  /**
   * The key holds one value from {@code values}, given as a single value, not as a list of one
   * (which a variable does not read, docs/semantics.md §7.1).
   */
  private static Map<String, KeySet> single(String key, Automaton values) {
    return Map.of(
        key,
        new KeySet(false, false, values, List.of()),
        oneValueList(key),
        new KeySet(true, false, Strings.EMPTY, List.of()));
  }

  /**
   * The variable has no value: the key is absent, present with no values or with two or more, or a
   * list of one value (conditions read that one value, a variable none).
   */
  private static List<Map<String, KeySet>> noValue(String key) {
    return List.of(
        Map.of(
            key,
            new KeySet(true, true, Strings.EMPTY, List.of(KeySet.Term.ANY)),
            oneValueList(key),
            new KeySet(true, false, Strings.EMPTY, List.of())),
        Map.of(
            key,
            new KeySet(false, false, Strings.ANY, List.of()),
            oneValueList(key),
            new KeySet(false, false, Strings.exactly("1"), List.of())));
  }

  private static Automaton exactly(String value) {
    return Strings.exactly(value);
  }

  private static Automaton others(Set<String> values) {
    return Strings.minus(Strings.ANY, Strings.oneOf(List.copyOf(values)));
  }
}
