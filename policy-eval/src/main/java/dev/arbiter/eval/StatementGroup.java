package dev.arbiter.eval;

import dev.arbiter.policy.value.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements of policies that are scanned together (all identity-based policies, the resource
 * policy, one SCP level, ...), indexed by action so that a request looks only at the statements
 * whose Action or NotAction covers its action.
 *
 * <p>Each statement goes into the buckets of its action patterns: an exact action ({@code
 * s3:getobject}), a service prefix ({@code s3:get*}), or the fallback list (NotAction, and patterns
 * whose service part has a wildcard, such as {@code *}). The statements that apply to an action are
 * the members of those three buckets whose action test passes, in document order; that list is
 * computed once per action and kept (up to {@link #MEMO_LIMIT} actions, beyond which it is computed
 * for each request). Immutable apart from that thread-safe memo.
 */
final class StatementGroup {
  /** More distinct actions than AWS has; bounds the memory a stream of odd actions can take. */
  static final int MEMO_LIMIT = 20_000;

  static final StatementGroup EMPTY = new StatementGroup(List.of());

  final List<CompiledPolicy> policies;
  private final CompiledStatement[] all;
  private final Map<String, int[]> exact;
  private final Map<String, int[]> byService;
  private final int[] fallback;
  private final Map<String, CompiledStatement[]> memo = new ConcurrentHashMap<>();

  StatementGroup(List<CompiledPolicy> policies) {
    this.policies = policies;
    List<CompiledStatement> statements = new ArrayList<>();
    for (CompiledPolicy policy : policies) {
      statements.addAll(Arrays.asList(policy.statements));
    }
    this.all = statements.toArray(new CompiledStatement[0]);
    Map<String, List<Integer>> exactLists = new HashMap<>();
    Map<String, List<Integer>> serviceLists = new HashMap<>();
    List<Integer> fallbackList = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      ActionMatcher actions = all[i].actions;
      if (actions.negated()) {
        fallbackList.add(i);
        continue;
      }
      for (String pattern : actions.lowerPatterns()) {
        int colon = pattern.indexOf(':');
        String service = colon < 0 ? pattern : pattern.substring(0, colon);
        if (colon < 0 || Glob.hasWildcard(service)) {
          fallbackList.add(i);
        } else if (Glob.hasWildcard(pattern)) {
          serviceLists.computeIfAbsent(service, k -> new ArrayList<>()).add(i);
        } else {
          exactLists.computeIfAbsent(pattern, k -> new ArrayList<>()).add(i);
        }
      }
    }
    this.exact = freeze(exactLists);
    this.byService = freeze(serviceLists);
    this.fallback = fallbackList.stream().mapToInt(Integer::intValue).toArray();
  }

  static List<StatementGroup> of(List<List<CompiledPolicy>> levels) {
    return levels.stream().map(StatementGroup::new).toList();
  }

  private static Map<String, int[]> freeze(Map<String, List<Integer>> lists) {
    Map<String, int[]> out = new HashMap<>();
    lists.forEach((key, list) -> out.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  /** Every statement, in document order. */
  CompiledStatement[] all() {
    return all;
  }

  /** The statements whose action test passes for the action (lower case), in document order. */
  CompiledStatement[] candidates(String actionLower) {
    CompiledStatement[] known = memo.get(actionLower);
    if (known != null) {
      return known;
    }
    CompiledStatement[] computed = compute(actionLower);
    if (memo.size() < MEMO_LIMIT) {
      memo.putIfAbsent(actionLower, computed);
    }
    return computed;
  }

  private CompiledStatement[] compute(String actionLower) {
    int colon = actionLower.indexOf(':');
    String service = colon < 0 ? actionLower : actionLower.substring(0, colon);
    int[] a = exact.getOrDefault(actionLower, new int[0]);
    int[] b = byService.getOrDefault(service, new int[0]);
    int[] positions = new int[a.length + b.length + fallback.length];
    System.arraycopy(a, 0, positions, 0, a.length);
    System.arraycopy(b, 0, positions, a.length, b.length);
    System.arraycopy(fallback, 0, positions, a.length + b.length, fallback.length);
    Arrays.sort(positions);
    List<CompiledStatement> out = new ArrayList<>();
    int previous = -1;
    for (int position : positions) {
      if (position != previous && all[position].actions.matches(actionLower)) {
        out.add(all[position]);
      }
      previous = position;
    }
    return out.toArray(new CompiledStatement[0]);
  }
}
