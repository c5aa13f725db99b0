package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.PolicyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the decision over seeded random policy sets and requests (run with {@code -Dseed=N}
 * to explore other inputs; a failure names its seed and index).
 */
class EvaluatorPropertyTest {
  private static final int SCENARIOS = 400;
  private static final int REQUESTS = 25;

  static Stream<Arguments> seeds() {
    long seed = Long.getLong("seed", 20261122L);
    Random random = new Random(seed);
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> Arguments.of(seed + "#" + i, random.nextLong()));
  }

  private static List<Request> requests(Random random) {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(RandomScenarios.request(random));
    }
    return requests;
  }

  private static List<Decision> decide(PolicySet set, List<Request> requests) {
    Evaluator evaluator = Evaluator.of(set);
    List<Decision> decisions = new ArrayList<>();
    for (Request request : requests) {
      Decision decision = evaluator.evaluate(request);
      assertThat(evaluator.explain(request).decision())
          .as("explain agrees with evaluate for %s", request)
          .isEqualTo(decision);
      decisions.add(decision);
    }
    return decisions;
  }

  /** The policies of a spec a statement can be added to, with their types. */
  private static List<Map.Entry<Map<String, Object>, PolicyType>> targets(
      RandomScenarios.Spec spec) {
    List<Map.Entry<Map<String, Object>, PolicyType>> targets = new ArrayList<>();
    spec.identity.forEach(p -> targets.add(Map.entry(p, PolicyType.IDENTITY)));
    if (!spec.resource.isEmpty()) {
      targets.add(Map.entry(spec.resource, PolicyType.RESOURCE));
    }
    if (!spec.boundary.isEmpty()) {
      targets.add(Map.entry(spec.boundary, PolicyType.PERMISSIONS_BOUNDARY));
    }
    spec.session.forEach(p -> targets.add(Map.entry(p, PolicyType.SESSION)));
    spec.scps.forEach(level -> level.forEach(p -> targets.add(Map.entry(p, PolicyType.SCP))));
    spec.rcps.forEach(level -> level.forEach(p -> targets.add(Map.entry(p, PolicyType.RCP))));
    spec.endpoint.forEach(p -> targets.add(Map.entry(p, PolicyType.VPC_ENDPOINT)));
    return targets;
  }

  @SuppressWarnings("unchecked")
  private static void addStatement(Random random, RandomScenarios.Spec spec, String effect) {
    List<Map.Entry<Map<String, Object>, PolicyType>> targets = targets(spec);
    if (targets.isEmpty()) {
      spec.identity.add(RandomScenarios.policy(random, PolicyType.IDENTITY, 0));
      targets = targets(spec);
    }
    Map.Entry<Map<String, Object>, PolicyType> target = targets.get(random.nextInt(targets.size()));
    List<Object> statements =
        (List<Object>) Objects.requireNonNull(target.getKey().get("Statement"));
    statements.add(
        random.nextInt(statements.size() + 1),
        RandomScenarios.statement(random, target.getValue(), effect));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void addingDeny_neverTurnsDecisionIntoAllowed(String id, long seed) {
    Random random = new Random(seed);
    RandomScenarios.Spec spec = RandomScenarios.spec(random);
    List<Request> requests = requests(random);
    List<Decision> before =
        decide(RandomScenarios.build(spec, RandomScenarios.Style.plain()), requests);
    addStatement(random, spec, "Deny");
    List<Decision> after =
        decide(RandomScenarios.build(spec, RandomScenarios.Style.plain()), requests);
    for (int i = 0; i < requests.size(); i++) {
      if (after.get(i) == Decision.ALLOWED) {
        assertThat(before.get(i)).as("%s: %s", id, requests.get(i)).isEqualTo(Decision.ALLOWED);
      }
      if (before.get(i) == Decision.EXPLICIT_DENY) {
        assertThat(after.get(i))
            .as("%s: %s", id, requests.get(i))
            .isEqualTo(Decision.EXPLICIT_DENY);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void addingAllow_neverLiftsAnExplicitDeny(String id, long seed) {
    Random random = new Random(seed);
    RandomScenarios.Spec spec = RandomScenarios.spec(random);
    List<Request> requests = requests(random);
    List<Decision> before =
        decide(RandomScenarios.build(spec, RandomScenarios.Style.plain()), requests);
    addStatement(random, spec, "Allow");
    List<Decision> after =
        decide(RandomScenarios.build(spec, RandomScenarios.Style.plain()), requests);
    for (int i = 0; i < requests.size(); i++) {
      if (before.get(i) == Decision.EXPLICIT_DENY) {
        assertThat(after.get(i))
            .as("%s: %s", id, requests.get(i))
            .isEqualTo(Decision.EXPLICIT_DENY);
      }
      if (before.get(i) == Decision.ALLOWED) {
        assertThat(after.get(i)).as("%s: %s", id, requests.get(i)).isEqualTo(Decision.ALLOWED);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void orderAndFormatting_doNotChangeDecisions(String id, long seed) {
    Random random = new Random(seed);
    RandomScenarios.Spec spec = RandomScenarios.spec(random);
    List<Request> requests = requests(random);
    List<Decision> plain =
        decide(RandomScenarios.build(spec, RandomScenarios.Style.plain()), requests);
    for (int whitespace = 0; whitespace < 4; whitespace++) {
      RandomScenarios.Style style =
          new RandomScenarios.Style(new Random(seed + whitespace), true, whitespace, false);
      assertThat(decide(RandomScenarios.build(spec, style), requests))
          .as("%s with statements, policies and members reordered, whitespace %d", id, whitespace)
          .isEqualTo(plain);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void actionAndKeyCase_doNotChangeDecisions(String id, long seed) {
    Random random = new Random(seed);
    RandomScenarios.Spec spec = RandomScenarios.spec(random);
    List<Request> requests = requests(random);
    List<Decision> plain =
        decide(RandomScenarios.build(spec, RandomScenarios.Style.plain()), requests);
    Random caseRandom = new Random(seed ^ 0x5DEECE66DL);
    PolicySet recased =
        RandomScenarios.build(spec, new RandomScenarios.Style(caseRandom, false, 0, true));
    List<Request> recasedRequests = requests.stream().map(r -> recase(r, caseRandom)).toList();
    assertThat(decide(recased, recasedRequests))
        .as("%s with actions and condition keys in random case", id)
        .isEqualTo(plain);
  }

  private static Request recase(Request request, Random random) {
    RequestContext.Builder context = RequestContext.builder();
    for (String key : request.context().keys()) {
      String spelled = RandomScenarios.recase(key, random);
      if (request.context().isMultivalued(key)) {
        context.put(spelled, request.context().values(key).orElseThrow());
      } else {
        context.put(spelled, request.context().value(key).orElseThrow());
      }
    }
    return Request.builder()
        .principal(request.principal())
        .action(RandomScenarios.recase(request.action(), random))
        .resource(request.resource())
        .resourceAccount(request.resourceAccount())
        .context(context.build())
        .build();
  }
}
