package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The evaluator against {@link ReferenceEvaluator}, a plain transcription of docs/semantics.md, on
 * seeded random scenarios ({@link RandomScenarios}): any disagreement fails, with the smallest
 * scenario that still shows it (policies, statements, condition entries and context keys dropped
 * while the two still disagree).
 *
 * <p>{@code -Darbiter.diff.count=N} sets the number of scenarios (default 100,000; a scenario is a
 * policy set and one request; each set is asked {@value #REQUESTS_PER_SET} requests), {@code
 * -Darbiter.diff.seed=S} the seed.
 */
class DifferentialTest {
  private static final int REQUESTS_PER_SET = 5;

  @Test
  void evaluatorAgreesWithReference() {
    int count = Integer.getInteger("arbiter.diff.count", 100_000);
    long seed = Long.getLong("arbiter.diff.seed", 20261204L);
    Stats stats = compare(count, seed, false);
    // The generator must reach every outcome often, or the comparison proves little.
    for (Decision decision : Decision.values()) {
      assertThat(stats.decisions.getOrDefault(decision, 0))
          .as("%s among %d scenarios over %d sets", decision, stats.scenarios, stats.sets)
          .isGreaterThan(stats.scenarios / 50);
    }
  }

  /**
   * S3 Block Public Access (§9.13), which the general generator turns on for a third of the sets
   * but seldom with a grant it can take away: here every set restricts public buckets and its
   * resource policy allows s3:* to "*" besides its random statements.
   */
  @Test
  void blockPublicAccess_evaluatorAgreesWithReference() {
    int count = Integer.getInteger("arbiter.diff.count", 100_000) / 10;
    long seed = Long.getLong("arbiter.diff.seed", 20261204L) + 13;
    Stats stats = compare(count, seed, true);
    assertThat(stats.blocked)
        .as("requests whose decision S3 Block Public Access changed, of %d", stats.scenarios)
        .isGreaterThan(stats.scenarios / 100);
    assertThat(stats.decisions.getOrDefault(Decision.ALLOWED, 0))
        .as("allowed among %d scenarios", stats.scenarios)
        .isGreaterThan(stats.scenarios / 20);
  }

  /** What a comparison run saw. */
  private static final class Stats {
    int scenarios;
    int sets;
    final Map<Decision, Integer> decisions = new java.util.EnumMap<>(Decision.class);

    /** Requests whose decision differs from the same set's with Block Public Access off. */
    int blocked;
  }

  private static Stats compare(int count, long seed, boolean publicBuckets) {
    Random random = new Random(seed);
    Stats stats = new Stats();
    while (stats.scenarios < count) {
      long setSeed = random.nextLong();
      Random one = new Random(setSeed);
      RandomScenarios.Spec spec = RandomScenarios.spec(one);
      if (publicBuckets) {
        RandomScenarios.restrictPublicBuckets(spec, one);
      }
      PolicySet set = RandomScenarios.build(spec, RandomScenarios.Style.plain());
      Evaluator evaluator;
      ReferenceEvaluator reference;
      try {
        evaluator = Evaluator.of(set);
      } catch (InvalidPolicyException e) {
        // The reference refuses the same policies; nothing to compare.
        assertThat(refuses(set)).as("reference also refuses set %d: %s", setSeed, e).isTrue();
        continue;
      }
      reference = new ReferenceEvaluator(set);
      stats.sets++;
      Evaluator withoutBlock =
          set.s3BlockPublicAccess().restrictPublicBuckets()
              ? Evaluator.of(set.toBuilder().s3BlockPublicAccess(S3BlockPublicAccess.OFF).build())
              : evaluator;
      for (int i = 0; i < REQUESTS_PER_SET; i++) {
        Request request = RandomScenarios.request(one);
        Decision actual = evaluator.evaluate(request);
        Decision expected = reference.decide(request);
        stats.scenarios++;
        stats.decisions.merge(actual, 1, Integer::sum);
        if (withoutBlock.evaluate(request) != actual) {
          stats.blocked++;
        }
        if (actual != expected) {
          fail(
              "evaluator and reference disagree (seed %d, set seed %d, request %d); smallest"
                  + " scenario found:%n%s",
              seed, setSeed, i, Shrinker.shrink(spec, request));
        }
      }
    }
    return stats;
  }

  private static boolean refuses(PolicySet set) {
    try {
      new ReferenceEvaluator(set);
      return false;
    } catch (InvalidPolicyException e) {
      return true;
    }
  }

  /** Makes a disagreeing scenario smaller while the two evaluators still disagree. */
  static final class Shrinker {
    private Shrinker() {}

    static String shrink(RandomScenarios.Spec spec, Request request) {
      Map<String, Object> tree = tree(spec);
      Request current = request;
      boolean progress = true;
      while (progress) {
        progress = false;
        for (List<Object> path : removable(tree, new ArrayList<>())) {
          Map<String, Object> smaller = copy(tree);
          remove(smaller, path);
          if (disagree(smaller, current)) {
            tree = smaller;
            progress = true;
            break;
          }
        }
        if (!progress) {
          for (String key : current.context().keys()) {
            Request smaller = withoutKey(current, key);
            if (disagree(tree, smaller)) {
              current = smaller;
              progress = true;
              break;
            }
          }
        }
      }
      PolicySet set = RandomScenarios.build(spec(tree), RandomScenarios.Style.plain());
      return "policies: "
          + tree
          + "\nrequest: "
          + current
          + " resourceAccount="
          + current.resourceAccount()
          + " context="
          + current.context()
          + "\nevaluator: "
          + Evaluator.of(set).evaluate(current)
          + ", reference: "
          + new ReferenceEvaluator(set).decide(current)
          + "\nexplanation:\n"
          + Evaluator.of(set).explain(current);
    }

    private static boolean disagree(Map<String, Object> tree, Request request) {
      try {
        PolicySet set = RandomScenarios.build(spec(tree), RandomScenarios.Style.plain());
        return Evaluator.of(set).evaluate(request) != new ReferenceEvaluator(set).decide(request);
      } catch (RuntimeException e) {
        return false; // no longer a valid scenario
      }
    }

    private static Request withoutKey(Request request, String dropped) {
      RequestContext.Builder context = RequestContext.builder();
      for (String key : request.context().keys()) {
        if (key.equals(dropped)) {
          continue;
        }
        if (request.context().isMultivalued(key)) {
          context.put(key, request.context().values(key).orElseThrow());
        } else {
          context.put(key, request.context().value(key).orElseThrow());
        }
      }
      return request.withContext(context.build());
    }

    private static Map<String, Object> tree(RandomScenarios.Spec spec) {
      Map<String, Object> tree = new LinkedHashMap<>();
      tree.put("identity", spec.identity);
      tree.put("resource", spec.resource);
      tree.put("boundary", spec.boundary);
      tree.put("session", spec.session);
      tree.put("scps", spec.scps);
      tree.put("rcps", spec.rcps);
      tree.put("endpoint", spec.endpoint);
      tree.put("management", spec.management);
      tree.put("serviceLinked", spec.serviceLinked);
      tree.put("resourceManagement", spec.resourceManagement);
      tree.put("restrictAccount", spec.restrictAccount);
      tree.put("restrictBucket", spec.restrictBucket);
      tree.put("publicVerdict", spec.publicVerdict);
      return copy(tree);
    }

    @SuppressWarnings("unchecked")
    private static RandomScenarios.Spec spec(Map<String, Object> tree) {
      RandomScenarios.Spec spec =
          new RandomScenarios.Spec(
              (Map<String, Object>) tree.getOrDefault("resource", Map.of()),
              (Map<String, Object>) tree.getOrDefault("boundary", Map.of()));
      spec.identity.addAll((List<Map<String, Object>>) tree.getOrDefault("identity", List.of()));
      spec.session.addAll((List<Map<String, Object>>) tree.getOrDefault("session", List.of()));
      spec.scps.addAll((List<List<Map<String, Object>>>) tree.getOrDefault("scps", List.of()));
      spec.rcps.addAll((List<List<Map<String, Object>>>) tree.getOrDefault("rcps", List.of()));
      spec.endpoint.addAll((List<Map<String, Object>>) tree.getOrDefault("endpoint", List.of()));
      spec.management = Boolean.TRUE.equals(tree.get("management"));
      spec.serviceLinked = Boolean.TRUE.equals(tree.get("serviceLinked"));
      spec.resourceManagement = Boolean.TRUE.equals(tree.get("resourceManagement"));
      spec.restrictAccount = Boolean.TRUE.equals(tree.get("restrictAccount"));
      spec.restrictBucket = Boolean.TRUE.equals(tree.get("restrictBucket"));
      spec.publicVerdict = (Integer) tree.getOrDefault("publicVerdict", 0);
      return spec;
    }

    /** Deep copy into mutable maps and lists. */
    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
      if (value instanceof Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, copy(v)));
        return (T) out;
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>();
        list.forEach(v -> out.add(copy(v)));
        return (T) out;
      }
      return value;
    }

    /** Paths (map keys and list indexes) to every map entry and list element, outermost first. */
    private static List<List<Object>> removable(Object node, List<Object> path) {
      List<List<Object>> out = new ArrayList<>();
      List<List<Object>> deeper = new ArrayList<>();
      if (node instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          List<Object> child = new ArrayList<>(path);
          child.add(entry.getKey());
          out.add(child);
          deeper.addAll(removable(entry.getValue(), child));
        }
      } else if (node instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          List<Object> child = new ArrayList<>(path);
          child.add(i);
          out.add(child);
          deeper.addAll(removable(list.get(i), child));
        }
      }
      out.addAll(deeper);
      return out;
    }

    private static void remove(Object root, List<Object> path) {
      Object node = root;
      for (int i = 0; i < path.size() - 1; i++) {
        node = child(node, path.get(i));
      }
      Object last = path.get(path.size() - 1);
      if (node instanceof Map<?, ?> map) {
        map.remove(last);
      } else if (node instanceof List<?> list) {
        list.remove((int) (Integer) last);
      }
    }

    private static Object child(Object node, Object step) {
      Object child =
          node instanceof Map<?, ?> map
              ? map.get(step)
              : node instanceof List<?> list ? list.get((Integer) step) : null;
      if (child == null) {
        throw new IllegalStateException("no " + step + " in " + node);
      }
      return child;
    }
  }
}
